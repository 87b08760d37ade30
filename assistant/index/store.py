"""The Chroma collection that holds chunks: embedded on disk by default, or a Chroma server.

What one stored record holds is ``records.py``'s business; this module opens, reads, writes and locks
the collection. Each chunk's metadata says which paper it belongs to, that paper's content hash and how many chunks
the paper has, so the store itself tells which papers are complete and current. That is what makes
ingest idempotent and safe to interrupt: a paper whose chunks are missing or stale is rewritten.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import StoreError, StoreMismatchError
from ..settings import Settings
from .client import collection_names, connect, where_is
from .exact import EXACT_UP_TO
from .lock import exclusive
from .records import StoredSentence, record_metadata, sentences_of

VERSION_KEY = "version"
PAPERS_KEY = "papers"
PENDING_KEY = "pending"  # set while an ingest writes; cleared by the version bump that ends it
# Rows per Chroma get() when listing a large store. Memory grows with the page far beyond the rows'
# size (first chunks carry sentence vectors): reading 20k chunks peaked at 808 MiB with pages of
# 5,000 and 186 MiB with pages of 500, which were also faster (1.9 s against 2.8 s).
_GET_PAGE = 500
_CHROMA_EF = 100  # HNSW search breadth, for collections too large to search exactly (``exact.py``)


@dataclass(frozen=True)
class StoredPaper:
    content_hash: str
    expected_chunks: int
    stored_chunks: int

    @property
    def complete(self) -> bool:
        return self.stored_chunks == self.expected_chunks


class PaperStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = connect(settings)
        self.name = settings.collection_name
        try:
            self.collection = self._open()
        except Exception as exc:  # chromadb raises many unrelated types for one cause: cannot open
            raise StoreError(f"cannot open Chroma collection {self.name!r} at {self.location}: {exc}") from exc
        meta = self.collection.metadata or {}
        if meta.get("fingerprint") != settings.index_fingerprint:
            raise StoreMismatchError(
                f"collection {self.name!r} at {self.location} was built with other settings "
                f"(embed_model={meta.get('embed_model')!r}, chunk_tokens={meta.get('chunk_tokens')}, "
                f"chunk_overlap={meta.get('chunk_overlap')}); its vectors are not used. "
                "Run `assistant ingest --rebuild` to rebuild it for the current settings."
            )

    def _open(self):
        metadata = {
            "fingerprint": self.settings.index_fingerprint,
            "embed_model": self.settings.embed_model,
            "chunk_tokens": self.settings.chunk_tokens,
            "chunk_overlap": self.settings.chunk_overlap,
            VERSION_KEY: 0,
        }
        collection = self.client.get_or_create_collection(
            self.name, metadata=metadata, configuration={"hnsw": {"space": "cosine", "ef_search": _CHROMA_EF}},
            embedding_function=None,
        )
        # an older store was made searching at ef 500; once it outgrows the exact search, HNSW's usual breadth
        breadth = (collection.configuration_json.get("hnsw") or {}).get("ef_search")
        if collection.count() > EXACT_UP_TO and breadth != _CHROMA_EF:
            collection.modify(configuration={"hnsw": {"ef_search": _CHROMA_EF}})
            if not self.settings.chroma_host:  # an embedded client keeps the graph it loaded: load it anew
                self._reconnect()
            collection = self.client.get_collection(self.name, embedding_function=None)
        self.opened_version = int((collection.metadata or {}).get(VERSION_KEY, 0))  # what this client loaded
        return collection

    def _reconnect(self) -> None:
        close = getattr(self.client, "close", None)
        if close is not None:
            close()
        self.client = connect(self.settings)

    def refresh(self) -> None:
        """Reopen an embedded store so that writes made by another process are seen.

        Chroma keeps the vector index of an embedded store in memory; after another process (the CLI
        while the app runs) has written, the cached index no longer matches the metadata on disk, and
        queries fail with "Error finding id". Releasing this client and opening a new one reloads it.
        """
        if self.settings.chroma_host:
            return  # a server is the single owner of its index
        self._reconnect()
        self.collection = self._open()
        self.__dict__.pop("vector_store", None)

    @property
    def location(self) -> str:
        return where_is(self.settings)

    @cached_property
    def vector_store(self):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.collection)

    # Reading -----------------------------------------------------------------------------------

    def count(self) -> int:
        return self.collection.count()

    def warm(self) -> None:
        """Have an embedded Chroma load its vector index now rather than on the first question: the
        first query loads it (a quarter of a second for the bundled store, natively, without the
        interpreter lock), so a query for one stored vector does."""
        if self.settings.chroma_host:
            return  # a server holds its index
        try:
            got = self.collection.get(limit=1, include=["embeddings"])
            if len(got["ids"]):
                self.collection.query(query_embeddings=got["embeddings"][:1], n_results=1, include=[])
        except Exception as exc:  # chromadb raises many types; each means the index cannot be read
            raise StoreError(f"cannot load the vector index of {self.name!r} at {self.location}: {exc}; "
                             "`assistant ingest --rebuild` embeds the papers again") from exc

    def version(self) -> int:
        """Bumped by every write: readers (BM25, a running app) rebuild what they derived when it moves."""
        fresh = self.client.get_collection(self.name)
        return int((fresh.metadata or {}).get(VERSION_KEY, 0))

    def _pages(self, include: list[str], where: dict | None = None) -> Iterator[dict[str, Any]]:
        """Every record (matching ``where``), a page at a time. The ids are listed first and each page is
        read by id: Chroma reads a page at an offset by stepping over every record before it, so offset
        pages made a full read quadratic (a page at offset 900,000 took 2.1 s, the same page by id 0.07 s)."""
        ids = self.collection.get(include=[], where=where)["ids"]
        for start in range(0, len(ids), _GET_PAGE):
            page = self.collection.get(ids=ids[start : start + _GET_PAGE], include=include)
            if page["ids"]:
                yield page

    def stored_papers(self) -> dict[str, StoredPaper]:
        counts: Counter[tuple[str, str, int]] = Counter()
        for page in self._pages(["metadatas"]):
            for meta in page["metadatas"]:
                counts[(meta["paper_id"], meta["paper_hash"], int(meta["n_chunks"]))] += 1
        papers: dict[str, StoredPaper] = {}
        for (paper_id, content_hash, expected), stored in counts.items():
            previous = papers.get(paper_id)
            if previous is not None:  # chunks of two versions of one paper: treat as incomplete
                papers[paper_id] = StoredPaper("", expected, -1)
            else:
                papers[paper_id] = StoredPaper(content_hash, expected, stored)
        return papers

    def paper_states(self, paper_ids: Sequence[str]) -> dict[str, StoredPaper]:
        """What the store holds of these papers (absent: none of it), read by chunk id."""
        if not paper_ids:
            return {}
        firsts = self.collection.get(ids=[f"{pid}:0" for pid in paper_ids], include=["metadatas"])
        expected = {m["paper_id"]: (m["paper_hash"], int(m["n_chunks"])) for m in firsts["metadatas"]}
        ids = [f"{pid}:{i}" for pid, (_, n) in expected.items() for i in range(n)]
        counts: Counter[str] = Counter()
        for start in range(0, len(ids), _GET_PAGE):
            got = self.collection.get(ids=ids[start : start + _GET_PAGE], include=["metadatas"])
            counts.update(m["paper_id"] for m in got["metadatas"] if m["paper_hash"] == expected[m["paper_id"]][0])
        return {pid: StoredPaper(content_hash, n, counts[pid]) for pid, (content_hash, n) in expected.items()}

    def paper_count(self) -> int:
        return self.stats()["papers"]

    def chunks(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(chunk id, text, flat metadata) of every stored chunk, read a page at a time."""
        for page in self._pages(["documents", "metadatas"]):
            yield from zip(page["ids"], page["documents"], page["metadatas"])

    def paper_records(self, paper_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The first chunk's metadata of each paper: it alone carries the whole abstract."""
        if not paper_ids:
            return {}
        got = self.collection.get(ids=[f"{pid}:0" for pid in paper_ids], include=["metadatas"])
        return {meta["paper_id"]: meta for meta in got["metadatas"]}

    def records_where(self, where: dict, limit: int = 10) -> dict[str, dict[str, Any]]:
        got = self.collection.get(where=where, include=["metadatas"], limit=limit)
        return {meta["paper_id"]: meta for meta in got["metadatas"]}

    def paper_sentences(self, paper_ids: Sequence[str], embed=None) -> dict[str, list[StoredSentence]]:
        """Each paper's abstract sentences in order, with their vectors (made by ``embed`` for a paper
        whose vectors are still to be filled in: ``backfill.py``)."""
        return sentences_of(self.paper_records(paper_ids), paper_ids, embed)

    def stats(self) -> dict[str, int]:
        """Papers and chunks; the paper count an ingest recorded, so a large store is not listed per call."""
        recorded = (self.client.get_collection(self.name).metadata or {}).get(PAPERS_KEY)
        if recorded is not None:
            return {"papers": int(recorded), "chunks": self.count()}
        papers = self.stored_papers()
        return {"papers": len(papers), "chunks": sum(p.stored_chunks for p in papers.values())}

    def notice(self) -> str:
        """A sentence for people when this store is empty but holds indexes built under other settings."""
        others = self.other_collections() if self.count() == 0 else []
        if not others:
            return ""
        return (
            f"The store at {self.location} holds {len(others)} index(es) built with other embedding or chunking "
            f"settings ({', '.join(others)}); they are never mixed with this one. `assistant ingest` builds the "
            "index for the current settings (the others stay untouched)."
        )

    def other_collections(self) -> list[str]:
        """Collections of this prefix built under other settings (never read, only reported)."""
        prefix = f"{self.settings.collection_prefix}-"
        return sorted(n for n in collection_names(self.client) if n.startswith(prefix) and n != self.name)

    # Writing -----------------------------------------------------------------------------------

    def delete_papers(self, paper_ids: Sequence[str]) -> None:
        for start in range(0, len(paper_ids), 500):
            self.collection.delete(where={"paper_id": {"$in": list(paper_ids[start : start + 500])}})

    def add_nodes(self, nodes: Sequence, sentences: Mapping[str, tuple[Sequence[str], Sequence[Sequence[float]]]]
                  = {}) -> None:
        """Nodes as LlamaIndex's ChromaVectorStore writes them (so its retriever reads them back), and on
        each paper's first chunk, ``sentences[paper_id]``: its abstract sentences and their vectors
        (``records.record_metadata``)."""
        # A Chroma server refuses more than get_max_batch_size() records per add (5,461 in 1.5.9).
        step = self.client.get_max_batch_size()
        for start in range(0, len(nodes), step):
            batch = nodes[start : start + step]
            metadatas = [record_metadata(node, sentences) for node in batch]
            self.collection.add(ids=[n.node_id for n in batch], embeddings=[n.get_embedding() for n in batch],
                                metadatas=metadatas, documents=[n.get_content() for n in batch])

    def pending(self) -> bool:
        """Whether an ingest wrote without finishing (killed): the next one must move the version."""
        return bool(self.metadata().get(PENDING_KEY))

    def mark_pending(self) -> None:
        self.set_metadata(**{PENDING_KEY: True})

    def bump_version(self, papers: int) -> None:
        version = int(self.metadata().get(VERSION_KEY, 0))
        self.set_metadata(**{VERSION_KEY: version + 1, PAPERS_KEY: papers, PENDING_KEY: False})

    def metadata(self) -> dict[str, Any]:
        """The collection's own metadata, as the store holds it now (another process may have written)."""
        return dict(self.client.get_collection(self.name).metadata or {})

    def set_metadata(self, **values: Any) -> None:
        meta = self.metadata()
        meta.update(values)
        self.collection.modify(metadata=meta)

    def origins(self) -> dict[str, tuple[str, str]]:
        """Each stored paper's (origin, source file name), read from first chunks a page at a time."""
        out = {}
        for page in self._pages(["metadatas"], where={"chunk_index": 0}):
            for meta in page["metadatas"]:
                out[meta["paper_id"]] = (meta.get("origin") or "", meta.get("source") or "")
        return out

    def write_lock(self) -> contextlib.AbstractContextManager[None]:
        """One writer at a time on an embedded store; a second ingest is refused, not interleaved."""
        if self.settings.chroma_host:
            return contextlib.nullcontext()  # a server serializes writes itself
        return exclusive(Path(self.settings.vectorstore_dir) / ".ingest.lock", self.location)
