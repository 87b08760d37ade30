"""Reading papers from files: the daily-papers text dump, JSON Lines and CSV.

Every problem is a ``CorpusError`` naming the file and line. Nothing here touches the store, so a
bad file stops an ingest before anything stored changes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorpusError
from .models import Paper, normalize_title

SUFFIXES = (".txt", ".jsonl", ".csv")
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ABSTRACT_CHARS = 50_000  # the longest bundled abstract is about 2,500

# Page furniture of the daily-papers feed, as whole lines.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_LINE = re.compile(rf"^{_MONTH} \d{{1,2}}(?:, \d{{4}})?$")
_BANNERS = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "byAK and the research community",
    "Daily Papers",
    "Subscribe",
)
_LONE_FURNITURE = {"new", *(b.casefold() for b in _BANNERS)}
# A banner glued to the start of a title ("SubscribeUpcycling ...").
_GLUED_BANNER = re.compile("^(?:" + "|".join(re.escape(b) for b in _BANNERS) + r")\s*(?=\S)")

# A title is one line; an abstract is prose. These bounds separate them with a wide margin on the
# bundled feed (titles 22-146 characters, abstracts 876-1921) while admitting short user abstracts.
_MAX_TITLE_CHARS = 300
_MIN_ABSTRACT_WORDS = 12


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


def load_papers(paths: Iterable[Path | str]) -> CorpusLoad:
    """Read every file, then dedupe: a repeated title keeps its last abstract (later files win)."""
    load = CorpusLoad()
    by_key: dict[str, Paper] = {}
    for path in discover(paths):
        for paper in read_file(path):
            load.pairs_read += 1
            key = normalize_title(paper.title)
            earlier = by_key.get(key)
            if earlier is not None and earlier.abstract != paper.abstract:
                load.warnings.append(
                    f"{paper.source}:{paper.line}: title repeats {earlier.source}:{earlier.line} "
                    "with a different abstract; keeping this later one"
                )
            by_key.pop(key, None)  # re-insert so order follows the version kept
            by_key[key] = paper
    load.papers = list(by_key.values())
    return load


def read_file(path: Path) -> list[Paper]:
    text = _decode(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        papers = list(_read_jsonl(path, text))
    elif suffix == ".csv":
        papers = list(_read_csv(path, text))
    else:
        papers = list(_read_daily_dump(path, text))
    if not papers:
        raise CorpusError(path, None, "no papers found in this file")
    for paper in papers:
        if len(paper.abstract) > MAX_ABSTRACT_CHARS:
            raise CorpusError(path, paper.line, f"the abstract of {paper.title[:80]!r} is {len(paper.abstract):,} "
                              f"characters; the limit is {MAX_ABSTRACT_CHARS:,} (a whole paper is not an abstract)")
    return papers


def _decode(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CorpusError(path, None, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise CorpusError(path, 1, "file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise CorpusError(path, line, "binary data (NUL byte): not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusError(
            path, line, f"bytes that are not UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 4]!r})"
        ) from None


def _looks_like_abstract(line: str) -> bool:
    """Prose, not a title: long, or a full stop after enough words (titles rarely end with one)."""
    if len(line) > _MAX_TITLE_CHARS:
        return True
    return line.endswith((".", '."', ".)")) and len(line.split()) >= _MIN_ABSTRACT_WORDS


def _content_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, text, feed date) of each line that is neither blank nor page furniture."""
    date = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())  # tabs, NBSPs and doubled spaces inside a line
        if not line or line.casefold() in _LONE_FURNITURE:
            continue
        if _DATE_LINE.match(line):
            date = line
            continue
        while (stripped := _GLUED_BANNER.sub("", line, count=1)) != line:
            line = stripped
        if line.casefold() in _LONE_FURNITURE:
            continue
        yield number, line, date


def _read_daily_dump(path: Path, text: str) -> Iterator[Paper]:
    """Titles and abstracts on alternate content lines; an abstract may continue over several lines."""
    title: tuple[int, str, str] | None = None
    last: Paper | None = None
    for number, line, date in _content_lines(text):
        if title is None:
            if _looks_like_abstract(line):
                if last is None:
                    raise CorpusError(path, number, "text that reads as an abstract comes before any title")
                # A wrapped abstract: its next line is prose too.
                last = Paper(**{**last.__dict__, "abstract": f"{last.abstract} {line}"})
                continue
            if last is not None:
                yield last
                last = None
            title = (number, line, date)
        else:
            title_line, title_text, title_date = title
            if not _looks_like_abstract(line):
                raise CorpusError(
                    path, title_line, f"title {title_text[:80]!r} has no abstract (line {number} reads as another title)"
                )
            last = Paper(title=title_text, abstract=line, date=title_date, source=path.name, line=title_line)
            title = None
    if title is not None:
        raise CorpusError(path, title[0], f"title {title[1][:80]!r} has no abstract (the file ends)")
    if last is not None:
        yield last


def _record_to_paper(path: Path, line: int, record: object) -> Paper:
    if not isinstance(record, dict):
        raise CorpusError(path, line, "expected an object with 'title' and 'abstract'")
    title = " ".join(str(record.get("title") or "").split())
    abstract = " ".join(str(record.get("abstract") or "").split())
    if not title:
        raise CorpusError(path, line, "missing 'title'")
    if not abstract:
        raise CorpusError(path, line, f"title {title[:80]!r} has no abstract")
    authors = record.get("authors") or []
    if isinstance(authors, str):
        authors = [a for a in re.split(r"\s*[;|]\s*", authors) if a]
    elif not isinstance(authors, list):
        raise CorpusError(path, line, "'authors' must be a list or a ';'-separated string")
    return Paper(
        title=title,
        abstract=abstract,
        url=str(record.get("url") or "").strip(),
        date=str(record.get("date") or "").strip(),
        authors=tuple(str(a).strip() for a in authors),
        source=path.name,
        line=line,
    )


def _read_jsonl(path: Path, text: str) -> Iterator[Paper]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CorpusError(path, number, f"invalid JSON: {exc.msg} at column {exc.colno}") from None
        yield _record_to_paper(path, number, record)


def _read_csv(path: Path, text: str) -> Iterator[Paper]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {(name or "").strip().casefold() for name in reader.fieldnames or []}
    missing = {"title", "abstract"} - header
    if missing:
        raise CorpusError(path, 1, f"CSV header lacks column(s): {', '.join(sorted(missing))}")
    try:
        for row in reader:
            record = {(k or "").strip().casefold(): v for k, v in row.items()}
            if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
                continue
            yield _record_to_paper(path, reader.line_num, record)
    except csv.Error as exc:
        raise CorpusError(path, reader.line_num, f"malformed CSV: {exc}") from None
