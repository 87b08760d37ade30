"""Papers -> chunks -> vectors -> store, touching only what changed, in flat memory.

Two passes over the files. The first reads and checks every file (a bad line stops the ingest
before anything stored changes) and keeps each paper's 8-byte id, to tell which occurrence of a
repeated title is the last (the later version wins). The second reads them again and writes, a
batch of papers at a time: a paper is skipped when the store already holds all of its chunks under
the same content hash, otherwise its old chunks are deleted and the new ones written. Neither pass
holds the papers themselves, so a file of hundreds of thousands of lines streams through, and a
killed ingest resumes where it stopped when run again.
"""

from __future__ import annotations

import hashlib
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..corpus import discover, repeat_warning, stream_papers
from ..corpus.lines import size_of
from ..models import Paper
from ..settings import Settings
from . import backfill, keywords, sources
from .store import PaperStore
from .writer import Writer

if TYPE_CHECKING:  # the heavy imports wait until something must be embedded: a no-op ingest is quick
    from llama_index.core.base.embeddings.base import BaseEmbedding

_STATE_GROUP = 256  # papers whose stored state is read in one go


@dataclass
class IngestReport:
    papers_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # papers gone from their source (a sync)
    chunks_written: int = 0
    sentences_written: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        removed = f", {self.removed} removed (gone from their source)" if self.removed else ""
        return (
            f"{self.papers_read} papers read: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged{removed}; {self.chunks_written} chunks and {self.sentences_written} sentences "
            f"embedded in {self.seconds:.1f} s"
        )


@dataclass
class _Plan:
    """What the checking pass learned, in a few bytes per paper: which occurrence of each paper is
    its last (the one kept), by the ordinal of the paper in the files."""

    files: list[Path]
    last: np.ndarray  # bool per ordinal
    ids: np.ndarray  # uint64 paper id per ordinal
    per_file: list[int]  # papers read from each file
    warnings: list[str] = field(default_factory=list)

    def kept_ids(self) -> set[str]:
        return {f"{int(i):016x}" for i in self.ids[self.last]}

    @property
    def papers(self) -> int:
        return int(self.last.sum())


def ingest(
    paths: Iterable[Path | str],
    settings: Settings,
    store: PaperStore,
    embedding: Callable[[], BaseEmbedding],
    progress: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
    collection: str | None = None,
    prune: bool = False,
    feeds: dict[str, dict] | None = None,
    sentences_now: bool = True,
) -> IngestReport:
    """``embedding`` is a factory: an ingest with nothing to embed never loads the model.

    ``on_progress(done, total)`` hears of papers as they are written or found unchanged (the UI's
    status line uses it). ``collection`` names the papers' collection (default: each file's name).
    ``prune`` (a sync): papers these files held before and hold no longer are removed. Every file
    read is recorded as a source (``sources.py``); ``feeds`` gives an arXiv feed file's settings.
    ``sentences_now`` off (the app's first start) leaves the abstract sentences' vectors to
    ``backfill.fill``: the papers are searchable in a little over half the time. On, sentences left
    behind by an earlier such ingest are filled in too.
    """
    started = time.perf_counter()
    plan = _check(discover(paths), collection, progress)
    report = IngestReport(papers_read=plan.papers, warnings=plan.warnings)
    with store.write_lock():
        papers_before = store.paper_count()
        writer = Writer(settings, store, embedding, sentences_now)
        pending = store.pending()
        if prune and (gone := _gone(store, plan)):
            store.mark_pending()  # a sync killed now removes them again and moves the version next time
            pending = True
            store.delete_papers(gone)
            report.removed = len(gone)
        total, done = plan.papers, 0
        try:
            with _bar(progress, total, "papers", "Embedding") as bar:

                def finished(papers: int) -> None:
                    nonlocal done
                    if papers:
                        done += papers
                        bar.update(papers)
                        if on_progress:
                            on_progress(done, total)

                for group in _groups(_kept(plan, collection), _STATE_GROUP):
                    # What the store holds of these papers, asked a group at a time: a resumed ingest of a
                    # large file never lists the whole store.
                    stored = store.paper_states([p.paper_id for p in group])
                    for paper in group:
                        known = stored.get(paper.paper_id)
                        if known is not None and known.complete and known.content_hash == paper.content_hash:
                            report.unchanged += 1
                            finished(1)
                            continue
                        if known is None:
                            report.added += 1
                        else:
                            report.updated += 1
                        if not pending:
                            store.mark_pending()  # a killed ingest still moves the version when it is run again
                            pending = True
                        finished(writer.add(paper))
                finished(writer.finish())
        finally:
            writer.close()
            report.chunks_written, report.sentences_written = writer.chunks_written, writer.sentences_written
        _record_sources(store, plan, collection, feeds or {})
        if pending:
            store.bump_version(papers=papers_before + report.added - report.removed)
        # The keyword index of this version, for every process that answers from the store.
        keywords.build(store, settings, store.version())
        if sentences_now:
            backfill.fill(store, writer.model)
    report.seconds = time.perf_counter() - started
    return report


def _gone(store: PaperStore, plan: _Plan) -> list[str]:
    """Stored papers these files held and no longer hold (by origin; by file name for papers stored
    before origins were kept)."""
    kept = plan.kept_ids()
    paths = {str(p.resolve()) for p in plan.files}
    names = {p.name for p in plan.files}
    return [pid for pid, (origin, source) in store.origins().items()
            if (origin in paths if origin else source in names) and pid not in kept]


def _record_sources(store: PaperStore, plan: _Plan, collection: str | None, feeds: dict[str, dict]) -> None:
    known = sources.load(store)
    for path, count in zip(plan.files, plan.per_file):
        source = sources.Source.of(path, collection)
        if source.path in feeds or (source.path in known and known[source.path].kind == "arxiv"):
            source.kind, source.feed = "arxiv", feeds.get(source.path) or known[source.path].feed
        source.papers, source.synced, source.stamp = count, sources.now(), sources.stamp(path)
        known[source.path] = source
    sources.save(store, known)


def _check(files: list[Path], collection: str | None, progress: bool) -> _Plan:
    """Read every file once, checking it; keep 8 bytes per paper (its id) to find its last occurrence."""
    keys = array("Q")
    warnings: list[str] = []
    per_file: list[int] = []
    sizes = [size_of(path) for path in files]
    with _bar(progress, sum(sizes), "B", "Reading") as bar:
        for index, path in enumerate(files):
            position, shown, before = [0], 0, len(keys)
            for paper in stream_papers(path, collection, warnings, position):
                keys.append(int(paper.paper_id, 16))
                bar.update(position[0] - shown)
                shown = position[0]
            bar.update(sizes[index] - shown)
            per_file.append(len(keys) - before)
    ids = np.frombuffer(keys, dtype=np.uint64) if keys else np.zeros(0, dtype=np.uint64)
    order = np.argsort(ids, kind="stable")  # equal ids stay in file order: the last of a run is the last seen
    ranked = ids[order]
    ends = np.ones(len(ranked), dtype=bool)
    ends[:-1] = ranked[:-1] != ranked[1:]
    last = np.zeros(len(ids), dtype=bool)
    last[order[ends]] = True
    return _Plan(files, last, ids, per_file, warnings)


def _kept(plan: _Plan, collection: str | None) -> Iterator[Paper]:
    """The papers again, in the same order, each only at its last occurrence. An earlier occurrence
    with another abstract makes a warning (repeats are rare, so remembering them costs little)."""
    ordinal = 0
    earlier: dict[str, tuple[int, str, int]] = {}
    for path in plan.files:
        for paper in stream_papers(path, collection):
            digest = _digest(paper.abstract)
            seen = earlier.get(paper.paper_id)
            if seen is not None and seen[0] != digest:
                plan.warnings.append(repeat_warning(paper, seen[1], seen[2]))
            if plan.last[ordinal]:
                yield paper
            else:
                earlier[paper.paper_id] = (digest, paper.source, paper.line)
            ordinal += 1


def _groups(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    group: list[Paper] = []
    for paper in papers:
        group.append(paper)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _bar(progress: bool, total: int, unit: str, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, unit_scale=unit == "B", desc=desc, disable=not progress, leave=False)
