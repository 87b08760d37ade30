"""How the two retrievers' hits become one ranking, and BM25 restricted to a filter without a loop.

Dense and BM25 are fused by LlamaIndex's ``QueryFusionRetriever`` (one query, so no hidden LLM
calls), recording each retriever's top paper on the way: ``Retriever`` keeps those leaders among
the papers it returns. A filter reaches BM25 as a weight mask that bm25s applies while scoring.
"""

from __future__ import annotations

import bm25s
import numpy as np
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.retrievers.bm25 import BM25Retriever

from ..settings import Settings


class MaskedBM25(BaseRetriever):
    """A shared ``BM25Retriever`` asked with a weight mask: bm25s scores only the admitted documents,
    with no loop over the corpus in Python (LlamaIndex's own metadata filters loop over every node)."""

    def __init__(self, inner: BM25Retriever, mask: np.ndarray) -> None:
        super().__init__()
        self.inner = inner
        self.mask = mask
        self.admitted = int(mask.sum())

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        inner = self.inner
        if not self.admitted:
            return []
        tokens = bm25s.tokenize(query_bundle.query_str, stemmer=inner.stemmer if not inner.skip_stemming else None,
                                token_pattern=inner.token_pattern, show_progress=False)
        k = min(inner.similarity_top_k, self.admitted)
        indexes, scores = inner.bm25.retrieve(tokens, k=k, show_progress=False, weight_mask=self.mask)
        # A masked document scores 0; bm25s hands back the stored corpus entry (or its index).
        return [NodeWithScore(node=metadata_dict_to_node(doc if isinstance(doc, dict) else inner.corpus[int(doc)]),
                              score=float(score))
                for doc, score in zip(indexes[0], scores[0]) if score > 0]


def ours(hits: list[NodeWithScore]) -> list[NodeWithScore]:
    """The hits that are chunks of a paper. Chroma can answer with a record it holds no metadata for
    (an embedded store whose writer was killed mid-write leaves the vector index ahead of its
    metadata until the next write): such a hit names no paper and cannot be cited."""
    return [hit for hit in hits if "paper_id" in hit.node.metadata]


class _Recorded(BaseRetriever):
    """Passes retrieval through and keeps the hits, so fusion's inputs stay visible to the caller."""

    def __init__(self, inner: BaseRetriever) -> None:
        super().__init__()
        self.inner = inner
        self.top_paper: str | None = None

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = ours(self.inner.retrieve(query_bundle))
        self.top_paper = hits[0].node.metadata["paper_id"] if hits else None
        return hits


def fuse(retrievers: dict[str, BaseRetriever], bundle: QueryBundle, settings: Settings
          ) -> tuple[list[NodeWithScore], list[str]]:
    """Dense and BM25 fused (a fresh, cheap fusion object per call: thread-safe)."""
    recorded = [_Recorded(retrievers["dense"]), _Recorded(retrievers["bm25"])]
    fusion = QueryFusionRetriever(
        recorded,
        llm=MockLLM(),  # never called: num_queries=1 generates no extra queries
        mode="dist_based_score" if settings.fusion == "dist" else "reciprocal_rerank",
        retriever_weights=[1 - settings.bm25_weight, settings.bm25_weight],
        num_queries=1,
        use_async=False,
        similarity_top_k=2 * settings.candidates,
    )
    hits = fusion.retrieve(bundle)
    leaders = list(dict.fromkeys(r.top_paper for r in recorded if r.top_paper))
    return hits, leaders
