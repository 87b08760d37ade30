"""Whether the collection supports an answer: the one decline decision, for both answer modes.

One dense similarity is a poor judge on its own: a short question that only names a method ("What
does QuEST do?") scores low against any passage, however certainly BM25 found the paper, while a
question about a topic next door to the collection scores fairly high with nothing to back it. So
the decision weighs four signals, each in [0, 1], and records them on the ``Answer``:

- ``dense``: cosine similarity of the best retrieved chunk;
- ``sentence``: cosine similarity of the best abstract sentence of the retrieved papers;
- ``coverage``: the IDF-weighted share of the question's content terms that the best paper's title
  and abstract contain, so a rare name the paper never mentions weighs heavily against it;
- ``title``: the same share counted in the paper's title alone (a question that names a method).

``score`` is their weighted sum; the assistant answers when it reaches ``Settings.min_support``.
The weights and the threshold were fitted on the calibration halves of the question sets in
``evals/`` and are checked on the held-out halves (``evals/README.md``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from .terms import content_terms, content_words, names, stem, words

# Fitted by evals/calibrate.py on the calibration halves. The chunk similarity earned no weight once
# the best sentence's was there (it is kept in the record: people read it).
WEIGHTS = {"dense": 0.0, "sentence": 0.6, "coverage": 0.3, "title": 0.1}
UNKNOWN_NAME_PENALTY = 0.2
_NAMES_A_PAPER = 0.5  # a title holding this share of the question's term weight is the paper it asks about


@dataclass(frozen=True)
class Evidence:
    dense: float
    sentence: float
    coverage: float
    title: float
    score: float
    threshold: float
    unknown_names: tuple[str, ...] = ()  # names in the question (InstructGPT, YOLOv8) that no paper mentions
    title_paper: int | None = None  # index of the retrieved paper whose title matches the question best

    @property
    def supported(self) -> bool:
        return self.score >= self.threshold

    @property
    def names_a_paper(self) -> bool:
        return self.title_paper is not None and self.title >= _NAMES_A_PAPER

    def to_dict(self) -> dict:
        data = asdict(self)
        data["unknown_names"] = list(self.unknown_names)
        data["supported"] = self.supported
        data["explanation"] = self.explain()
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in data.items()}

    def explain(self) -> str:
        """One sentence for people: why the assistant answered or declined."""
        verdict = "answered" if self.supported else "declined"
        reason = (f"support {self.score:.2f} {'≥' if self.supported else '<'} {self.threshold:.2f} "
                  f"(passage {self.dense:.2f}, sentence {self.sentence:.2f}, question terms found "
                  f"{self.coverage:.0%}, in a title {self.title:.0%})")
        if self.unknown_names:
            reason += f"; no paper mentions {', '.join(self.unknown_names[:4])}"
        return f"{verdict}: {reason}"


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


def weigh(question: str, stats: TermStats, dense: float, sentence: float,
          papers: Iterable[tuple[str, str]], threshold: float) -> Evidence:
    """``papers``: (title, abstract) of each retrieved paper; the best-covered one speaks for the set."""
    weights = {stem(w): stats.idf(stem(w)) for w in content_words(question)}
    total = sum(weights.values())
    coverage = title = 0.0
    title_paper = None
    if total:
        for index, (paper_title, abstract) in enumerate(papers):
            in_title = content_terms(paper_title)
            in_paper = in_title | content_terms(abstract)
            coverage = max(coverage, sum(w for t, w in weights.items() if t in in_paper) / total)
            share = sum(w for t, w in weights.items() if t in in_title) / total
            if share > title:
                title, title_paper = share, index
    signals = {"dense": max(0.0, dense), "sentence": max(0.0, sentence), "coverage": coverage, "title": title}
    unknown = tuple(n for n in names(question) if not stats.knows(n))
    score = sum(WEIGHTS[name] * value for name, value in signals.items()) - (UNKNOWN_NAME_PENALTY if unknown else 0.0)
    return Evidence(**signals, score=score, threshold=threshold, unknown_names=unknown, title_paper=title_paper)
