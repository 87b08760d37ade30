"""Misspelled paper names, made by rule rather than written: each paper whose title starts with a one-word
name ("QuEST: ...") is asked "What does <name> do?" with the name misspelled four ways (a letter
dropped, doubled, swapped with the next, or replaced), the first letter kept, and the answer counts
when its first source is a paper of that name. The names of the issue's scope (5+ letters, the typo on a letter)
are counted apart from the rest (names such as 4M-21 or A*-Decoding, where a typo may hit a digit or a
symbol).

Usage, from the repository root, on an ingested store (``ASSISTANT_VECTORSTORE_DIR`` picks it):
    .venv/bin/python evals/misspellings.py                        # the bundled corpus
    .venv/bin/python evals/misspellings.py evals/foreign3/*.bib   # the papers of these files

Prints the share answered from the right paper, by kind of typo, and the misses.
"""
from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import Assistant, Settings  # noqa: E402
from assistant.corpus import load_papers  # noqa: E402

KINDS = ("drop", "double", "swap", "replace")
_VOWELS, _CONSONANTS = "aeiou", "bcdfghklmnprstvw"


def misspelled(name: str, kind: str, rng: random.Random) -> str | None:
    """``name`` with one typo of ``kind`` on a letter after the first; None when it has no such letter."""
    spots = [i for i in range(1, len(name) - 1) if name[i].isalpha() and (kind != "swap" or name[i + 1].isalpha())]
    if not spots:
        return None
    i = rng.choice(spots)
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    letters = _VOWELS if name[i].lower() in _VOWELS else _CONSONANTS
    other = rng.choice([c for c in letters if c != name[i].lower()])
    return name[:i] + (other.upper() if name[i].isupper() else other) + name[i + 1 :]


def main() -> int:
    settings = Settings()
    papers = load_papers(sys.argv[1:] or [settings.corpus_dir]).papers
    assistant = Assistant(settings)
    rng = random.Random(7)
    right: Counter[tuple[str, bool]] = Counter()
    asked: Counter[tuple[str, bool]] = Counter()
    misses = []
    for paper in papers:
        name = paper.title.partition(":")[0].strip() if ":" in paper.title else ""
        if not name or " " in name or len(name) < 5:
            continue
        in_scope = sum(c.isalpha() for c in name) >= 5
        for kind in KINDS:
            typo = misspelled(name, kind, rng)
            if typo is None or typo.casefold() == name.casefold():
                continue
            answer = assistant.ask(f"What does {typo} do?")
            # several papers may go by one name (DrugBank 4.0, DrugBank 5.0): any of them is that name's
            ok = bool(answer.sources) and not answer.abstained and \
                answer.sources[0].title.partition(":")[0].strip().casefold() == name.casefold()
            asked[kind, in_scope] += 1
            right[kind, in_scope] += ok
            if not ok:
                misses.append(f"  {typo} (for {name}){'' if in_scope else ' [out of scope]'}")
    for scope, label in ((True, "5+ letters"), (False, "other names")):
        total = sum(asked[k, scope] for k in KINDS)
        if total:
            parts = ", ".join(f"{k} {right[k, scope]}/{asked[k, scope]}" for k in KINDS)
            print(f"{label}: {sum(right[k, scope] for k in KINDS)}/{total} "
                  f"({sum(right[k, scope] for k in KINDS) / total:.3f}) from the right paper; {parts}")
    print("misses:", *misses, sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
