"""Which papers a question may draw on: a date range, categories, collections.

One ``Filters`` value is applied in both places retrieval looks, so a filtered answer never cites a
paper outside it: as a ``where`` clause inside Chroma (dense search and follow-ups), and as a
weight mask over the keyword index (columns written beside it, ``index/columns.py``).

Dates compare as YYYYMMDD numbers. A paper whose date has no year (the daily-papers feed prints
"Mar 5") has no number and is left out whenever a date bound is set: it cannot be shown to fall
inside. Categories match case-insensitively; a collection matches by its name or by the file name
its papers were read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import QuestionError
from ..index.columns import FilterColumns
from ..index.records import CATEGORY_LIST_KEY, COLLECTION_LIST_KEY
from ..models import listed

_BOUND = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def _bound(text: str | None, end: bool) -> int:
    """"2024" / "2024-05" / "2024-05-03" as YYYYMMDD: the first day of the period, or its last (``end``)."""
    if not text or not str(text).strip():
        return 0
    match = _BOUND.match(str(text).strip())
    if not match:
        raise QuestionError(f"Date {text!r} is not understood: write YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = int(match[1]), match[2], match[3]
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        raise QuestionError(f"Date {text!r} is not a calendar date.")
    month_n = int(month) if month else (12 if end else 1)
    day_n = int(day) if day else (31 if end else 1)
    return year * 10_000 + month_n * 100 + day_n


def _names(values: str | Iterable[str] | None) -> tuple[str, ...]:
    if not values:
        return ()
    if isinstance(values, str):
        values = re.split(r"[,;]", values)
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


@dataclass(frozen=True)
class Filters:
    since: int = 0  # YYYYMMDD, inclusive; 0 = open
    until: int = 0
    categories: tuple[str, ...] = ()  # any of these (lower case)
    collections: tuple[str, ...] = ()  # any of these, by collection name or source file name

    @classmethod
    def make(cls, since: str | None = None, until: str | None = None,
             categories: str | Iterable[str] | None = None, collections: str | Iterable[str] | None = None) -> Filters:
        """From what people type; a bad date is a ``QuestionError`` that says how to write it."""
        made = cls(_bound(since, end=False), _bound(until, end=True),
                   tuple(c.casefold() for c in _names(categories)), _names(collections))
        if made.since and made.until and made.since > made.until:
            raise QuestionError(f"The date range is empty: {since} is after {until}.")
        return made

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.categories or self.collections)

    def describe(self) -> str:
        parts = []
        if self.since:
            parts.append(f"from {_show(self.since)}")
        if self.until:
            parts.append(f"until {_show(self.until)}")
        if self.categories:
            parts.append("category " + " or ".join(self.categories))
        if self.collections:
            parts.append("collection " + " or ".join(self.collections))
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"since": _show(self.since) if self.since else None, "until": _show(self.until) if self.until else None,
                "categories": list(self.categories), "collections": list(self.collections)}

    # Chroma ----------------------------------------------------------------------------------------

    def where(self) -> dict | None:
        """The Chroma ``where`` clause, or None for no filter."""
        clauses: list[dict] = []
        if self.since:
            clauses.append({"day": {"$gte": self.since}})
        if self.until:
            clauses.append({"day": {"$lte": self.until}})
        if self.categories:
            clauses.append(_any([{CATEGORY_LIST_KEY: {"$contains": c}} for c in self.categories]))
        if self.collections:
            names = list(self.collections)
            clauses.append(_any([{"collection": {"$in": names}}, {"source": {"$in": names}},
                                 *({COLLECTION_LIST_KEY: {"$contains": n}} for n in names)]))
        return _all(clauses)

    def admits(self, meta: Mapping[str, Any]) -> bool:
        """Whether a stored chunk's metadata passes (the same test as ``where``, in Python)."""
        day = int(meta.get("day") or 0)
        if (self.since or self.until) and not day:
            return False
        if self.since and day < self.since or self.until and day > self.until:
            return False
        if self.categories:
            have = {c.casefold() for c in listed(meta.get("categories"))}
            if not have & set(self.categories):
                return False
        if self.collections and not {meta.get("collection"), meta.get("source"), *listed(meta.get("collections"))} \
                & set(self.collections):
            return False
        return True

    # Keyword index ---------------------------------------------------------------------------------

    def mask(self, columns: FilterColumns) -> np.ndarray:
        """1.0 for each keyword-index document that passes, else 0.0."""
        keep = np.ones(len(columns.day), dtype=bool)
        if self.since or self.until:
            keep &= columns.day > 0
            if self.since:
                keep &= columns.day >= self.since
            if self.until:
                keep &= columns.day <= self.until
        if self.categories:
            wanted = [i for i, name in enumerate(columns.category_names) if name.casefold() in self.categories]
            hit = np.isin(columns.category_code, wanted)
            keep &= np.bincount(columns.category_doc[hit], minlength=len(keep)).astype(bool)
        if self.collections:
            wanted = set(self.collections)
            coll = [i for i, name in enumerate(columns.collection_names) if name in wanted]
            src = [i for i, name in enumerate(columns.source_names) if name in wanted]
            hit = np.isin(columns.collection_code, coll)
            in_collection = np.bincount(columns.collection_doc[hit], minlength=len(keep)).astype(bool)
            keep &= in_collection | np.isin(columns.source_code, src)
        return keep.astype(np.float32)


def _show(day: int) -> str:
    return f"{day // 10_000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


def _any(clauses: list[dict]) -> dict:
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


def _all(clauses: list[dict]) -> dict | None:
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
