"""Where the stored papers come from: every file, Zotero library and arXiv feed ever ingested, kept
in the store itself (the collection's metadata, so every process that shares a Chroma server sees
the same list), for ``assistant sync`` to read again and ``assistant status`` to show.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import PaperStore

SOURCES_KEY = "sources"


@dataclass
class Source:
    kind: str  # "file", "zotero" or "arxiv" (whose papers are kept in a feed file of their own)
    path: str  # the file read, in full
    collection: str = ""  # the collection its papers were given ("" for each file's own name)
    papers: int = 0
    synced: str = ""  # when it was last read, ISO 8601 (UTC)
    stamp: str = ""  # what told it apart then: size and modification time of it and its journal
    feed: dict = field(default_factory=dict)  # an arXiv feed: its categories, since, and where each harvest stands

    @classmethod
    def of(cls, path: Path, collection: str | None = None) -> Source:
        kind = "zotero" if path.suffix.lower() == ".sqlite" else "file"
        return cls(kind, str(path.resolve()), collection or "")

    def changed(self) -> bool:
        """Whether the source looks different from when it was last read (or is gone)."""
        return stamp(Path(self.path)) != self.stamp

    def describe(self) -> dict:
        return {"kind": self.kind, "path": self.path, "collection": self.collection or Path(self.path).stem,
                "papers": self.papers, "last_sync": self.synced or None,
                **({"categories": self.feed.get("categories", [])} if self.kind == "arxiv" else {})}


def stamp(path: Path) -> str:
    """Size and modification time of a file and of the journal or write-ahead log beside it (Zotero
    writes to those first)."""
    parts = []
    for suffix in ("", "-journal", "-wal"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            info = extra.stat()
            parts.append(f"{suffix or 'file'}:{info.st_size}:{info.st_mtime_ns}")
    return " ".join(parts) or "missing"


def load(store: PaperStore) -> dict[str, Source]:
    raw = store.metadata().get(SOURCES_KEY) or "{}"
    return {key: Source(**value) for key, value in json.loads(raw).items()}


def save(store: PaperStore, sources: dict[str, Source]) -> None:
    store.set_metadata(**{SOURCES_KEY: json.dumps({k: asdict(v) for k, v in sources.items()}, ensure_ascii=False)})


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
