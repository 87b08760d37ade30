"""Corpus: takes files (the daily-papers text dump, JSON Lines, the arXiv metadata snapshot, CSV,
BibTeX, a Zotero database) and gives ``Paper``s, deduplicated by title, with warnings for what was skipped.

Every problem is a ``CorpusError`` naming the file and line. Line formats stream a line at a time,
so a file of any size is read in flat memory; nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import CorpusError
from ..models import Paper, normalize_title
from .bibtex import read_bibtex
from .daily import read_daily_dump
from .lines import numbered_lines, size_of
from .records import read_csv, read_jsonl
from .zotero import read_zotero

SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".bib")
BUNDLED_COLLECTION = "daily-papers"  # the collection name of the corpus the project ships
MAX_ABSTRACT_CHARS = 50_000  # the longest bundled abstract is about 2,500


@dataclass
class CorpusLoad:
    """Papers read from some files, deduplicated by normalized title, with what was noticed on the way."""

    papers: list[Paper] = field(default_factory=list)
    pairs_read: int = 0
    warnings: list[str] = field(default_factory=list)


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Expand folders into their corpus files, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            if not found:
                raise CorpusError(path, None, f"no corpus files ({', '.join(SUFFIXES)}) in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CorpusError(path, None, "no such file or folder")
    return files


def collection_of(path: Path) -> str:
    """The collection a file's papers belong to unless the ingest names one: the file's name, less its suffix."""
    return path.stem


def stream_papers(path: Path, collection: str | None = None, warnings: list[str] | None = None,
                  position: list[int] | None = None) -> Iterator[Paper]:
    """The papers of one file in file order, read as they are needed. ``position[0]`` follows the
    bytes read; ``warnings`` collects what is skipped (BibTeX entries without an abstract)."""
    collection = collection or collection_of(path)
    suffix = path.suffix.lower()
    count = 0
    if suffix == ".bib":
        papers = read_bibtex(path, collection, warnings if warnings is not None else [])
    elif suffix == ".sqlite":
        papers = read_zotero(path, collection, warnings if warnings is not None else [])
    else:
        lines = numbered_lines(path, position)
        if suffix in (".jsonl", ".json"):  # the arXiv snapshot is named .json but holds one object a line
            papers = read_jsonl(path, lines, collection)
        elif suffix == ".csv":
            papers = read_csv(path, lines, collection)
        else:
            papers = read_daily_dump(path, lines, collection)
    origin = str(path.resolve())
    for paper in papers:
        paper = replace(paper, origin=origin)
        if len(paper.abstract) > MAX_ABSTRACT_CHARS:
            raise CorpusError(path, paper.line, f"the abstract of {paper.title[:80]!r} is {len(paper.abstract):,} "
                              f"characters; the limit is {MAX_ABSTRACT_CHARS:,} (a whole paper is not an abstract)")
        count += 1
        yield paper
    if position is not None:
        position[0] = size_of(path)
    if not count:
        raise CorpusError(path, None, "no papers found in this file")


def read_file(path: Path, collection: str | None = None) -> list[Paper]:
    return list(stream_papers(path, collection))


def load_papers(paths: Iterable[Path | str], collection: str | None = None) -> CorpusLoad:
    """Every paper in memory, deduplicated: a repeated title keeps its last abstract (later files win).
    For sets that fit in memory (question generation, tests); ``ingest`` streams instead."""
    load = CorpusLoad()
    by_key: dict[str, Paper] = {}
    for path in discover(paths):
        for paper in stream_papers(path, collection, load.warnings):
            load.pairs_read += 1
            key = normalize_title(paper.title)
            earlier = by_key.get(key)
            if earlier is not None and earlier.abstract != paper.abstract:
                load.warnings.append(repeat_warning(paper, earlier.source, earlier.line))
            by_key.pop(key, None)  # re-insert so order follows the version kept
            by_key[key] = paper
    load.papers = list(by_key.values())
    return load


def repeat_warning(paper: Paper, earlier_source: str, earlier_line: int) -> str:
    return (f"{paper.source}:{paper.line}: title repeats {earlier_source}:{earlier_line} "
            "with a different abstract; keeping this later one")
