"""The checks every foreign corpus's question set passes (each folder's ``validate.py`` holds its own
expected counts, near-domain names, misspellings and absent-detail words, and calls ``main``).

Only assistant.corpus.load_papers is used (to turn the .bib into titles and abstracts); nothing else
from the QA system is touched.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Words that would carry a count or a figure, which an absent detail's abstract must not hold; a set's
# validate.py leaves out those the abstract uses for something else ("two datasets", "© 2014").
DIGITS = list("0123456789")
NUMBER_WORDS = [" one ", " two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ",
                "dozen", "several", "hundred", "thousand"]


def words_except(*keep):
    return [w for w in NUMBER_WORDS if w not in keep]


def digits_except(keep):
    return [d for d in DIGITS if d not in keep]


def load_corpus(bib: Path, abstracts: str | None):
    if abstracts:
        rows = [json.loads(l) for l in open(abstracts, encoding="utf-8")]
        return [(r["title"], r["abstract"]) for r in rows], None
    sys.path.insert(0, str(ROOT))
    from assistant.corpus import load_papers
    r = load_papers([str(bib.relative_to(ROOT))])
    return [(p.title, p.abstract) for p in r.papers], r.warnings


def main(here: Path, bib: str, prefix: str, expected: dict, unanswerable_names: list, misspellings: list,
         absent_terms: dict) -> int:
    """Check ``here``/questions.jsonl (ids ``prefix``001...) against the corpus in ``here``/``bib``."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--abstracts")
    args = ap.parse_args()
    corpus, warnings = load_corpus(here / bib, args.abstracts)
    by_title = {}
    for t, a in corpus:
        by_title[t] = a
    blob = "\n".join((t + "\n" + a).lower() for t, a in corpus)
    errors = []

    rows = []
    for n, line in enumerate((here / "questions.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: not JSON ({e})")
    ids = [r["id"] for r in rows]
    if ids != [f"{prefix}{i:03d}" for i in range(1, len(rows) + 1)]:
        errors.append(f"ids are not {prefix}001..{prefix}NNN in order")
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")

    counts = collections.Counter((r["kind"], tuple(r["tags"])) for r in rows)
    if dict(counts) != expected:
        errors.append(f"counts {dict(counts)} != {expected}")

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
            terms = absent_terms.get(r["relevant"][0])
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
    for names in unanswerable_names:
        if not any(all(n.lower() in q for n in names) for q in unq):
            errors.append(f"unanswerable names {names} not found together in one question")
        for n in names:
            if n.lower() in blob:
                errors.append(f"unanswerable name {n!r} occurs in the corpus")

    misq = [r["question"] for r in rows if "misspelled" in r["tags"]]
    for typo, right in misspellings:
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
