"""Answers without an LLM: quote the sentences of the retrieved abstracts that best answer the question.

A sentence scores by its embedding similarity to the question plus the share of the question's
content words it contains, nudged by how well its paper matched. Deterministic: the same store and
question give the same answer.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from .chunking import split_sentences
from .retrieve import RetrievedPaper
from .terms import content_terms

_PAPER_LIST_QUESTION = re.compile(
    r"^\s*(which|what)\s+(papers?|works?|studies|articles|methods)\b|^\s*(list|name|find|show)\b.*\bpapers?\b"
    r"|\bpapers?\s+(that|which|about|on|discussing|studying|proposing)\b",
    re.IGNORECASE,
)
_WEIGHT_SIMILARITY, _WEIGHT_OVERLAP, _WEIGHT_PAPER = 0.6, 0.4, 0.2
_MAX_PER_PAPER = 3
_RELATIVE_FLOOR = 0.75  # a quoted sentence scores at least this share of the best one
_CACHE_SIZE = 20_000


def is_paper_list_question(question: str) -> bool:
    return bool(_PAPER_LIST_QUESTION.search(question))


@dataclass(frozen=True)
class Quote:
    paper_index: int  # index into the retrieved papers
    position: int  # sentence position in the abstract
    sentence: str
    score: float


class SentenceRanker:
    def __init__(self, embedding: BaseEmbedding) -> None:
        self.embedding = embedding
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget cached sentence vectors (the eval harness times each configuration from cold)."""
        with self._lock:
            self._cache.clear()

    def _vectors(self, sentences: list[str]) -> np.ndarray:
        with self._lock:
            missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if missing:
            fresh = self.embedding.get_text_embedding_batch(missing)
            with self._lock:
                for sentence, vector in zip(missing, fresh):
                    v = np.asarray(vector, dtype=np.float32)
                    self._cache[sentence] = v / (np.linalg.norm(v) or 1.0)
                while len(self._cache) > _CACHE_SIZE:
                    self._cache.popitem(last=False)
        with self._lock:
            return np.stack([self._cache[s] for s in sentences])

    def rank(
        self, question: str, query_vector: list[float], papers: list[RetrievedPaper], abstracts: dict[str, str]
    ) -> list[Quote]:
        """Every sentence of every retrieved abstract, best first."""
        candidates: list[tuple[int, int, str]] = []
        for index, paper in enumerate(papers):
            text = abstracts.get(paper.paper_id) or " ".join(p.text for p in paper.passages)
            candidates.extend((index, pos, s) for pos, s in enumerate(split_sentences(text)))
        if not candidates:
            return []
        query = np.asarray(query_vector, dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        similarity = self._vectors([s for _, _, s in candidates]) @ query
        wanted = content_terms(question)
        quotes = []
        for (index, pos, sentence), sim in zip(candidates, similarity):
            overlap = len(wanted & content_terms(sentence)) / len(wanted) if wanted else 0.0
            score = _WEIGHT_SIMILARITY * float(sim) + _WEIGHT_OVERLAP * overlap + _WEIGHT_PAPER * papers[index].similarity
            quotes.append(Quote(index, pos, sentence, score))
        # Ties break on paper rank then position, so the order never depends on anything but the input.
        return sorted(quotes, key=lambda q: (-q.score, q.paper_index, q.position))


def select_quotes(ranked: list[Quote], limit: int) -> list[Quote]:
    if not ranked:
        return []
    floor = ranked[0].score * _RELATIVE_FLOOR
    chosen: list[Quote] = []
    per_paper: dict[int, int] = {}
    for quote in ranked:
        if len(chosen) == limit or quote.score < floor:
            break
        if per_paper.get(quote.paper_index, 0) >= _MAX_PER_PAPER:
            continue
        per_paper[quote.paper_index] = per_paper.get(quote.paper_index, 0) + 1
        chosen.append(quote)
    return chosen


def best_per_paper(ranked: list[Quote], n_papers: int) -> dict[int, Quote]:
    best: dict[int, Quote] = {}
    for quote in ranked:
        if quote.paper_index not in best and quote.paper_index < n_papers:
            best[quote.paper_index] = quote
    return best
