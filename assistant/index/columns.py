"""What filters test, as columns beside the keyword index: a date, a collection, a source file and
categories per document, written at ingest and memory-mapped by every process that answers.

``answer/filters.py`` turns a ``Filters`` value into a weight mask over these columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..models import listed

_ARRAYS = ("day", "collection_doc", "collection_code", "source_code", "category_doc", "category_code")
_NAMES = ("collection_names", "source_names", "category_names")


@dataclass(frozen=True)
class FilterColumns:
    """What filters test, one entry per keyword-index document, as arrays (memory-mapped from disk)."""

    day: np.ndarray  # int32 YYYYMMDD, 0 = no year
    collection_doc: np.ndarray  # int32: the document of each (document, collection) pair
    collection_code: np.ndarray  # int32 index into collection_names
    collection_names: list[str]
    source_code: np.ndarray
    source_names: list[str]
    category_doc: np.ndarray  # int32: the document of each (document, category) pair
    category_code: np.ndarray  # int32 index into category_names
    category_names: list[str]  # as first spelled; matched without regard to case

    @classmethod
    def of(cls, metas: Iterable[Mapping[str, Any]]) -> FilterColumns:
        days, coll_doc, coll, src, cat_doc, cat_code = [], [], [], [], [], []
        coll_names: dict[str, int] = {}
        src_names: dict[str, int] = {}
        cat_names: dict[str, tuple[int, str]] = {}
        for doc, meta in enumerate(metas):
            days.append(int(meta.get("day") or 0))
            # every collection the paper is in (a Zotero item can be in several), else its one
            for name in listed(meta.get("collections")) or (str(meta.get("collection") or ""),):
                coll_doc.append(doc)
                coll.append(coll_names.setdefault(name, len(coll_names)))
            src.append(src_names.setdefault(str(meta.get("source") or ""), len(src_names)))
            # One code per category whatever its case; the name kept is the first spelling seen (cs.LG).
            for category in {c.casefold(): c for c in listed(meta.get("categories"))}.values():
                cat_doc.append(doc)
                cat_code.append(cat_names.setdefault(category.casefold(), (len(cat_names), category))[0])
        as32 = lambda values: np.asarray(values, dtype=np.int32)  # noqa: E731
        return cls(as32(days), as32(coll_doc), as32(coll), list(coll_names), as32(src), list(src_names),
                   as32(cat_doc), as32(cat_code), [name for _, name in cat_names.values()])

    def write(self, folder: Path) -> None:
        for name in _ARRAYS:
            np.save(folder / f"filter_{name}.npy", getattr(self, name))
        (folder / "filters.json").write_text(json.dumps({name: getattr(self, name) for name in _NAMES}))

    @classmethod
    def read(cls, folder: Path) -> FilterColumns:
        names = json.loads((folder / "filters.json").read_text())
        arrays = {name: np.load(folder / f"filter_{name}.npy", mmap_mode="r") for name in _ARRAYS}
        return cls(**arrays, **names)
