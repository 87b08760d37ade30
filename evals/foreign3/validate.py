"""Validate evals/foreign3/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign3/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign3/validate.py --abstracts /tmp/foreign3_abstracts.jsonl

Only assistant.corpus.load_papers is used (to turn the .bib into titles and
abstracts); nothing else from the QA system is touched.
"""
import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = HERE / "ferigo-zotero.bib"
QUESTIONS = HERE / "questions.jsonl"

EXPECTED = {
    ("fact", ("paraphrase", "figure")): 16,
    ("fact", ("misspelled",)): 6,
    ("absent", ("named-absent",)): 12,
    ("unanswerable", ("near-domain",)): 10,
    ("topic", ("which-papers",)): 6,
}

# Key names of the near-domain questions: each must occur in the question
# and in no title or abstract of the corpus (case-insensitive).
UNANSWERABLE_NAMES = [
    ["DreamerV3", "Minecraft"], ["AlphaGo Zero", "Lee Sedol"], ["Boston Dynamics"],
    ["RT-2", "vision-language-action"], ["Decision Transformer", "D4RL"],
    ["TD3", "clipped double", "HalfCheetah"], ["MPPI", "model predictive path integral"],
    ["CARLA"], ["Dactyl", "Rubik"], ["ORB-SLAM", "EuRoC"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("MuJuCo", "MuJoCo"), ("Pinochio", "Pinocchio"), ("Stable-Baselnes3", "Stable-Baselines3"),
    ("Issac Gym", "Isaac Gym"), ("DeepMimc", "DeepMimic"), ("BayesSym", "BayesSim"),
]

DIGITS = list("0123456789")

# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    "Proximal Policy Optimization Algorithms": ["a2c", "acer", "%", "score"],
    "Soft Actor-Critic: Off-Policy Maximum Entropy Deep Reinforcement Learning with a Stochastic Actor": ["humanoid", "mujoco", "return"] + DIGITS,
    "OpenAI Gym": ["atari", "mujoco", "environment"] + DIGITS,
    "Brax – A Differentiable Physics Engine for Large Scale Rigid Body Simulation": ["per second", "tpu", "million", "steps"] + DIGITS,
    "Compiling machine learning programs via high-level tracing": ["tensorflow", "pytorch", "faster", "speed-up", "speedup", "×"] + DIGITS,
    "Reinforcement Learning for Robust Parameterized Locomotion Control of Bipedal Robots": ["m/s", "km/h", "speed"] + DIGITS,
    "Learning quadrupedal locomotion over challenging terrain": ["hour", " day", "minute", "year"] + DIGITS,
    "The iCub humanoid robot: An open-systems platform for research in cognitive development": ["53", "dof", "d.o.f"],
    "Trust Region Policy Optimization": ["kl", "divergence", "δ"] + DIGITS,
    "Adam: A Method for Stochastic Optimization": ["0.9", "β", "beta", "epsilon", "ε"] + DIGITS,
    "Design and use paradigms for gazebo, an open-source multi-robot simulator": ["physics", " ode ", "bullet", "simbody"],
    "Tools for simulating humanoid robot dynamics: A survey based on user feedback": ["respond", "participant"] + DIGITS,
}


def load_corpus(abstracts):
    if abstracts:
        rows = [json.loads(l) for l in open(abstracts, encoding="utf-8")]
        return [(r["title"], r["abstract"]) for r in rows], None
    sys.path.insert(0, str(HERE.parent.parent))
    from assistant.corpus import load_papers
    r = load_papers([str(BIB.relative_to(HERE.parent.parent))])
    return [(p.title, p.abstract) for p in r.papers], r.warnings


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--abstracts")
    args = ap.parse_args()
    corpus, warnings = load_corpus(args.abstracts)
    by_title = {}
    for t, a in corpus:
        by_title[t] = a
    blob = "\n".join((t + "\n" + a).lower() for t, a in corpus)
    errors = []

    rows = []
    for n, line in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: not JSON ({e})")
    ids = [r["id"] for r in rows]
    if ids != [f"m{i:03d}" for i in range(1, len(rows) + 1)]:
        errors.append("ids are not m001..mNNN in order")
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")

    counts = collections.Counter((r["kind"], tuple(r["tags"])) for r in rows)
    if dict(counts) != EXPECTED:
        errors.append(f"counts {dict(counts)} != {EXPECTED}")

    used = collections.Counter()
    for r in rows:
        keys = set(r)
        want = {"id", "kind", "question", "relevant", "facts", "tags"} | ({"detail"} if r["kind"] == "absent" else set())
        if keys != want:
            errors.append(f"{r['id']}: keys {sorted(keys)}")
        for t in r["relevant"]:
            if t not in by_title:
                errors.append(f"{r['id']}: relevant title not in corpus: {t!r}")
        if r["kind"] in ("fact", "absent"):
            if len(r["relevant"]) != 1:
                errors.append(f"{r['id']}: needs exactly one relevant paper")
            used.update(r["relevant"])
        if r["kind"] == "fact":
            if not r["facts"]:
                errors.append(f"{r['id']}: no facts")
            ab = by_title.get(r["relevant"][0], "").lower()
            for f in r["facts"]:
                if f.lower() not in ab:
                    errors.append(f"{r['id']}: fact {f!r} not in abstract")
        if r["kind"] == "absent":
            if r["facts"] or not r.get("detail"):
                errors.append(f"{r['id']}: absent needs facts=[] and a detail")
            terms = ABSENT_TERMS.get(r["relevant"][0])
            if terms is None:
                errors.append(f"{r['id']}: no absent-term check for this paper")
            else:
                ab = " " + by_title.get(r["relevant"][0], "").lower() + " "
                for term in terms:
                    if term in ab:
                        errors.append(f"{r['id']}: abstract contains {term!r}")
        if r["kind"] == "unanswerable" and (r["relevant"] or r["facts"]):
            errors.append(f"{r['id']}: unanswerable must have empty relevant/facts")
        if r["kind"] == "topic":
            if not r["question"].startswith("Which papers"):
                errors.append(f"{r['id']}: topic must start 'Which papers'")
            if not 2 <= len(r["relevant"]) <= 5:
                errors.append(f"{r['id']}: topic needs 2-5 relevant papers")
    for t, c in used.items():
        if c > 1:
            errors.append(f"paper used {c} times across fact/absent: {t!r}")

    unq = [r["question"].lower() for r in rows if r["kind"] == "unanswerable"]
    for names in UNANSWERABLE_NAMES:
        if not any(all(n.lower() in q for n in names) for q in unq):
            errors.append(f"unanswerable names {names} not found together in one question")
        for n in names:
            if n.lower() in blob:
                errors.append(f"unanswerable name {n!r} occurs in the corpus")

    misq = [r["question"] for r in rows if "misspelled" in r["tags"]]
    for typo, right in MISSPELLINGS:
        if not any(typo in q for q in misq):
            errors.append(f"typo {typo!r} not in a misspelled question")
        if typo.lower() in blob:
            errors.append(f"typo {typo!r} occurs in the corpus")
        if right.lower() not in blob:
            errors.append(f"correct name {right!r} not in the corpus")

    print(f"papers: {len(corpus)}; questions: {len(rows)}")
    if warnings is not None:
        print(f"parser warnings: {len(warnings)}")
    for (k, tags), c in sorted(counts.items()):
        print(f"  {k:13s} {','.join(tags):18s} {c}")
    if errors:
        print("FAILED:")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
