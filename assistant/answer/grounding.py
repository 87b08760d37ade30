"""LLM answers checked against their sources, claim by claim, before they are final.

A claim is a sentence of the answer with the ``[n]`` markers it carries. For each:

1. every figure it states (``66.7%``, ``2.4x`` / ``2.4×`` / ``2.4 times``, ``7B``, ``8,192 tokens``)
   must occur, normalised, in a source it cites;
2. every name it states (methods, models, datasets: words written as names) must occur in a cited
   source;
3. its best-matching sentence among the cited sources must be similar enough;
4. when the question names one paper, every figure must be that paper's: a figure another source
   gives is no answer to what was asked of it.

A sentence that states a number or a name and cites nothing is a claim too (``uncited``). The first
failed check names the status; ``supported`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from ..index.chunking import split_sentences
from ..index.records import StoredSentence
from ..index.terms import names, words
from ..models import SUPPORTED, Claim
from .cite import CITATION

FIGURE_MISSING = "figure not in source"
NAME_MISSING = "name not in source"
WEAK = "weak support"
UNCITED = "uncited"
OTHER_PAPER = "figure from another paper"  # the question names one paper; the figure is another's

MIN_SIMILARITY = 0.5  # below this, the best source sentence does not say what the claim says

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?<![A-Za-z\d.])(?P<n>{_NUMBER})\s*(?:(?P<pct>%|\\%|\s?percent\b)|(?P<x>x\b|×|\s?times\b|-?fold\b)"
    rf"|(?P<scale>[kmbt]\b|\s?(?:thousand|million|billion|trillion)\b))",
    re.IGNORECASE,
)
_SCALE = {"k": "k", "thousand": "k", "m": "m", "million": "m", "b": "b", "billion": "b", "t": "t", "trillion": "t"}


def figures(text: str) -> set[tuple[str, str]]:
    """Figures with their kind, normalised: ('66.7', '%'), ('2.4', 'x'), ('7', 'b')."""
    found = set()
    for match in _FIGURE.finditer(text):
        number = match.group("n").replace(",", "")
        if "." in number:
            number = number.rstrip("0").rstrip(".")
        if match.group("pct"):
            found.add((number, "%"))
        elif match.group("x"):
            found.add((number, "x"))
        else:
            found.add((number, _SCALE[match.group("scale").strip().casefold()]))
    return found


def check_claims(text: str, sources: Sequence[Sequence[StoredSentence]],
                 embed: Callable[[list[str]], list[list[float]]], min_similarity: float = MIN_SIMILARITY,
                 asked: int | None = None) -> list[Claim]:
    """``sources[n-1]``: the sentences of what ``[n]`` cites; ``embed``: texts -> vectors. ``asked``:
    the number of the paper the question names, if it names one: a figure must then come from it."""
    sentences = [s for s in split_sentences(text) if s.strip()]
    plain = [CITATION.sub("", s).strip() for s in sentences]
    vectors = np.asarray(embed(plain), dtype=np.float32) if plain else np.zeros((0, 1), np.float32)
    claims = []
    for sentence, bare, vector in zip(sentences, plain, vectors):
        cited = tuple(dict.fromkeys(int(n) for n in CITATION.findall(sentence)))
        stated_figures, stated_names = figures(bare), names(bare)
        if not cited:
            if stated_figures or stated_names or re.search(r"\d", bare):
                claims.append(Claim(sentence, (), UNCITED, detail="states a fact without citing a source"))
            continue
        pool = [s for n in cited if 1 <= n <= len(sources) for s in sources[n - 1]]
        source_text = " ".join(s.text for s in pool)
        source_figures, source_words = figures(source_text), words(source_text)
        best, similarity = "", 0.0
        if pool:
            unit = vector / (np.linalg.norm(vector) or 1.0)
            scores = np.stack([s.vector for s in pool]) @ unit
            best, similarity = pool[int(scores.argmax())].text, float(scores.max())
        missing_figures = sorted(f"{n}{k}" for n, k in stated_figures - source_figures)
        missing_names = [n for n in stated_names if n not in source_words]
        asked_figures = figures(" ".join(s.text for s in sources[asked - 1])) if asked and asked <= len(sources) else set()
        borrowed = sorted(f"{n}{k}" for n, k in stated_figures - asked_figures) if asked else []
        if asked and borrowed and not missing_figures:
            claim = Claim(sentence, cited, OTHER_PAPER, best, similarity,
                          f"{', '.join(borrowed)} is not from [{asked}], the paper the question asks about")
        elif missing_figures:
            claim = Claim(sentence, cited, FIGURE_MISSING, best, similarity,
                          f"{', '.join(missing_figures)} is not in the cited source")
        elif missing_names:
            claim = Claim(sentence, cited, NAME_MISSING, best, similarity,
                          f"{', '.join(missing_names)} is not in the cited source")
        elif similarity < min_similarity:
            claim = Claim(sentence, cited, WEAK, best, similarity,
                          f"the closest cited sentence is only {similarity:.2f} similar")
        else:
            claim = Claim(sentence, cited, SUPPORTED, best, similarity)
        claims.append(claim)
    return claims


def drop_flagged(text: str, claims: Sequence[Claim]) -> tuple[str, int]:
    """The answer without its flagged sentences, and how many were removed."""
    flagged = [c.text for c in claims if c.flagged]
    kept = text
    for sentence in flagged:
        kept = kept.replace(sentence, "")
    return (re.sub(r"[ \t]{2,}", " ", kept).strip() if flagged else text), len(flagged)
