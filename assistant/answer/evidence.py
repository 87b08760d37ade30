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

from collections.abc import Iterable

from ..index.terms import content_terms, content_words, names, stem
from ..index.vocabulary import TermStats
from ..models import Evidence

# Fitted by evals/calibrate.py on the calibration halves. The chunk similarity earned no weight once
# the best sentence's was there (it is kept in the record: people read it).
WEIGHTS = {"dense": 0.0, "sentence": 0.6, "coverage": 0.3, "title": 0.1}
UNKNOWN_NAME_PENALTY = 0.2


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
