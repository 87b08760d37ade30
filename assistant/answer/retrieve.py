"""Question -> the papers that support an answer.

Dense search (exact over every vector for a small collection, ``index/exact.py``; Chroma's HNSW
above) and BM25 over the same stored chunks are fused through LlamaIndex's ``QueryFusionRetriever``
(one query: no hidden LLM calls), by default with distribution-based score fusion: each retriever's
scores are normalized by their own spread, so a BM25 hit that stands far above the rest (a rare
acronym, an exact name) outweighs a dense hit that barely leads; reciprocal rank fusion
(``fusion="rrf"``) is one setting away. Chunks are then grouped by paper, and every kept passage gets
its exact cosine similarity to the question, the one score the rest of the pipeline trusts (fused
ranks are not comparable across questions).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TransformComponent

from ..index import keywords
from ..index.columns import FilterColumns
from ..index.exact import EXACT_UP_TO, StoredVectors, cosine
from ..index.store import PaperStore
from ..index.vocabulary import TermStats
from ..models import listed
from ..settings import Settings
from .filters import Filters
from .fusion import MaskedBM25, fuse, ours

_PASSAGES_PER_PAPER = 3
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    text: str
    similarity: float  # cosine similarity to the question


@dataclass(frozen=True)
class RetrievedPaper:
    paper_id: str
    title: str
    url: str
    date: str
    passages: tuple[Passage, ...]  # best first
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    doi: str = ""
    arxiv_id: str = ""
    collection: str = ""

    @classmethod
    def of(cls, meta: dict, passages: tuple[Passage, ...]) -> RetrievedPaper:
        """From a stored chunk's metadata (``chunk_nodes`` writes it)."""
        return cls(meta["paper_id"], meta["title"], meta.get("url", ""), meta.get("date", ""), passages,
                   listed(meta.get("authors")), listed(meta.get("categories")), meta.get("doi", ""),
                   meta.get("arxiv_id", ""), meta.get("collection", ""))

    @property
    def similarity(self) -> float:
        return max(p.similarity for p in self.passages)


@dataclass
class Retrieval:
    query: str
    papers: list[RetrievedPaper]
    query_embedding: list[float]
    seconds: float

    @property
    def support(self) -> float:
        """How well the best passage matches the question: the abstention signal."""
        return max((p.similarity for p in self.papers), default=0.0)


class Retriever:
    def __init__(self, settings: Settings, store: PaperStore, embedding: BaseEmbedding) -> None:
        self.settings = settings
        self.store = store
        self.embedding = embedding
        self._lock = threading.Lock()
        self._built_version: int | None = None
        self._retrievers: dict[str, BaseRetriever] = {}
        self._terms = TermStats({}, 0)
        self._columns: FilterColumns | None = None
        self._index: VectorStoreIndex | None = None  # the dense index of the built version
        self._vectors: StoredVectors | None = None  # or, for a small collection, every vector in memory
        self._awaiting: int | None = None  # version whose keyword index a background thread is building
        self._builder: threading.Thread | None = None

    def _current(self) -> dict[str, BaseRetriever]:
        """Retrievers for the store as it is now; reopened when an ingest (here or elsewhere) changed it,
        or when a keyword index that was being built has become ready."""
        version = self.store.version()
        with self._lock:
            ready = self._awaiting is not None and keywords.index_dir(self.store, self._awaiting).exists()
            if self._awaiting is not None and not ready and version == self._built_version:
                self._start_keyword_build(self._awaiting)  # a no-op while it runs; a retry if it died
            if version != self._built_version or ready:
                if version != (self.store.opened_version if self._built_version is None else self._built_version):
                    self.store.refresh()  # the writer may have been another process, even before the first build
                self._retrievers, self._terms, self._columns = self._build(version)
                self._built_version = version
            return self._retrievers

    def term_stats(self) -> TermStats:
        """Document frequencies of content terms over the stored papers (for the decline decision)."""
        self._current()
        return self._terms

    def facets(self) -> dict[str, list[str]]:
        """The collections and categories the store holds, for filter menus (from the keyword index;
        empty while a server host is still building it)."""
        self._current()
        columns = self._columns
        if columns is None:
            return {"collections": [], "categories": []}
        return {"collections": sorted(n for n in columns.collection_names if n),
                "categories": sorted(n for n in columns.category_names if n)}

    @property
    def keyword_status(self) -> str:
        """A sentence for the status line while the keyword index is being built, else empty."""
        if self._awaiting is None:
            return ""
        return "building the keyword index from the server; answering from dense search until it is ready"

    def _build(self, version: int) -> tuple[dict[str, BaseRetriever], TermStats, FilterColumns | None]:
        self._awaiting = None
        if self.store.count() == 0:
            return {}, TermStats({}, 0), None
        self._index = VectorStoreIndex.from_vector_store(self.store.vector_store, embed_model=self.embedding,
                                                         transformations=[_ReadOnly()])
        self._vectors = StoredVectors.read(self.store.collection) if self.store.count() <= EXACT_UP_TO else None
        dense = self._dense(None)
        path = keywords.index_dir(self.store, version)
        if not path.exists():
            if self.settings.chroma_host:
                # Fetching a large collection from a server takes a while: answer meanwhile.
                self._awaiting = version
                self._start_keyword_build(version)
                return {"dense": dense}, TermStats({}, 0), None
            path = keywords.build(self.store, self.settings, version)  # a store written before indexes existed
        bm25, terms, columns = keywords.open_index(path, self.settings.candidates)
        return {"dense": dense, "bm25": bm25}, terms, columns

    def _dense(self, where: dict | None) -> BaseRetriever:
        """Dense search over the index of the current version, within Chroma's ``where`` if given."""
        if self._vectors is not None:
            return self._vectors.retriever(self.settings.candidates, where)
        return self._index.as_retriever(similarity_top_k=self.settings.candidates,
                                        vector_store_kwargs={"where": where} if where else {})

    def _filtered(self, retrievers: dict[str, BaseRetriever], filters: Filters) -> dict[str, BaseRetriever]:
        """The same retrievers restricted to ``filters``: Chroma's where clause, and a weight mask over
        the keyword index (made per question; the shared retrievers are never changed)."""
        out = {"dense": self._dense(filters.where())}
        if "bm25" in retrievers and self._columns is not None:
            out["bm25"] = MaskedBM25(retrievers["bm25"], filters.mask(self._columns))
        return out

    def _start_keyword_build(self, version: int) -> None:
        if self._builder is not None and self._builder.is_alive():
            return
        def build() -> None:
            try:
                keywords.build(self.store, self.settings, version)
            except Exception as exc:  # a server gone for a moment: the next question tries again
                logger.warning("building the keyword index for version %s failed: %s", version, exc)

        self._builder = threading.Thread(target=build, name="keyword-index", daemon=True)
        self._builder.start()

    def retrieve(self, query: str, k: int | None = None, kind: str | None = None,
                 filters: Filters | None = None) -> Retrieval:
        started = time.perf_counter()
        k = k or self.settings.top_k
        vector = self.embedding.get_query_embedding(query)
        bundle = QueryBundle(query_str=query, embedding=vector)
        retrievers = self._current()
        if filters and retrievers:
            retrievers = self._filtered(retrievers, filters)
        kind = kind or self.settings.retriever
        if retrievers and "bm25" not in retrievers:
            kind = "dense"  # the keyword index is still being built
        if not retrievers:
            hits, leaders = [], []
        elif kind == "hybrid":
            hits, leaders = fuse(retrievers, bundle, self.settings)
        else:
            hits, leaders = ours(retrievers[kind].retrieve(bundle)), []
        papers = self._group(hits, k, vector, leaders)
        return Retrieval(query=query, papers=papers, query_embedding=vector, seconds=time.perf_counter() - started)

    def including(self, found: Retrieval, paper_ids: Sequence[str], filters: Filters | None = None) -> Retrieval:
        """``found`` with these papers first (those the question names by their own names, which a
        question's other words can push out of the ranking), in place of the weakest."""
        have = {p.paper_id for p in found.papers}
        missing = [pid for pid in dict.fromkeys(paper_ids) if pid not in have]
        if not missing:
            return found
        started = time.perf_counter()
        extra = self.among(found.query, missing, filters, vector=found.query_embedding).papers
        kept = found.papers[: max(0, len(found.papers) - len(extra))] if found.papers else []
        return Retrieval(found.query, extra + kept, found.query_embedding,
                         found.seconds + time.perf_counter() - started)

    def among(self, query: str, paper_ids: Sequence[str], filters: Filters | None = None,
              vector: list[float] | None = None) -> Retrieval:
        """Only these papers, ranked by their best chunk: a follow-up stays on the previous answer's subject."""
        started = time.perf_counter()
        vector = vector if vector is not None else self.embedding.get_query_embedding(query)
        where: dict = {"paper_id": {"$in": list(paper_ids)}}
        if filters and (extra := filters.where()):
            where = {"$and": [where, extra]}
        got = self.store.collection.get(where=where, include=["documents", "metadatas", "embeddings"])
        scores = cosine(np.asarray(got["embeddings"], dtype=np.float32), vector) if got["ids"] else []
        chunks: dict[str, list[tuple[Passage, dict]]] = {}
        for chunk_id, text, meta, score in zip(got["ids"], got["documents"], got["metadatas"], scores):
            chunks.setdefault(meta["paper_id"], []).append((Passage(chunk_id, text, float(score)), meta))
        papers = []
        for group in chunks.values():
            group.sort(key=lambda item: -item[0].similarity)
            meta = group[0][1]
            passages = tuple(p for p, _ in group[:_PASSAGES_PER_PAPER])
            papers.append(RetrievedPaper.of(meta, passages))
        papers.sort(key=lambda p: -p.similarity)
        return Retrieval(query=query, papers=papers, query_embedding=vector, seconds=time.perf_counter() - started)

    def _group(
        self, hits: list[NodeWithScore], k: int, query_vector: list[float], leaders: list[str]
    ) -> list[RetrievedPaper]:
        """Papers in order of their best chunk's fused rank, each with its best few chunks.

        ``leaders`` (each single retriever's top paper) always make the cut: reciprocal rank fusion
        rewards agreement, so a paper that only BM25 finds (a rare acronym, an exact name) would
        otherwise lose to papers both retrievers rank middling.
        """
        chunks: dict[str, list[NodeWithScore]] = {}
        for hit in hits:
            group = chunks.setdefault(hit.node.metadata["paper_id"], [])
            if len(group) < _PASSAGES_PER_PAPER:
                group.append(hit)
        order = list(chunks)[:k]
        for leader in leaders:
            replaceable = [pid for pid in order if pid not in leaders]
            if leader in chunks and leader not in order and replaceable:
                order.remove(replaceable[-1])  # the weakest fused paper
                order.append(leader)
        rank = {pid: i for i, pid in enumerate(chunks)}
        order.sort(key=rank.__getitem__)
        ids = [hit.node.node_id for pid in order for hit in chunks[pid]]
        similarity = self._similarities(ids, query_vector)
        papers = []
        for paper_id in order:
            group = chunks[paper_id]
            meta = group[0].node.metadata
            passages = sorted(
                (Passage(h.node.node_id, h.node.get_content(), similarity.get(h.node.node_id, 0.0)) for h in group),
                key=lambda p: -p.similarity,
            )
            papers.append(RetrievedPaper.of(meta, tuple(passages)))
        return papers

    def _similarities(self, chunk_ids: list[str], query_vector: list[float]) -> dict[str, float]:
        if not chunk_ids:
            return {}
        if self._vectors is not None and (held := self._vectors.similarities(chunk_ids, query_vector)) is not None:
            return held  # the vectors exact search holds: no second read of them from Chroma
        got = self.store.collection.get(ids=chunk_ids, include=["embeddings"])
        scores = cosine(np.asarray(got["embeddings"], dtype=np.float32), query_vector)
        return {cid: float(s) for cid, s in zip(got["ids"], scores)}


class _ReadOnly(TransformComponent):
    """The dense index's transformations: it only reads, since ``ingest`` cuts and writes the chunks.
    Naming them spares LlamaIndex's default, a node parser that loads tiktoken's encoding (0.4 s of
    every start) for inserts that never happen here."""

    def __call__(self, nodes, **kwargs):
        raise TypeError("the dense index is read-only here: papers are chunked and written by assistant.ingest")
