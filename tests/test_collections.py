"""Collections beyond the daily-papers feed: the arXiv metadata snapshot and BibTeX, read as streams."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from assistant import Assistant, CorpusError
from assistant.corpus import load_papers, read_file, stream_papers
from assistant.index.store import PaperStore
from tests.conftest import FIXTURES, PROJECT

ARXIV = FIXTURES / "collections" / "arxiv-sample.json"
BIB = FIXTURES / "collections" / "library.bib"


def test_arxiv_snapshot_lines_become_papers_with_urls_dates_categories_and_plain_text():
    papers = {p.arxiv_id: p for p in read_file(ARXIV)}
    assert len(papers) == len(ARXIV.read_text().splitlines()) == 49
    ternary = papers["2101.00001"]
    assert ternary.url == "https://arxiv.org/abs/2101.00001"
    assert ternary.date == "2021-01-04"  # the first version's date, not the later update
    assert ternary.categories == ("cs.CL", "cs.LG")
    assert ternary.collection == "arxiv-sample" and ternary.source == "arxiv-sample.json"
    assert "\n" not in ternary.title and "  " not in ternary.abstract  # line breaks of the snapshot folded
    assert ternary.title == "Ternary Weights for Small Language Models: A Study of {-1,0,1} Quantization"
    schoenfeld = papers["2103.04512"]
    assert schoenfeld.title.startswith("Schönfeld Pruning") and schoenfeld.authors == ("Anna Schönfeld",)
    assert "one-shot criterion" in schoenfeld.abstract and "\\emph" not in schoenfeld.abstract
    assert "38% of heads" in schoenfeld.abstract and schoenfeld.doi == "10.1000/schoenfeld.2021"
    assert "ε = 3" in papers["2303.08901"].abstract and papers["2303.08901"].authors[1] == "Mateo García"
    old = papers["math/0601001"]
    assert old.url == "https://arxiv.org/abs/math/0601001" and old.day == 20060101


def test_an_arxiv_line_without_an_abstract_names_the_file_and_line(tmp_path):
    lines = ARXIV.read_text().splitlines()
    broken = json.loads(lines[6])
    broken["abstract"] = "  \n"
    path = tmp_path / "snapshot.json"
    path.write_text("\n".join(lines[:6] + [json.dumps(broken)] + lines[7:]) + "\n")
    with pytest.raises(CorpusError, match=r"snapshot\.json:7: arXiv record 2204\.05510 .* has no abstract"):
        read_file(path)


def test_reading_streams_a_line_at_a_time(tmp_path):
    """The first paper arrives before the file is read to its end: memory does not grow with the file."""
    path = tmp_path / "big.json"
    line = ARXIV.read_text().splitlines()[0]
    record = json.loads(line)
    with path.open("w") as out:
        for n in range(5000):
            out.write(json.dumps({**record, "id": f"2101.{n:05d}", "title": f"{record['title']} {n}"}) + "\n")
    position = [0]
    papers = stream_papers(path, position=position)
    first = next(papers)
    assert first.arxiv_id == "2101.00000"
    assert 0 < position[0] < path.stat().st_size / 100
    papers.close()


def test_bibtex_entries_become_papers_and_those_without_abstracts_make_one_warning():
    load = load_papers([BIB])
    titles = [p.title for p in load.papers]
    assert titles == [
        "Ternary Weights for Small Language Models",
        "Schönfeld Pruning: Removing Attention Heads & MLPs Without Retraining",
        "KV Cache Eviction by Attention Mass",
        "Parameter-Efficient Fine-Tuning Under Differential Privacy: 50% Less Memory, $3 per Run & a_b Test",
    ]
    ternary, schoenfeld, kv, private = load.papers
    assert ternary.authors == ("Maja Lindqvist", "Chidi Okafor") and ternary.date == "2021-01"
    assert ternary.categories == ("Computer Science - Computation and Language", "quantization")
    assert schoenfeld.authors == ("Anna Schönfeld",) and schoenfeld.doi == "10.1000/schoenfeld.2021"
    assert "one-shot criterion" in schoenfeld.abstract and "English–German" in schoenfeld.abstract
    assert kv.arxiv_id == "2209.13377" and kv.url == "https://arxiv.org/abs/2209.13377" and kv.day == 20220927
    assert kv.categories == ("cs.CL",) and "\n" not in kv.abstract
    assert "ε = 3" in private.abstract
    assert len(load.warnings) == 1
    assert "2 entries without an abstract" in load.warnings[0]
    assert "knuth_art_1997 (line 36)" in load.warnings[0] and "notes_2024 (line 52)" in load.warnings[0]


def test_a_bibtex_entry_without_a_title_is_skipped_with_a_warning_not_refusing_the_library(tmp_path):
    path = tmp_path / "refs.bib"  # reference managers export notes and attachments as untitled entries
    path.write_text("@misc{note_2020,\n  abstract = {A reading note with no title.}\n}\n\n"
                    "@article{kept_2021,\n  title = {Kept Paper},\n  abstract = {It is kept.},\n  year = {2021}\n}\n")
    load = load_papers([path])
    assert [p.title for p in load.papers] == ["Kept Paper"]
    assert load.warnings == ["refs.bib: 1 entry without a title skipped: note_2020 (line 1)"]


def test_a_bibtex_file_of_entries_without_abstracts_is_an_error(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@book{k, title = {A Book}, author = {A, B}, year = {2000}}\n")
    with pytest.raises(CorpusError, match="no papers found"):
        load_papers([path])


def test_arxiv_and_bibtex_collections_ingest_and_answer(settings):
    assistant = Assistant(settings)
    report = assistant.ingest([ARXIV, BIB], progress=False)
    # One BibTeX entry repeats an arXiv title (same abstract): it is stored once, from the later file.
    assert report.papers_read == 49 + 4 - 1 and report.added == report.papers_read
    assert [w for w in report.warnings if "repeats" not in w] == [load_papers([BIB]).warnings[0]]
    kv = assistant.store.paper_records([read_file(BIB)[2].paper_id])
    assert [m["collection"] for m in kv.values()] == ["library"]
    answer = assistant.ask("How much does a tree of drafts speed up speculative decoding?")
    assert answer.sources and answer.sources[0].title == "Draft Trees for Speculative Decoding"
    source = answer.sources[0]
    assert source.url == "https://arxiv.org/abs/2202.01932" and source.date == "2022-02-04"
    assert source.categories == ("cs.CL", "cs.LG") and source.authors == ("Camille Moreau",)
    assert source.collection == "arxiv-sample"


def _big_snapshot(path, n):
    record = json.loads(ARXIV.read_text().splitlines()[5])
    with path.open("w") as out:
        for i in range(n):
            out.write(json.dumps({**record, "id": f"2202.{i:05d}", "title": f"Draft Trees, Variant {i}",
                                  "abstract": f"{record['abstract']} Variant {i} measures case {i % 97}."}) + "\n")


@pytest.mark.heavy
def test_a_killed_ingest_resumes_where_it_stopped(tmp_path):
    """SIGKILL in the middle of a long file; running the same ingest again writes only what is missing,
    and moves the store's version although everything it writes was left over from the killed run."""
    path = tmp_path / "snapshot.json"
    _big_snapshot(path, 1500)
    store_dir = tmp_path / "vs"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_VECTORSTORE_DIR=str(store_dir))
    command = [sys.executable, "-m", "assistant", "ingest", str(path), "--quiet"]
    process = subprocess.Popen(command, env=env, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    from assistant import Settings

    settings = Settings(vectorstore_dir=store_dir, embed_model="hash")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.3)
        try:
            if 200 < PaperStore(settings).count() :
                break
        except Exception:  # the store is being created
            continue
    process.send_signal(signal.SIGKILL)
    process.wait()
    store = PaperStore(settings)
    done = len([p for p in store.stored_papers().values() if p.complete])
    assert 0 < done < 1500
    assert store.pending() and store.version() == 0

    resumed = subprocess.run(command, env=env, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    store = PaperStore(settings)
    papers = store.stored_papers()
    assert len(papers) == 1500 and all(p.complete for p in papers.values())
    assert not store.pending() and store.version() == 1
    added, unchanged = (int(x) for x in
                        __import__("re").search(r"(\d+) added, \d+ updated, (\d+) unchanged", resumed.stdout).groups())
    assert unchanged >= done - 64 and added + unchanged == 1500  # at most one batch was cut short
