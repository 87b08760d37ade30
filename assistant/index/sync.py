"""Every source read again and only the difference applied: ``assistant sync``.

A file or a Zotero library is read whole and ingested with ``prune``: new and changed papers are
embedded, papers it no longer holds are removed from the store and (with the next keyword index)
from keyword search. An arXiv feed first harvests what is new since it last stopped into its feed
file (``vectorstore/feeds/``), then that file is ingested. Each source's result is one line. A sync
killed midway leaves the store consistent (ingest writes whole papers and marks the store pending
before it removes any), and the next sync completes it. ``watch`` repeats whenever a source
changes (a file's or Zotero's database's size or time, its journal's too), and a running app picks
the new store version up by itself.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..corpus.arxiv_oai import Feed, Harvest
from ..errors import CorpusError
from . import sources
from .ingest import IngestReport, ingest

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from ..settings import Settings
    from .store import PaperStore

_FEED_EVERY = 6 * 3600  # seconds between harvests of an arXiv feed while watching (arXiv announces daily)


@dataclass
class Synced:
    source: sources.Source
    report: IngestReport | None = None
    problem: str = ""

    def line(self) -> str:
        name = Path(self.source.path).name
        if self.problem:
            return f"{self.source.kind} {name}: {self.problem}"
        r = self.report
        return (f"{self.source.kind} {name}: {r.added} added, {r.updated} changed, {r.removed} removed, "
                f"{r.unchanged} unchanged")


def feed_file(settings: Settings, categories: list[str]) -> Path:
    return Path(settings.vectorstore_dir) / "feeds" / f"arxiv-{'+'.join(sorted(categories))}.jsonl"


def follow_arxiv(settings: Settings, store: PaperStore, categories: list[str], since: str) -> Path:
    """Record an arXiv feed as a source (its feed file, empty until harvested)."""
    path = feed_file(settings, categories)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    known = sources.load(store)
    entry = known.get(str(path.resolve()))
    feed = entry.feed if entry else {}
    feed.update(categories=sorted(categories), since=since)
    known[str(path.resolve())] = sources.Source("arxiv", str(path.resolve()), "arxiv", entry.papers if entry else 0,
                                                entry.synced if entry else "", entry.stamp if entry else "", feed)
    sources.save(store, known)
    return path


def harvest(source: sources.Source, store: PaperStore, feed: Feed, limit: int | None) -> int:
    """New records of an arXiv feed appended to its file; where each category stands is saved after
    every page, after the page's lines are on disk, so a stop resumes without losing or doubling."""
    states = source.feed.setdefault("harvests", {})
    added = 0
    with open(source.path, "a", encoding="utf-8") as out:
        for category in source.feed["categories"]:
            state = Harvest(**states[category]) if category in states else Harvest(category, source.feed["since"])

            def save(h: Harvest) -> None:
                out.flush()
                os.fsync(out.fileno())
                states[category] = h.to_dict()
                known = sources.load(store)
                known[source.path] = source
                sources.save(store, known)

            for paper in feed.records(state, save, None if limit is None else max(0, limit - added)):
                out.write(json.dumps({"title": paper.title, "abstract": paper.abstract, "url": paper.url,
                                      "date": paper.date, "authors": list(paper.authors),
                                      "categories": list(paper.categories), "doi": paper.doi,
                                      "arxiv_id": paper.arxiv_id}, ensure_ascii=False) + "\n")
                added += 1
            if limit is not None and added >= limit:
                break
    return added


def sync(settings: Settings, store: PaperStore, embedding: Callable[[], BaseEmbedding], *, progress: bool = False,
         only: Callable[[sources.Source], bool] = lambda source: True, feed: Feed | None = None,
         limit: int | None = None) -> list[Synced]:
    """Read the sources ``only`` admits again (all of them by default) and apply the difference."""
    results = []
    for source in sources.load(store).values():
        if not only(source):
            continue
        path = Path(source.path)
        if not path.exists():  # moved or deleted: its papers stay until it is found again
            results.append(Synced(source, problem="not found; its papers are kept"))
            continue
        try:
            if source.kind == "arxiv":
                harvest(source, store, feed or Feed(url=settings.arxiv_url, delay=settings.arxiv_delay), limit)
                source = sources.load(store)[source.path]
            report = ingest([path], settings, store, embedding, progress=progress, collection=source.collection or None,
                            prune=source.kind != "arxiv", feeds={source.path: source.feed} if source.feed else None)
            results.append(Synced(source, report))
        except CorpusError as exc:  # one bad source does not stop the others
            results.append(Synced(source, problem=str(exc)))
    return results


def watch(settings: Settings, store: PaperStore, embedding: Callable[[], BaseEmbedding], interval: float,
          feed: Feed | None = None) -> Iterator[list[Synced]]:
    """Sync whenever a source has changed (an arXiv feed every few hours), forever."""
    harvested: dict[str, float] = {}
    while True:
        due = time.monotonic()

        def changed(source: sources.Source) -> bool:
            if source.kind == "arxiv":
                return due - harvested.get(source.path, -_FEED_EVERY) >= _FEED_EVERY
            return source.changed()

        results = sync(settings, store, embedding, only=changed, feed=feed)
        for result in results:
            if result.source.kind == "arxiv":
                harvested[result.source.path] = due
        if results:
            yield results
        time.sleep(interval)
