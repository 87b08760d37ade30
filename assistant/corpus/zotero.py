"""A Zotero library read directly from its database (``zotero.sqlite``), never written to.

Zotero 6 and 7 keep the tables read here alike (userdata schema 120 to 123; only an index differs,
``tests/fixtures/zotero/README.md``). A running Zotero holds its database in exclusive locking mode
with a rollback journal, so the file and any ``-journal`` or ``-wal`` beside it are copied to a
temporary folder and the copy is opened: SQLite there rolls back a half-written transaction, and
the library itself is only ever read.

Item types and fields are looked up by name: their ids are handed out as a library meets them.
An item with an abstract becomes a ``Paper``: title, abstract, creators in order, its date (Zotero
stores "2024-03-05 March 5, 2024"; the first ten characters, with "00" for what is unknown), DOI,
URL, arXiv id (from the URL, the DOI, ``extra`` or the archive id), venue, its tags as categories
and its collections, nested ones by their path ("Reading/LLMs"). Trashed items, notes,
attachments, annotations, feed items and items without an abstract are skipped and counted.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from ..models import Paper

SUFFIXES = (".sqlite",)
_BASE_FIELDS = ("title", "abstractNote", "date", "DOI", "url", "extra", "publicationTitle", "archiveID", "number")
_NOT_PAPERS = {"note": "notes", "attachment": "attachments", "annotation": "annotations"}
_ARXIV = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arXiv[:.]\s*|10\.48550/arXiv\.)(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})",
                    re.IGNORECASE)
_MULTIPART = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) ")


def default_data_dir() -> Path:
    """Where Zotero keeps its data: the folder a profile's prefs.js names, else ~/Zotero (Zotero 5+,
    ``dataDirectory.js``)."""
    home = Path.home()
    profiles = {"darwin": home / "Library/Application Support/Zotero/Profiles",
                "win32": Path(os.environ.get("APPDATA", home)) / "Zotero/Zotero/Profiles"}.get(sys.platform,
                                                                                                home / ".zotero/zotero")
    for prefs in sorted(profiles.glob("*/prefs.js")) if profiles.is_dir() else []:
        text = prefs.read_text(encoding="utf-8", errors="replace")
        chosen = re.search(r'user_pref\("extensions\.zotero\.dataDir",\s*"(.+?)"\);', text)
        if chosen and re.search(r'user_pref\("extensions\.zotero\.useDataDir",\s*true\);', text):
            return Path(chosen.group(1).encode().decode("unicode_escape"))
    return home / "Zotero"


def find_database(data_dir: Path | None = None) -> Path:
    folder = data_dir or default_data_dir()
    path = folder / "zotero.sqlite"
    if not path.is_file():
        raise CorpusError(path, None, "no Zotero database here: give its path (the zotero.sqlite in Zotero's data "
                          "folder, see Zotero's Settings > Advanced > Files and Folders)")
    return path


def read_zotero(path: Path, collection: str, warnings: list[str]) -> Iterator[Paper]:
    """The library's papers; one warning line counts what was skipped."""
    with _snapshot(path) as db:
        try:
            yield from _papers(db, path, collection, warnings)
        except sqlite3.DatabaseError as exc:
            raise CorpusError(path, None, f"not a Zotero database this version can read ({exc})") from None


@contextlib.contextmanager
def _snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A private copy of the database with its journal, so Zotero's file is never opened for writing
    and a transaction it has half written is rolled back in the copy."""
    try:
        header = path.read_bytes()[:16]
    except OSError as exc:
        raise CorpusError(path, None, f"cannot read it ({exc.strerror})") from None
    if header != b"SQLite format 3\x00":
        raise CorpusError(path, None, "not an SQLite database (Zotero's is the zotero.sqlite in its data folder)")
    with tempfile.TemporaryDirectory(prefix="assistant-zotero-") as folder:
        copy = Path(folder) / path.name
        for suffix in ("", "-journal", "-wal"):
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", f"{copy}{suffix}")
        db = sqlite3.connect(copy)
        try:
            yield db
        finally:
            db.close()


def _tables(db: sqlite3.Connection) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _papers(db: sqlite3.Connection, path: Path, collection: str, warnings: list[str]) -> Iterator[Paper]:
    tables = _tables(db)
    if not {"items", "itemData", "itemDataValues"} <= tables:
        raise CorpusError(path, None, "not a Zotero database: it has no items, itemData and itemDataValues tables")
    suffix = "Combined" if "itemTypesCombined" in tables else ""
    types = dict(db.execute(f"SELECT itemTypeID, typeName FROM itemTypes{suffix}"))
    fields = dict(db.execute(f"SELECT fieldID, fieldName FROM fields{suffix}"))
    base_of = {(t, f): fields.get(b) for t, b, f in db.execute(f"SELECT itemTypeID, baseFieldID, fieldID "
                                                                f"FROM baseFieldMappings{suffix}")}
    feeds = {lib for (lib,) in db.execute("SELECT libraryID FROM feeds")} if "feeds" in tables else set()
    trashed = {i for (i,) in db.execute("SELECT itemID FROM deletedItems")} if "deletedItems" in tables else set()
    data: dict[int, dict[str, str]] = defaultdict(dict)
    item_types = {}
    for item_id, type_id, library in db.execute("SELECT itemID, itemTypeID, libraryID FROM items ORDER BY itemID"):
        item_types[item_id] = (types.get(type_id, ""), type_id, library)
    for item_id, field_id, value in db.execute(
            "SELECT itemID, fieldID, value FROM itemData JOIN itemDataValues USING (valueID)"):
        type_id = item_types.get(item_id, ("", None, None))[1]
        name = base_of.get((type_id, field_id)) or fields.get(field_id)
        if name in _BASE_FIELDS and value is not None:
            data[item_id].setdefault(name, str(value))
    skipped: Counter[str] = Counter()
    authors = _creators(db)
    tags = _tags(db, tables)
    in_collections = _collections(db, tables)
    for item_id, (type_name, _, library) in item_types.items():
        fields_of = data.get(item_id, {})
        if library in feeds:
            skipped["feed items"] += 1
        elif type_name in _NOT_PAPERS:
            skipped[_NOT_PAPERS[type_name]] += 1
        elif item_id in trashed:
            skipped["in the trash"] += 1
        elif not fields_of.get("abstractNote", "").strip() or not fields_of.get("title", "").strip():
            skipped["without an abstract"] += 1
        else:
            yield _paper(item_id, fields_of, authors.get(item_id, ()), tags.get(item_id, ()),
                         in_collections.get(item_id, ()), path, collection)
    if skipped:
        warnings.append(f"{path.name}: {sum(skipped.values())} items skipped: "
                        + ", ".join(f"{n} {why}" for why, n in skipped.most_common()))


def _paper(item_id: int, fields: dict[str, str], authors: tuple[str, ...], tags: tuple[str, ...],
           collections: tuple[str, ...], path: Path, collection: str) -> Paper:
    doi = fields.get("DOI", "").strip()
    found = _ARXIV.search(" ".join(fields.get(k, "") for k in ("extra", "archiveID", "number", "url", "DOI")))
    return Paper(
        title=" ".join(fields["title"].split()),
        abstract=" ".join(fields["abstractNote"].split()),
        url=fields.get("url", "").strip(),
        date=_date(fields.get("date", "")),
        authors=authors,
        source=path.name,
        line=item_id,
        categories=tags,
        doi=doi,
        arxiv_id=found.group(1) if found else "",
        collection=collection,
        collections=collections,
        venue=fields.get("publicationTitle", "").strip(),
    )


def _date(value: str) -> str:
    """Zotero's "2024-03-05 March 5, 2024" as "2024-03-05", "2024-00-00 2024" as "2024"."""
    match = _MULTIPART.match(value)
    if not match:
        return value.strip()
    year, month, day = match.groups()
    if year == "0000":
        return value[11:].strip()
    return "-".join(p for p in (year, month, day) if p != "00") if month != "00" else year


def _creators(db: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """Each item's creators in Zotero's order; a single-field name (an institution) as it is."""
    out: dict[int, list[str]] = defaultdict(list)
    for item_id, first, last, mode in db.execute(
            "SELECT itemID, firstName, lastName, fieldMode FROM itemCreators JOIN creators USING (creatorID) "
            "ORDER BY itemID, orderIndex"):
        name = (last or "") if mode == 1 else " ".join(p for p in (first, last) if p)
        if name.strip():
            out[item_id].append(name.strip())
    return {k: tuple(v) for k, v in out.items()}


def _tags(db: sqlite3.Connection, tables: set[str]) -> dict[int, tuple[str, ...]]:
    if not {"tags", "itemTags"} <= tables:
        return {}
    out: dict[int, list[str]] = defaultdict(list)
    for item_id, name in db.execute("SELECT itemID, name FROM itemTags JOIN tags USING (tagID) ORDER BY itemID, name"):
        if name and name.strip():
            out[item_id].append(name.strip())
    return {k: tuple(v) for k, v in out.items()}


def _collections(db: sqlite3.Connection, tables: set[str]) -> dict[int, tuple[str, ...]]:
    """Each item's collections by their path, leaving out those in the trash (and what is under them)."""
    if not {"collections", "collectionItems"} <= tables:
        return {}
    rows = {cid: (name, parent) for cid, name, parent in
            db.execute("SELECT collectionID, collectionName, parentCollectionID FROM collections")}
    gone = {c for (c,) in db.execute("SELECT collectionID FROM deletedCollections")} \
        if "deletedCollections" in tables else set()

    def path(cid: int, seen: tuple[int, ...] = ()) -> str | None:
        if cid in gone or cid not in rows or cid in seen:
            return None
        name, parent = rows[cid]
        if parent is None:
            return name
        above = path(parent, (*seen, cid))
        return None if above is None else f"{above}/{name}"

    paths = {cid: path(cid) for cid in rows}
    out: dict[int, list[str]] = defaultdict(list)
    for cid, item_id in db.execute("SELECT collectionID, itemID FROM collectionItems ORDER BY collectionID"):
        if paths.get(cid):
            out[item_id].append(paths[cid])
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}
