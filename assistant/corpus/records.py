"""Collections as records: JSON Lines (our own fields, or the arXiv metadata snapshot's) and CSV.

Our fields: ``title``, ``abstract`` and optionally ``url``, ``date``, ``authors`` (a list, or a
string separated by ``;``), ``categories`` (a list, or a string separated by spaces, commas or
``;``) and ``doi``. An arXiv snapshot line (``id``, ``versions``, ``update_date``, ...) is
recognised by its fields and mapped: url ``https://arxiv.org/abs/<id>``, the first version's date,
its categories, its DOI, LaTeX and line breaks in title and abstract made plain text.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..errors import CorpusError
from ..models import Paper
from .latex import to_text

_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
_CATEGORY_SPLIT = re.compile(r"[\s,;]+")


def read_jsonl(path: Path, lines: Iterable[tuple[int, str]], collection: str) -> Iterator[Paper]:
    for number, raw in lines:
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CorpusError(path, number, f"invalid JSON: {exc.msg} at column {exc.colno}") from None
        if isinstance(record, dict) and _is_arxiv(record):
            yield _arxiv_paper(path, number, record, collection)
        else:
            yield record_to_paper(path, number, record, collection)


def read_csv(path: Path, lines: Iterable[tuple[int, str]], collection: str) -> Iterator[Paper]:
    reader = csv.DictReader((text for _, text in lines))
    try:
        header = {(name or "").strip().casefold() for name in reader.fieldnames or []}
        missing = {"title", "abstract"} - header
        if missing:
            raise CorpusError(path, 1, f"CSV header lacks column(s): {', '.join(sorted(missing))}")
        for row in reader:
            record = {(k or "").strip().casefold(): v for k, v in row.items()}
            if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
                continue
            yield record_to_paper(path, reader.line_num, record, collection)
    except csv.Error as exc:
        raise CorpusError(path, reader.line_num, f"malformed CSV: {exc}") from None


def record_to_paper(path: Path, line: int, record: object, collection: str) -> Paper:
    if not isinstance(record, dict):
        raise CorpusError(path, line, "expected an object with 'title' and 'abstract'")
    title = " ".join(str(record.get("title") or "").split())
    abstract = " ".join(str(record.get("abstract") or "").split())
    if not title:
        raise CorpusError(path, line, "missing 'title'")
    if not abstract:
        raise CorpusError(path, line, f"title {title[:80]!r} has no abstract")
    return Paper(
        title=title,
        abstract=abstract,
        url=str(record.get("url") or "").strip(),
        date=str(record.get("date") or "").strip(),
        authors=_names(path, line, record.get("authors"), "authors", _LIST_SPLIT),
        categories=_names(path, line, record.get("categories"), "categories", _CATEGORY_SPLIT),
        doi=str(record.get("doi") or "").strip(),
        arxiv_id=str(record.get("arxiv_id") or "").strip(),
        source=path.name,
        line=line,
        collection=collection,
    )


def _names(path: Path, line: int, value: object, field: str, separator: re.Pattern) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = separator.split(value)
    elif not isinstance(value, list):
        raise CorpusError(path, line, f"'{field}' must be a list or a separated string")
    return tuple(name for name in (" ".join(str(v).split()) for v in value) if name)


# arXiv metadata snapshot ------------------------------------------------------------------------------

def _is_arxiv(record: dict) -> bool:
    return "id" in record and ("versions" in record or "update_date" in record)


def _arxiv_paper(path: Path, line: int, record: dict, collection: str) -> Paper:
    arxiv_id = str(record.get("id") or "").strip()
    title = to_text(str(record.get("title") or ""))
    abstract = to_text(str(record.get("abstract") or ""))
    if not arxiv_id:
        raise CorpusError(path, line, "arXiv record without an 'id'")
    if not title:
        raise CorpusError(path, line, f"arXiv record {arxiv_id} has no title")
    if not abstract:
        raise CorpusError(path, line, f"arXiv record {arxiv_id} ({title[:80]!r}) has no abstract")
    return Paper(
        title=title,
        abstract=abstract,
        url=f"https://arxiv.org/abs/{arxiv_id}",
        date=_first_version_date(record.get("versions")) or str(record.get("update_date") or "").strip(),
        authors=_arxiv_authors(record),
        categories=tuple(str(record.get("categories") or "").split()),
        doi=str(record.get("doi") or "").strip(),
        arxiv_id=arxiv_id,
        source=path.name,
        line=line,
        collection=collection,
    )


def _first_version_date(versions: object) -> str:
    """The date of v1 as YYYY-MM-DD (the snapshot writes "Mon, 2 Apr 2007 19:18:42 GMT")."""
    if not isinstance(versions, list) or not versions or not isinstance(versions[0], dict):
        return ""
    try:
        return parsedate_to_datetime(str(versions[0].get("created") or "")).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return ""


def _arxiv_authors(record: dict) -> tuple[str, ...]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = []
        for parts in parsed:
            if isinstance(parts, list) and parts:
                last, first = to_text(str(parts[0])), to_text(str(parts[1])) if len(parts) > 1 else ""
                names.append(f"{first} {last}".strip())
        if names:
            return tuple(names)
    text = to_text(str(record.get("authors") or ""))
    return tuple(a for a in re.split(r",\s*|\s+and\s+", text) if a)
