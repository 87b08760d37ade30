"""Dense search over every stored vector, for a collection small enough to hold them in memory.

An embedded Chroma saves a collection's HNSW graph only every ``sync_threshold`` (1,000) records and
rebuilds the rest from its log each time a process opens it, inserting in an order that differs from
process to process. In a graph built that way an outlying chunk can be unreachable at any search
breadth: "What is ARAUS?" lost its paper's best chunk (rank 14 of 30) in about one process in eight,
and the ranking with it. Up to ``EXACT_UP_TO`` chunks the cosine against every vector costs well
under a millisecond, and every process finds the same passages; above it HNSW searches.
"""

from __future__ import annotations

import logging
import math

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from llama_index.core.vector_stores.utils import legacy_metadata_dict_to_node, metadata_dict_to_node

logger = logging.getLogger(__name__)
EXACT_UP_TO = 5_000  # chunks: 7.7 MB of vectors at 384 dimensions
_PAGE = 1_000


class StoredVectors:
    """Every chunk's vector, in one matrix, read once per store version."""

    def __init__(self, collection) -> None:
        self.collection = collection
        ids: list[str] = []
        rows: list[np.ndarray] = []
        while got := collection.get(include=["embeddings"], limit=_PAGE, offset=len(ids)):
            if not len(got["ids"]):
                break
            ids.extend(got["ids"])
            rows.append(np.asarray(got["embeddings"], dtype=np.float32))
        self.ids = ids
        self.row = {chunk_id: i for i, chunk_id in enumerate(ids)}
        self.matrix = np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def similarities(self, chunk_ids: list[str], query_vector: list[float]) -> dict[str, float] | None:
        """Each chunk's cosine to the question, from memory; None when one of them is not held."""
        if any(chunk_id not in self.row for chunk_id in chunk_ids):
            return None
        scores = cosine(self.matrix[[self.row[c] for c in chunk_ids]], query_vector)
        return {chunk_id: float(score) for chunk_id, score in zip(chunk_ids, scores)}

    @classmethod
    def read(cls, collection) -> StoredVectors | None:
        """The vectors, or None when Chroma cannot list them all: an embedded store whose writer was killed
        mid-write may hold a vector its records do not know, which a full listing trips on ("Error finding
        id", even after the repairing sync) while Chroma's own search skips it and serves instead."""
        try:
            vectors = cls(collection)
            if len(vectors.ids) != (count := collection.count()):  # a listing that misses records is no index
                raise ValueError(f"{len(vectors.ids)} vectors listed of {count} records")
            return vectors
        except Exception as exc:  # chromadb raises InternalError here, and other types elsewhere
            logger.warning("searching Chroma's vector index: its vectors cannot be listed now (%s)", exc)
            return None

    def retriever(self, top_k: int, where: dict | None = None) -> ExactDense:
        """Search among all chunks, or only those Chroma's ``where`` admits."""
        admitted = None
        if where:
            allowed = set(self.collection.get(where=where, include=[])["ids"])
            admitted = np.fromiter((i in allowed for i in self.ids), dtype=bool, count=len(self.ids))
        return ExactDense(self, top_k, admitted)


class ExactDense(BaseRetriever):
    """Nodes and scores as LlamaIndex's Chroma store gives them (``exp(-cosine distance)``), so
    fusion merges a chunk that both retrievers find."""

    def __init__(self, vectors: StoredVectors, top_k: int, admitted: np.ndarray | None) -> None:
        super().__init__()
        self.vectors, self.top_k, self.admitted = vectors, top_k, admitted

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        vectors = self.vectors
        if not vectors.ids or query_bundle.embedding is None:
            return []
        scores = cosine(vectors.matrix, query_bundle.embedding)
        if self.admitted is not None:
            scores = np.where(self.admitted, scores, -np.inf)
        order = np.argsort(-scores, kind="stable")[: self.top_k]
        order = [int(i) for i in order if np.isfinite(scores[i])]
        if not order:
            return []
        got = vectors.collection.get(ids=[vectors.ids[i] for i in order], include=["documents", "metadatas"])
        stored = {cid: (text, meta) for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"])}
        hits = []
        for i in order:
            if (row := stored.get(vectors.ids[i])) is None:  # deleted since this version was read
                continue
            hits.append(NodeWithScore(node=_node(vectors.ids[i], *row), score=math.exp(float(scores[i]) - 1.0)))
        return hits


def cosine(matrix: np.ndarray, query_vector: list[float]) -> np.ndarray:
    """Each row's cosine similarity to the query (0 for a zero row)."""
    query = np.asarray(query_vector, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
    return matrix @ query / np.where(norms == 0, 1.0, norms)


def _node(chunk_id: str, text: str | None, meta: dict | None) -> TextNode:
    """The node LlamaIndex's Chroma store makes of a record, legacy metadata included."""
    try:
        return metadata_dict_to_node(meta or {}, text=text)
    except Exception:  # no ``_node_content``: a record Chroma holds no metadata for (``fusion.ours`` drops it)
        meta, info, relationships = legacy_metadata_dict_to_node(meta or {})
        return TextNode(text=text or "", id_=chunk_id, metadata=meta, start_char_idx=info.get("start"),
                        end_char_idx=info.get("end"), relationships=relationships)
