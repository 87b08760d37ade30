"""A Zotero library read straight from its database, read-only, built from Zotero's real schema."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from assistant import Assistant, CorpusError, Filters
from assistant.corpus import load_papers
from assistant.corpus.zotero import default_data_dir
from assistant.faces.cli import main
from tests.conftest import HASH_SUPPORT
from tests.zotero_db import Item, create

ABSTRACT = "We quantize the weights of large language models to four bits with a learned rotation."


def _library(tmp_path, legacy_ids=False):
    library = create(tmp_path / "zotero.sqlite", legacy_ids=legacy_ids)
    library.collection("R", "Reading")
    library.collection("L", "LLMs", parent="R")
    library.collection("T", "Thesis")
    library.collection("X", "Old stuff", trashed=True)
    article = library.add(Item("journalArticle", {
        "title": "Rotated Quantization for LLMs", "abstractNote": ABSTRACT, "date": "2024-03-05 March 5, 2024",
        "DOI": "10.1000/rq.1", "url": "https://example.org/rq", "publicationTitle": "Journal of Quantization"},
        creators=[("Ada", "Lovelace", 0), ("", "The RQ Consortium", 1)], tags=["quantization", "LLM"],
        collections=["L", "T", "X"]))
    library.add(Item("preprint", {
        "title": "Speculative Drafts at Scale", "abstractNote": "A draft model proposes tokens that a large model verifies.",
        "date": "2024-00-00 2024", "extra": "arXiv:2401.12345 [cs]", "archiveID": "arXiv:2401.12345",
        "url": "http://arxiv.org/abs/2401.12345"}, creators=[("Alan", "Turing", 0)], collections=["R"]))
    library.add(Item("conferencePaper", {
        "title": "Sparse Experts in Practice", "abstractNote": "Routing tokens to a few experts saves compute.",
        "proceedingsTitle": "Proceedings of Sparse Models", "date": "2023-07-00 July 2023"}))
    library.add(Item("journalArticle", {"title": "No Abstract Here", "date": "2022"}))
    library.add(Item("note", parent=article))
    library.add(Item("attachment", {"title": "Full Text PDF"}, parent=article))
    library.add(Item("journalArticle", {"title": "Deleted Paper", "abstractNote": "Gone to the trash."}, trashed=True))
    return library


def test_items_with_an_abstract_become_papers_with_every_field(tmp_path):
    library = _library(tmp_path)
    library.close()
    load = load_papers([library.path])
    papers = {p.title: p for p in load.papers}
    assert set(papers) == {"Rotated Quantization for LLMs", "Speculative Drafts at Scale", "Sparse Experts in Practice"}
    rq = papers["Rotated Quantization for LLMs"]
    assert (rq.abstract, rq.date, rq.doi, rq.url) == (ABSTRACT, "2024-03-05", "10.1000/rq.1", "https://example.org/rq")
    assert rq.authors == ("Ada Lovelace", "The RQ Consortium")  # in order; a one-field name as it is
    assert rq.categories == ("LLM", "quantization")  # tags
    assert rq.collections == ("Reading/LLMs", "Thesis")  # nested by path; a trashed collection left out
    assert (rq.collection, rq.venue, rq.source) == ("zotero", "Journal of Quantization", "zotero.sqlite")
    draft = papers["Speculative Drafts at Scale"]
    assert (draft.arxiv_id, draft.date, draft.collections) == ("2401.12345", "2024", ("Reading",))
    assert papers["Sparse Experts in Practice"].venue == "Proceedings of Sparse Models"  # a base field mapping
    assert papers["Sparse Experts in Practice"].date == "2023-07"
    assert load.warnings == ["zotero.sqlite: 4 items skipped: 1 without an abstract, 1 notes, 1 attachments, "
                             "1 in the trash"]


def test_types_and_fields_are_found_by_name_whatever_ids_the_library_gave_them(tmp_path):
    library = _library(tmp_path, legacy_ids=True)
    library.close()
    assert len(load_papers([library.path]).papers) == 3


@pytest.mark.heavy
def test_the_database_is_never_written_and_is_read_while_zotero_holds_its_lock(tmp_path):
    library = _library(tmp_path)
    library.close()
    running = sqlite3.connect(library.path)  # Zotero keeps its database in exclusive locking mode
    running.execute("PRAGMA locking_mode=EXCLUSIVE")
    running.execute("UPDATE items SET synced = 1")
    running.commit()
    before = hashlib.sha256(library.path.read_bytes()).hexdigest()
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(f"file:{library.path}?mode=ro", uri=True).execute("SELECT 1 FROM items").fetchone()
    assert len(load_papers([library.path]).papers) == 3
    running.close()
    assert hashlib.sha256(library.path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zotero.sqlite"]  # no journal, no copy left behind


def test_zotero_collections_are_collections_the_filters_and_menus_know(settings, tmp_path):
    library = _library(tmp_path)
    library.close()
    assistant = Assistant(settings)
    assistant.ingest([library.path], progress=False)
    assert "Reading/LLMs" in assistant.status()["collections"] and "Thesis" in assistant.status()["collections"]
    for name, expected in [("Reading/LLMs", {"Rotated Quantization for LLMs"}), ("Thesis", {"Rotated Quantization for LLMs"}),
                           ("Reading", {"Speculative Drafts at Scale"}), ("zotero", None)]:
        hits = assistant.search("quantization drafts experts", k=5, filters=Filters.make(collections=[name]))
        titles = {h.title for h in hits}
        assert titles == expected if expected is not None else len(titles) == 3, name


def test_ingest_finds_zoteros_data_folder_and_says_what_it_skipped(cli_env, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Zotero").mkdir()
    library = create(tmp_path / "Zotero" / "zotero.sqlite")
    library.add(Item("journalArticle", {"title": "A Paper", "abstractNote": "It studies things at length."}))
    library.add(Item("journalArticle", {"title": "Empty"}))
    library.close()
    assert default_data_dir() == tmp_path / "Zotero"
    assert main(["ingest", "--zotero", "--quiet"]) == 0
    out = capsys.readouterr()
    assert "1 papers read: 1 added" in out.out and "1 items skipped: 1 without an abstract" in out.err


def test_a_file_that_is_not_a_zotero_database_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "zotero.sqlite"
    bad.write_text("not sqlite")
    with pytest.raises(CorpusError, match="zotero.sqlite: not an SQLite database"):
        load_papers([bad])
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(CorpusError, match="not a Zotero database"):
        load_papers([other])


@pytest.fixture
def cli_env(settings, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "hash")
    monkeypatch.setenv("ASSISTANT_MIN_SUPPORT", str(HASH_SUPPORT))
    monkeypatch.setenv("ASSISTANT_VECTORSTORE_DIR", str(settings.vectorstore_dir))
