"""Papers -> chunks -> vectors -> store writes, a batch at a time (``ingest.py`` decides which papers)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from ..models import Paper
from ..settings import Settings
from . import heap
from .records import chunk_nodes, embed_grouped
from .store import PaperStore

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

WRITE_BATCH_CHUNKS = 64


class Writer:
    """Papers gathered into batches of about ``WRITE_BATCH_CHUNKS`` chunks, each embedded in one call
    (chunks and abstract sentences together) and written in one store write.

    A batch is embedded and written on a thread of its own while the next one is chunked here (ONNX
    Runtime releases the interpreter lock): chunking, a sixth of a first start's work, no longer
    waits its turn. One batch at a time is in flight, so memory stays that of two batches."""

    def __init__(self, settings: Settings, store: PaperStore, embedding: Callable[[], BaseEmbedding],
                 sentences_now: bool = True) -> None:
        from .chunking import Chunker

        self.store = store
        self.chunks_written = self.sentences_written = 0
        self.chunker = Chunker(settings.chunk_tokens, settings.chunk_overlap)
        self._embedding_factory = embedding
        self._model: BaseEmbedding | None = None
        self.sentences_now = sentences_now
        self.papers: list[Paper] = []
        self.nodes: list = []
        self.sentences: list[list[str]] = []
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="ingest-write")
        self._inflight: Future[int] | None = None

    def model(self) -> BaseEmbedding:
        if self._model is None:
            self._model = self._embedding_factory()
        return self._model

    def add(self, paper: Paper) -> int:
        """Queue a paper; returns how many papers the batch before this one wrote, once it has (else 0)."""
        from .chunking import split_sentences

        self.papers.append(paper)
        self.nodes.extend(chunk_nodes(paper, self.chunker.chunk(paper)))
        self.sentences.append(split_sentences(paper.abstract))
        return self.flush() if len(self.nodes) >= WRITE_BATCH_CHUNKS else 0

    def flush(self) -> int:
        """Wait for the batch in flight, then send off the gathered one; papers the first wrote."""
        written = self._wait()
        if self.papers:
            batch, self.papers, self.nodes, self.sentences = (self.papers, self.nodes, self.sentences), [], [], []
            self._inflight = self._pool.submit(self._write, *batch)
        return written

    def finish(self) -> int:
        """Write everything gathered; papers written since the last call."""
        return self.flush() + self._wait()

    def close(self) -> None:
        """No batch is left writing (an ingest stopped by an error waits for it before unlocking)."""
        try:
            self._wait()
        except BaseException:
            pass
        finally:
            self._pool.shutdown()  # its thread's model run (OpenVINO's working memory for it) goes with it
            heap.trim()

    def _wait(self) -> int:
        future, self._inflight = self._inflight, None
        return future.result() if future is not None else 0

    def _write(self, papers: list[Paper], nodes: list, sentences: list[list[str]]) -> int:
        from llama_index.core.schema import MetadataMode

        texts = [node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes]
        chunk_vectors, *sentence_vectors = embed_grouped(self.model().get_text_embedding_batch,
                                                         [texts, *(sentences if self.sentences_now else [])])
        for node, vector in zip(nodes, chunk_vectors):
            node.embedding = vector
        payload = {paper.paper_id: (each, sentence_vectors[i] if self.sentences_now else None)
                   for i, (paper, each) in enumerate(zip(papers, sentences))}
        self.store.delete_papers([p.paper_id for p in papers])
        self.store.add_nodes(nodes, payload)  # one write per batch: a paper's sentences travel with its chunks
        heap.trim()  # the batch's model run and write, freed, would stay resident and the next one add to it
        self.chunks_written += len(nodes)
        if self.sentences_now:
            self.sentences_written += sum(len(each) for each in sentences)
        return len(papers)
