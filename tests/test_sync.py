"""``assistant sync``: every source read again, only the difference applied; arXiv feeds harvested
from a local server replaying arXiv's own responses; a sync killed midway completed by the next."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from assistant import Assistant, Filters
from assistant.corpus import load_papers
from assistant.corpus.arxiv_oai import Feed
from assistant.faces.cli import main
from assistant.index import sources
from assistant.index.sync import feed_file, follow_arxiv, sync
from tests.arxiv_server import MALFORMED_ID, PAGE1_TOKEN, ArxivServer
from tests.conftest import HASH_SUPPORT, PROJECT
from tests.test_reliability import _assert_consistent, _corpus
from tests.zotero_db import Item, create


def _write(path, papers):
    path.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in papers))


PAPERS = [
    ("Rotary Widgets for Quantization", "We quantize widgets with rotations and keep accuracy within one point."),
    ("Sparse Gadget Routing", "Routing tokens to gadgets saves forty percent of compute."),
    ("Draft Tokens Verified Quickly", "A small drafter proposes tokens that a large model verifies in parallel."),
    ("Pruning Sprockets Without Retraining", "Sprocket pruning removes half the weights without retraining."),
]


def _titles(assistant: Assistant, query: str, collection: str | None = None) -> set[str]:
    filters = Filters.make(collections=[collection]) if collection else None
    return {s.title for s in assistant.search(query, k=10, filters=filters)}


def test_sync_applies_only_the_difference_of_each_file_and_says_so_in_a_line(settings, tmp_path):
    papers = tmp_path / "reading.jsonl"
    _write(papers, PAPERS)
    assistant = Assistant(settings)
    assistant.ingest([papers], progress=False)
    version = assistant.store.version()
    [unchanged] = assistant.sync()
    assert unchanged.line() == "file reading.jsonl: 0 added, 0 changed, 0 removed, 4 unchanged"
    assert assistant.store.version() == version  # nothing written, nothing for the app to reload

    edited = [PAPERS[0], (PAPERS[1][0], "Routing tokens to gadgets saves sixty percent of compute."), PAPERS[3],
              ("Cogwheel Distillation", "A cogwheel teacher distills reasoning into a smaller student.")]
    _write(papers, edited)
    [result] = assistant.sync()
    assert result.line() == "file reading.jsonl: 1 added, 1 changed, 1 removed, 2 unchanged"
    assert assistant.store.paper_count() == 4
    assert _titles(assistant, "drafter proposes tokens verified in parallel") & {PAPERS[2][0]} == set()
    # gone from keyword search too (the keyword index of the new version), and the change is searchable
    assert "Draft Tokens Verified Quickly" not in [p.title for p in assistant.retriever.retrieve(
        "drafter verifies", kind="bm25").papers]
    assert assistant.retriever.retrieve("cogwheel teacher", kind="bm25").papers[0].title == "Cogwheel Distillation"
    assert "sixty percent" in assistant.paper(assistant.search("gadget routing", k=1)[0].paper_id)["abstract"]
    [source] = assistant.status()["sources"]
    assert (source["kind"], source["collection"], source["papers"]) == ("file", "reading", 4)
    assert source["last_sync"].endswith("Z")


def test_a_paper_in_two_files_stays_while_one_of_them_holds_it(settings, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _write(first, PAPERS[:2])
    _write(second, PAPERS[2:])
    assistant = Assistant(settings)
    assistant.ingest([first, second], progress=False)
    _write(first, PAPERS[:1])
    results = {r.source.path: r.report for r in assistant.sync()}
    assert results[str(first.resolve())].removed == 1 and results[str(second.resolve())].removed == 0
    assert assistant.store.paper_count() == 3


def test_a_missing_source_keeps_its_papers_and_a_bad_one_does_not_stop_the_others(settings, tmp_path):
    gone, bad, fine = tmp_path / "gone.jsonl", tmp_path / "bad.jsonl", tmp_path / "fine.jsonl"
    _write(gone, PAPERS[:1])
    _write(bad, PAPERS[1:2])
    _write(fine, PAPERS[2:3])
    assistant = Assistant(settings)
    assistant.ingest([gone, bad, fine], progress=False)
    gone.unlink()
    bad.write_text('{"title": "Broken"\n')
    _write(fine, PAPERS[2:4])
    lines = sorted(r.line() for r in assistant.sync())
    assert lines[0].startswith("file bad.jsonl: ") and lines[0].endswith("bad.jsonl:1: invalid JSON: Expecting ',' "
                                                                         "delimiter at column 1")
    assert lines[1] == "file fine.jsonl: 1 added, 0 changed, 0 removed, 1 unchanged"
    assert lines[2] == "file gone.jsonl: not found; its papers are kept"
    assert assistant.store.paper_count() == 4  # nothing lost for a file that vanished or broke


def test_zotero_library_synced_items_added_edited_and_trashed(settings, tmp_path):
    library = create(tmp_path / "zotero.sqlite")
    library.collection("R", "Reading")
    kept = library.add(Item("journalArticle", {"title": PAPERS[0][0], "abstractNote": PAPERS[0][1]}, collections=["R"]))
    edited = library.add(Item("journalArticle", {"title": PAPERS[1][0], "abstractNote": PAPERS[1][1]}))
    trashed = library.add(Item("journalArticle", {"title": PAPERS[2][0], "abstractNote": PAPERS[2][1]}))
    assistant = Assistant(settings)
    assistant.ingest([library.path], progress=False)
    assert not sources.load(assistant.store)[str(library.path.resolve())].changed()

    library.add(Item("preprint", {"title": PAPERS[3][0], "abstractNote": PAPERS[3][1]}, collections=["R"]))
    library.edit(edited, "abstractNote", "Routing tokens to gadgets saves sixty percent of compute.")
    library.trash(trashed)
    assert sources.load(assistant.store)[str(library.path.resolve())].changed()
    [result] = assistant.sync()
    assert result.line() == "zotero zotero.sqlite: 1 added, 1 changed, 1 removed, 1 unchanged"
    assert _titles(assistant, "tokens widgets sprockets gadgets drafts", "Reading") == {PAPERS[0][0], PAPERS[3][0]}
    assert PAPERS[2][0] not in _titles(assistant, "drafter proposes tokens")
    assert kept  # untouched, still there
    [source] = assistant.status()["sources"]
    assert (source["kind"], source["papers"]) == ("zotero", 3)
    library.close()


def _cli(store_dir, *args, **popen):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_VECTORSTORE_DIR=str(store_dir))
    return subprocess.Popen([sys.executable, "-m", "assistant", *args], env=env, cwd=PROJECT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


@pytest.mark.heavy
def test_a_sync_killed_at_random_moments_is_completed_by_the_next(tmp_path, settings):
    original = _corpus(tmp_path, "papers.jsonl", n=120)
    lines = original.read_text().splitlines()
    rng = random.Random(7)
    kills = attempts = 0
    while kills < 4:  # a kill that lands after the sync finished is not a trial
        attempts += 1
        assert attempts <= 16, f"only {kills} of {attempts} kills landed while the sync ran"
        trial = settings.with_overrides(vectorstore_dir=tmp_path / f"trial{attempts}", min_support=HASH_SUPPORT)
        original.write_text("\n".join(lines) + "\n")
        Assistant(trial).ingest([original], progress=False)
        # a third of the papers removed, a third rewritten, a few new
        edited = [line for i, line in enumerate(lines) if i % 3]
        edited = [line.replace('"}', ' Revised."}') if i % 2 else line for i, line in enumerate(edited)]
        edited += [json.dumps({"title": f"New paper {i}", "abstract": f"A new abstract number {i} about sprockets."})
                   for i in range(5)]
        original.write_text("\n".join(edited) + "\n")
        started = time.monotonic()
        process = _cli(trial.vectorstore_dir, "sync", "--quiet")
        time.sleep(rng.uniform(1.0, 6.0))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        kills += process.returncode == -signal.SIGKILL
        assert time.monotonic() - started < 60
        [result] = Assistant(trial).sync()  # the repair
        assert result.report.papers_read == len(edited)
        _assert_consistent(trial, original)
        [again] = Assistant(trial).sync()
        assert (again.report.added, again.report.updated, again.report.removed) == (0, 0, 0)


@pytest.mark.heavy
def test_watch_syncs_when_a_file_changes_and_a_running_assistant_sees_it(settings, tmp_path):
    papers = tmp_path / "watched.jsonl"
    _write(papers, PAPERS[:2])
    app = Assistant(settings)
    app.ingest([papers], progress=False)
    assert "Cogwheel Distillation" not in _titles(app, "cogwheel teacher distills")
    watcher = _cli(settings.vectorstore_dir, "sync", "--watch", "--interval", "0.2", "--quiet")
    try:
        assert watcher.stdout.readline().startswith("file watched.jsonl: 0 added")
        _write(papers, PAPERS[:2] + [("Cogwheel Distillation", "A cogwheel teacher distills reasoning.")])
        assert watcher.stdout.readline().strip() == "file watched.jsonl: 1 added, 0 changed, 0 removed, 2 unchanged"
    finally:
        watcher.kill()
        watcher.wait(timeout=30)
    assert "Cogwheel Distillation" in _titles(app, "cogwheel teacher distills")  # no restart


def test_sync_with_nothing_ingested_says_how_to_add_a_source(settings, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "hash")
    assert main(["sync", "--quiet"]) == 0
    assert "no sources yet" in capsys.readouterr().err


# arXiv --------------------------------------------------------------------------------------------


@pytest.fixture
def arxiv():
    server = ArxivServer()
    yield server
    server.stop()


class Clock:
    """The harvester's sleep, recorded instead of slept."""

    def __init__(self) -> None:
        self.slept: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)


def _follow(settings, assistant, arxiv, clock, limit=None):
    follow_arxiv(settings, assistant.store, ["cs.LG"], "2024-12-02")
    feed = Feed(url=arxiv.url, delay=3.0, sleep=clock)
    return sync(settings, assistant.store, lambda: assistant.embedding, feed=feed, limit=limit,
                only=lambda source: source.kind == "arxiv")


def test_arxiv_feed_harvested_page_by_page_with_arxivs_pause_and_its_503_honoured(settings, arxiv):
    arxiv.fail_first = True
    clock = Clock()
    assistant = Assistant(settings)
    [result] = _follow(settings, assistant, arxiv, clock)
    assert result.line() == "arxiv arxiv-cs.LG.jsonl: 4 added, 0 changed, 0 removed, 0 unchanged"
    queries = arxiv.requests
    assert queries[0] == queries[1] == {"verb": "ListRecords", "metadataPrefix": "arXiv", "set": "cs:cs:LG",
                                        "from": "2024-12-02"}
    assert queries[2] == {"verb": "ListRecords", "resumptionToken": PAGE1_TOKEN}
    assert clock.slept[0] == 10  # the 503's Retry-After
    assert len(clock.slept) == 3 and all(s > 2.5 for s in clock.slept)  # never two requests closer than arXiv asks
    stored = {p.arxiv_id: p for p in load_papers([feed_file(settings, ["cs.LG"])]).papers}
    assert sorted(stored) == ["2412.01234", "2412.01871", "2412.02305", "2412.04467"]  # the malformed one skipped
    assert MALFORMED_ID not in stored
    assert stored["2412.01871"].authors == ("Jun-ho Park", "Ilse de Vries")
    assert stored["2412.04467"].categories == ("cs.LG", "q-bio.QM")
    harvest = sources.load(assistant.store)[str(feed_file(settings, ["cs.LG"]))].feed["harvests"]["cs.LG"]
    assert (harvest["token"], harvest["done_until"], harvest["papers"], harvest["skipped"]) == ("", "2024-12-10", 4, 1)
    assert any("Protein Stability" in t for t in _titles(assistant, "protein stability mutations surrogate"))

    # Run again: from the day it stopped, nothing new, nothing doubled.
    arxiv.fail_first = False
    arxiv.requests.clear()
    [again] = _follow(settings, assistant, arxiv, Clock())
    assert again.line() == "arxiv arxiv-cs.LG.jsonl: 0 added, 0 changed, 0 removed, 4 unchanged"
    assert arxiv.requests == [{"verb": "ListRecords", "metadataPrefix": "arXiv", "set": "cs:cs:LG",
                               "from": "2024-12-10"}]
    assert len(feed_file(settings, ["cs.LG"]).read_text().splitlines()) == 4


def test_arxiv_harvest_stopped_between_pages_resumes_from_its_token(settings, arxiv):
    assistant = Assistant(settings)
    [first] = _follow(settings, assistant, arxiv, Clock(), limit=2)  # --max 2: one page
    assert first.report.added == 2
    arxiv.broken = True  # the next page fails: the line says so, the state is kept
    [failed] = _follow(settings, assistant, arxiv, Clock())
    assert failed.line() == f"arxiv arxiv-cs.LG.jsonl: {arxiv.url}: arXiv answered HTTP 500"
    arxiv.broken = False
    arxiv.requests.clear()
    [resumed] = _follow(settings, assistant, arxiv, Clock())
    assert arxiv.requests[0] == {"verb": "ListRecords", "resumptionToken": PAGE1_TOKEN}
    assert (resumed.report.added, resumed.report.unchanged) == (2, 2)
    assert len(feed_file(settings, ["cs.LG"]).read_text().splitlines()) == 4


def test_an_expired_resumption_token_starts_again_from_the_last_day_done(settings, arxiv):
    assistant = Assistant(settings)
    _follow(settings, assistant, arxiv, Clock(), limit=2)
    known = sources.load(assistant.store)
    path = str(feed_file(settings, ["cs.LG"]))
    known[path].feed["harvests"]["cs.LG"]["token"] = "expired-yesterday"
    sources.save(assistant.store, known)
    arxiv.requests.clear()
    [result] = _follow(settings, assistant, arxiv, Clock())
    assert [q.get("resumptionToken", q.get("from")) for q in arxiv.requests] == [
        "expired-yesterday", "2024-12-02", PAGE1_TOKEN]
    assert (result.report.added, result.report.unchanged) == (2, 2)  # page 1 again, stored once


def test_sync_arxiv_from_the_command_line_and_status_lists_every_source(settings, arxiv, capsys, monkeypatch,
                                                                        tmp_path):
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "hash")
    monkeypatch.setenv("ASSISTANT_ARXIV_URL", arxiv.url)
    monkeypatch.setenv("ASSISTANT_ARXIV_DELAY", "0")
    papers = tmp_path / "mine.jsonl"
    _write(papers, PAPERS)
    assert main(["ingest", str(papers), "--quiet"]) == 0
    assert main(["sync", "arxiv", "--category", "cs.LG", "--since", "2024-12-02", "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "arxiv arxiv-cs.LG.jsonl: 4 added, 0 changed, 0 removed, 0 unchanged"
    assert main(["sync", "--quiet"]) == 0  # every source: the file and the feed
    assert sorted(capsys.readouterr().out.splitlines()) == [
        "arxiv arxiv-cs.LG.jsonl: 0 added, 0 changed, 0 removed, 4 unchanged",
        "file mine.jsonl: 0 added, 0 changed, 0 removed, 4 unchanged"]
    assert main(["status"]) == 0
    listed = {s["kind"]: s for s in json.loads(capsys.readouterr().out)["sources"]}
    assert (listed["arxiv"]["papers"], listed["arxiv"]["categories"], listed["file"]["papers"]) == (4, ["cs.LG"], 4)
    assert main(["sync", "arxiv", "--category", "cs.LG"]) == 1  # --since is needed
    assert "needs --category (e.g. cs.LG) and --since" in capsys.readouterr().err


def test_an_unreachable_arxiv_says_that_syncing_it_needs_network_access(settings, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "hash")
    monkeypatch.setenv("ASSISTANT_ARXIV_URL", "http://127.0.0.1:9/oai")  # the discard port: refused
    monkeypatch.setenv("ASSISTANT_ARXIV_DELAY", "0")
    assert main(["sync", "arxiv", "--category", "cs.LG", "--since", "2024-12-02", "--quiet"]) == 0
    assert "cannot reach arXiv (ConnectError); syncing arXiv needs network access" in capsys.readouterr().out
