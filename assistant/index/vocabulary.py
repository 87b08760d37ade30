"""The collection's vocabulary: which papers hold each content term, and every word it spells.

Written beside the keyword index at ingest (``keywords.py``) and read by the decline decision
(``answer/evidence.py``): a rare term is telling, and a name no paper spells is evidence that the
collection does not cover a question.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from .terms import content_terms, words


class TermStats:
    """How many papers contain each content term: what makes a term rare, and so telling."""

    def __init__(self, document_frequency: Mapping[str, int], papers: int, vocabulary: Iterable[str] = ()) -> None:
        self.df = dict(document_frequency)
        self.papers = papers
        self.vocabulary = frozenset(vocabulary)  # every whole word of the collection

    @classmethod
    def from_papers(cls, texts: Iterable[str]) -> "TermStats":
        df: Counter[str] = Counter()
        vocabulary: set[str] = set()
        papers = 0
        for text in texts:
            df.update(content_terms(text))
            vocabulary |= words(text)
            papers += 1
        return cls(df, papers, vocabulary)

    def knows(self, name: str) -> bool:
        """Whether some paper mentions this name; '718-billion-parameter' counts as its parts, while
        'flashattention-3' must appear whole (a version is not its family)."""
        if name in self.vocabulary or not self.vocabulary:  # no statistics yet: no evidence against
            return True
        return name[:1].isdigit() and all(part in self.vocabulary for part in name.split("-"))

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log((self.papers - df + 0.5) / (df + 0.5) + 1.0)
