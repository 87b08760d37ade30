"""Papers -> chunks -> vectors -> store, touching only what changed.

A paper is skipped when the store already holds all of its chunks under the same content hash;
otherwise its old chunks are deleted and the new ones written, a batch of papers at a time, so an
interrupted ingest is repaired by running it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from . import keywords
from .corpus import load_papers
from .models import Paper
from .settings import Settings
from .store import PaperStore, chunk_nodes

if TYPE_CHECKING:  # the heavy imports wait until something must be embedded: a no-op ingest is quick
    from llama_index.core.base.embeddings.base import BaseEmbedding

_WRITE_BATCH_CHUNKS = 64


@dataclass
class IngestReport:
    papers_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks_written: int = 0
    sentences_written: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.papers_read} papers read: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.chunks_written} chunks and {self.sentences_written} sentences "
            f"embedded in {self.seconds:.1f} s"
        )


def ingest(
    paths: Iterable[Path | str],
    settings: Settings,
    store: PaperStore,
    embedding: Callable[[], BaseEmbedding],
    progress: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """``embedding`` is a factory: an ingest with nothing to embed never loads the model.

    ``on_progress(done, total)`` hears of every written batch (the UI's status line uses it).
    """
    started = time.perf_counter()
    load = load_papers(paths)  # every file is read and checked before the store is touched
    report = IngestReport(papers_read=len(load.papers), warnings=load.warnings)
    with store.write_lock():
        stored = store.stored_papers()
        todo: list[Paper] = []
        for paper in load.papers:
            known = stored.get(paper.paper_id)
            if known is None:
                report.added += 1
            elif known.complete and known.content_hash == paper.content_hash:
                report.unchanged += 1
                continue
            else:
                report.updated += 1
            todo.append(paper)
        if todo:
            report.chunks_written, report.sentences_written = _write(todo, settings, store, embedding(), progress, on_progress)
            store.bump_version(papers=len(stored.keys() | {p.paper_id for p in load.papers}))
        # The keyword index of this version, for every process that answers from the store.
        keywords.build(store, settings, store.version())
    report.seconds = time.perf_counter() - started
    return report


def _write(
    papers: list[Paper],
    settings: Settings,
    store: PaperStore,
    model: BaseEmbedding,
    progress: bool,
    on_progress: Callable[[int, int], None] | None,
) -> tuple[int, int]:
    """Chunks and sentences written."""
    from llama_index.core.schema import MetadataMode
    from tqdm import tqdm

    from .chunking import Chunker, split_sentences

    chunker = Chunker(settings.chunk_tokens, settings.chunk_overlap)
    # A batch is some papers: their chunks and their abstract sentences, embedded in one call.
    batches: list[tuple[list[Paper], list, list[list[str]]]] = [([], [], [])]
    for paper in papers:
        if len(batches[-1][1]) >= _WRITE_BATCH_CHUNKS:
            batches.append(([], [], []))
        group, nodes, sentences = batches[-1]
        group.append(paper)
        nodes.extend(chunk_nodes(paper, chunker.chunk(paper)))
        sentences.append(split_sentences(paper.abstract))
    total = sum(len(nodes) for _, nodes, _ in batches)
    done = 0
    with tqdm(total=total, unit="chunk", desc="Embedding", disable=not progress, leave=False) as bar:
        for group, nodes, sentences in batches:
            texts = [node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes]
            vectors = model.get_text_embedding_batch(texts + [s for each in sentences for s in each])
            for node, vector in zip(nodes, vectors):
                node.embedding = vector
            offset, payload = len(nodes), {}
            for paper, each in zip(group, sentences):
                payload[paper.paper_id] = (each, vectors[offset : offset + len(each)])
                offset += len(each)
            store.delete_papers([p.paper_id for p in group])
            store.add_nodes(nodes, payload)  # one write per batch: a paper's sentences travel with its chunks
            bar.update(len(nodes))
            done += len(nodes)
            if on_progress:
                on_progress(done, total)
    return total, sum(len(each) for _, _, batch in batches for each in batch)
