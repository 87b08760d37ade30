"""BibTeX collections, as Zotero and most reference managers export them (with ``abstract`` fields).

bibtexparser reads the file; LaTeX in fields becomes plain text. An entry without an abstract has
nothing to answer from, and one without a title nothing to cite by (a note or an attachment a reference
manager exported): such entries are skipped and named together in a warning, not an error that would
refuse the whole library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from ..models import MONTHS, Paper
from .latex import to_text
from .lines import numbered_lines

MAX_BIB_BYTES = 200 * 1024 * 1024  # parsed whole, unlike the line formats that stream
_ARXIV_URL = "https://arxiv.org/abs/{}"


def read_bibtex(path: Path, collection: str, warnings: list[str]) -> Iterator[Paper]:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    if path.stat().st_size > MAX_BIB_BYTES:
        raise CorpusError(path, None, f"a BibTeX file is read whole; the limit is {MAX_BIB_BYTES:,} bytes")
    lines = [text for _, text in numbered_lines(path)]  # the encoding checks of every corpus file
    text = "".join(lines)
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False, interpolate_strings=True)
    try:
        database = bibtexparser.loads(text, parser)
    except Exception as exc:  # pyparsing's errors carry a line number
        raise CorpusError(path, getattr(exc, "lineno", None), f"unreadable BibTeX: {exc}") from None
    starts = _entry_lines(text)
    if not database.entries:
        raise CorpusError(path, None, "no BibTeX entries found in this file")
    skipped: dict[str, list[str]] = {"a title": [], "an abstract": []}
    for entry in database.entries:
        key = entry.get("ID", "")
        line = starts.get(key, 0)
        title = to_text(entry.get("title", ""))
        abstract = to_text(entry.get("abstract", ""))
        if not title or not abstract:
            skipped["an abstract" if title else "a title"].append(f"{key} (line {line})" if line else key)
            continue
        arxiv_id = _arxiv_id(entry)
        yield Paper(
            title=title,
            abstract=abstract,
            url=entry.get("url", "").strip() or (_ARXIV_URL.format(arxiv_id) if arxiv_id else ""),
            date=_date(entry),
            authors=tuple(_person(name) for name in re.split(r"\s+and\s+", entry.get("author", "")) if name.strip()),
            categories=_categories(entry),
            doi=entry.get("doi", "").strip(),
            arxiv_id=arxiv_id,
            source=path.name,
            line=line,
            collection=collection,
        )
    for lacking, keys in skipped.items():
        if keys:
            shown = ", ".join(keys[:20]) + (f" and {len(keys) - 20} more" if len(keys) > 20 else "")
            warnings.append(f"{path.name}: {len(keys)} entr{'y' if len(keys) == 1 else 'ies'} "
                            f"without {lacking} skipped: {shown}")


def _categories(entry: dict[str, str]) -> tuple[str, ...]:
    """The arXiv primary class of an arXiv entry, then its keywords (Zotero writes tags there)."""
    found = [entry.get("primaryclass", "").strip()]
    found += [to_text(k) for k in re.split(r"[,;]", entry.get("keywords", ""))]
    return tuple(dict.fromkeys(k for k in found if k))


def _entry_lines(text: str) -> dict[str, int]:
    """The line of each entry's ``@type{key,``: bibtexparser does not keep positions."""
    starts: dict[str, int] = {}
    for match in re.finditer(r"@\w+\s*[{(]\s*([^,\s]+)\s*,", text):
        starts.setdefault(match[1], text.count("\n", 0, match.start()) + 1)
    return starts


def _person(name: str) -> str:
    """"Last, First" (or "von Last, Jr, First") as "First Last"; "First Last" stays."""
    name = to_text(name.strip())
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}".strip()
    if len(parts) == 3:
        return f"{parts[2]} {parts[0]}, {parts[1]}".strip()
    return name


def _date(entry: dict[str, str]) -> str:
    if entry.get("date"):
        return entry["date"].strip()
    year = entry.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return year
    month = entry.get("month", "").strip().casefold()[:3]
    number = MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else 0)
    return f"{year}-{number:02d}" if number else year


def _arxiv_id(entry: dict[str, str]) -> str:
    if entry.get("archiveprefix", "").casefold() == "arxiv" and entry.get("eprint"):
        return entry["eprint"].strip()
    if match := re.search(r"arxiv\.org/abs/([\w./-]+?)(?:v\d+)?$", entry.get("url", "")):
        return match[1]
    return ""
