"""``zotero.sqlite`` files built from Zotero's real schema, the way Zotero fills them.

``tests/fixtures/zotero/zotero7-userdata.sql`` is ``resource/schema/userdata.sql`` of zotero/zotero
7.0.0 to 7.0.9 (schema 123; Zotero 6.0's 120-121 differ by one index). Item types, fields and creator
types come from ``schema-excerpt.json`` (zotero-schema's ``schema.json``), given ids in schema order
as Zotero's ``_updateGlobalSchema`` does, or in another order (``legacy_ids``) to show that a reader
resolves them by name. See the fixture README for each fact's source.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

ZOTERO = Path(__file__).parent / "fixtures" / "zotero"


@dataclass
class Item:
    item_type: str = "journalArticle"
    fields: dict[str, str] = field(default_factory=dict)  # by field name; a date as Zotero stores it
    creators: list[tuple[str, str, int]] = field(default_factory=list)  # (first, last, fieldMode)
    tags: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)  # collection keys
    trashed: bool = False
    parent: int | None = None  # for notes and attachments
    library: int = 1


@dataclass
class Library:
    path: Path
    db: sqlite3.Connection
    ids: dict[str, dict[str, int]]
    _collection_ids: dict[str, int] = field(default_factory=dict)

    def collection(self, key: str, name: str, parent: str | None = None, trashed: bool = False) -> None:
        cur = self.db.execute(
            "INSERT INTO collections (collectionName, parentCollectionID, libraryID, key) VALUES (?, ?, 1, ?)",
            (name, self._collection_ids.get(parent) if parent else None, key))
        self._collection_ids[key] = cur.lastrowid
        if trashed:
            self.db.execute("INSERT INTO deletedCollections (collectionID) VALUES (?)", (cur.lastrowid,))
        self.db.commit()

    def add(self, item: Item) -> int:
        db, ids = self.db, self.ids
        type_id = ids["itemTypes"][item.item_type]
        key = f"K{db.execute('SELECT COUNT(*) FROM items').fetchone()[0]:07d}"
        item_id = db.execute("INSERT INTO items (itemTypeID, libraryID, key) VALUES (?, ?, ?)",
                             (type_id, item.library, key)).lastrowid
        for name, value in item.fields.items():
            db.execute("INSERT OR IGNORE INTO itemDataValues (value) VALUES (?)", (value,))
            value_id = db.execute("SELECT valueID FROM itemDataValues WHERE value = ?", (value,)).fetchone()[0]
            db.execute("INSERT INTO itemData (itemID, fieldID, valueID) VALUES (?, ?, ?)",
                       (item_id, ids["fields"][name], value_id))
        for order, (first, last, mode) in enumerate(item.creators):
            db.execute("INSERT OR IGNORE INTO creators (firstName, lastName, fieldMode) VALUES (?, ?, ?)",
                       (first, last, mode))
            creator = db.execute("SELECT creatorID FROM creators WHERE firstName = ? AND lastName = ? AND fieldMode = ?",
                                 (first, last, mode)).fetchone()[0]
            db.execute("INSERT INTO itemCreators (itemID, creatorID, creatorTypeID, orderIndex) VALUES (?, ?, ?, ?)",
                       (item_id, creator, ids["creatorTypes"]["author"], order))
        for name in item.tags:
            db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
            tag = db.execute("SELECT tagID FROM tags WHERE name = ?", (name,)).fetchone()[0]
            db.execute("INSERT INTO itemTags (itemID, tagID, type) VALUES (?, ?, 0)", (item_id, tag))
        for collection in item.collections:
            db.execute("INSERT INTO collectionItems (collectionID, itemID) VALUES (?, ?)",
                       (self._collection_ids[collection], item_id))
        if item.item_type == "note":
            db.execute("INSERT INTO itemNotes (itemID, parentItemID, note) VALUES (?, ?, '<p>a note</p>')",
                       (item_id, item.parent))
        if item.item_type == "attachment":
            db.execute("INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType) "
                       "VALUES (?, ?, 0, 'application/pdf')", (item_id, item.parent))
        if item.trashed:
            db.execute("INSERT INTO deletedItems (itemID) VALUES (?)", (item_id,))
        db.commit()
        return item_id

    def trash(self, item_id: int) -> None:
        """Move an item to the trash, as Zotero's "Move Item to Trash" does (``deletedItems``)."""
        self.db.execute("INSERT INTO deletedItems (itemID) VALUES (?)", (item_id,))
        self.db.commit()

    def edit(self, item_id: int, name: str, value: str) -> None:
        """Change one field of an item (a new value row, as Zotero writes an edit)."""
        self.db.execute("INSERT OR IGNORE INTO itemDataValues (value) VALUES (?)", (value,))
        value_id = self.db.execute("SELECT valueID FROM itemDataValues WHERE value = ?", (value,)).fetchone()[0]
        self.db.execute("UPDATE itemData SET valueID = ? WHERE itemID = ? AND fieldID = ?",
                        (value_id, item_id, self.ids["fields"][name]))
        self.db.commit()

    def close(self) -> None:
        self.db.close()


def create(path: Path, legacy_ids: bool = False) -> Library:
    """An empty library as a fresh Zotero 7 makes it (the user library is libraryID 1)."""
    db = sqlite3.connect(path)
    db.executescript((ZOTERO / "zotero7-userdata.sql").read_text(encoding="utf-8"))
    schema = json.loads((ZOTERO / "schema-excerpt.json").read_text(encoding="utf-8"))
    ids = _global_schema(db, schema, legacy_ids)
    db.execute("INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (1, 'user', 1, 1)")
    db.executemany("INSERT INTO version (schema, version) VALUES (?, ?)",
                   [("userdata", 123), ("globalSchema", schema["version"])])
    db.commit()
    return Library(path, db, ids)


def _global_schema(db: sqlite3.Connection, schema: dict, legacy_ids: bool) -> dict[str, dict[str, int]]:
    """itemTypes, fields, creatorTypes and their mappings filled as ``schema.js`` does: names in
    first-mention order, each new one MAX(id)+1; ``legacy_ids`` numbers them from the other end."""
    types = [t["itemType"] for t in schema["itemTypes"]]
    fields: list[str] = []
    creators: list[str] = []
    for entry in schema["itemTypes"]:
        for f in entry["fields"]:
            for name in (f["field"], f.get("baseField")):
                if name and name not in fields:
                    fields.append(name)
        for c in entry["creatorTypes"]:
            if c["creatorType"] not in creators:
                creators.append(c["creatorType"])
    if "publicationTitle" not in fields:
        fields.append("publicationTitle")
    order = (lambda names: list(reversed(names))) if legacy_ids else list
    ids = {"itemTypes": {n: i for i, n in enumerate(order(types), start=1)},
           "fields": {n: i + (100 if legacy_ids else 0) for i, n in enumerate(order(fields), start=1)},
           "creatorTypes": {n: i for i, n in enumerate(order(creators), start=1)}}
    db.executemany("INSERT INTO itemTypes VALUES (?, ?, NULL, 1)", [(i, n) for n, i in ids["itemTypes"].items()])
    db.executemany("INSERT INTO fields VALUES (?, ?, NULL)", [(i, n) for n, i in ids["fields"].items()])
    db.executemany("INSERT INTO creatorTypes VALUES (?, ?)", [(i, n) for n, i in ids["creatorTypes"].items()])
    for entry in schema["itemTypes"]:
        type_id = ids["itemTypes"][entry["itemType"]]
        for index, f in enumerate(entry["fields"]):
            db.execute("INSERT INTO itemTypeFields VALUES (?, ?, 0, ?)", (type_id, ids["fields"][f["field"]], index))
            if f.get("baseField"):
                db.execute("INSERT INTO baseFieldMappings VALUES (?, ?, ?)",
                           (type_id, ids["fields"][f["baseField"]], ids["fields"][f["field"]]))
    # the *Combined tables, as _updateCustomTables fills them
    db.execute("INSERT INTO itemTypesCombined SELECT itemTypeID, typeName, display, 0 FROM itemTypes")
    db.execute("INSERT INTO fieldsCombined SELECT fieldID, fieldName, NULL, fieldFormatID, 0 FROM fields")
    db.execute("INSERT INTO itemTypeFieldsCombined SELECT itemTypeID, fieldID, hide, orderIndex FROM itemTypeFields")
    db.execute("INSERT INTO baseFieldMappingsCombined SELECT itemTypeID, baseFieldID, fieldID FROM baseFieldMappings")
    return ids
