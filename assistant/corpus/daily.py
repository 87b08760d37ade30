"""The daily-papers feed as dumped to text: titles and abstracts on alternate lines, among page furniture.

Pages are dated "Mar 5" (no year); an abstract may wrap over several lines; banners ("Subscribe",
"Daily Papers") stand alone or glued to the next title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import CorpusError
from ..models import Paper

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


def _looks_like_abstract(line: str) -> bool:
    """Prose, not a title: long, or a full stop after enough words (titles rarely end with one)."""
    if len(line) > _MAX_TITLE_CHARS:
        return True
    return line.endswith((".", '."', ".)")) and len(line.split()) >= _MIN_ABSTRACT_WORDS


def _content_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, str]]:
    """(line number, text, feed date) of each line that is neither blank nor page furniture."""
    date = ""
    for number, raw in lines:
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


def read_daily_dump(path: Path, lines: Iterable[tuple[int, str]], collection: str) -> Iterator[Paper]:
    title: tuple[int, str, str] | None = None
    last: Paper | None = None
    for number, line, date in _content_lines(lines):
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
            last = Paper(title=title_text, abstract=line, date=title_date, source=path.name, line=title_line,
                         collection=collection)
            title = None
    if title is not None:
        raise CorpusError(path, title[0], f"title {title[1][:80]!r} has no abstract (the file ends)")
    if last is not None:
        yield last
