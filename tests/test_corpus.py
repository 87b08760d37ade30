import json

import pytest

from assistant.corpus import load_papers, read_file
from assistant.errors import CorpusError
from assistant.models import paper_id_for
from tests.conftest import MINI_FEED, PROJECT

BANNER_WORDS = ("subscribe", "get trending", "daily papers", "byak", "research community")


def test_bundled_corpus_has_469_pairs_and_461_distinct_papers():
    load = load_papers([PROJECT / "data"])
    assert load.pairs_read == 469
    assert len(load.papers) == 461
    assert len({p.paper_id for p in load.papers}) == 461


def test_no_banner_text_survives_in_any_bundled_title():
    for paper in load_papers([PROJECT / "data"]).papers:
        assert not any(word in paper.title.casefold() for word in BANNER_WORDS), paper.title
        assert paper.title != "new"
        assert len(paper.abstract) > len(paper.title)


def test_banner_glued_to_first_title_is_removed():
    papers = {p.title for p in load_papers([PROJECT / "data" / "003_c35ad75f6accbe25.txt"]).papers}
    assert "Upcycling Large Language Models into Mixture of Experts" in papers


def test_feed_with_and_without_blank_lines_parses_alike():
    papers = read_file(MINI_FEED)
    assert len(papers) == 8
    assert papers[4].title == "Scalable MatMul-free Language Modeling"  # after a glued banner, no blank lines
    assert papers[0].date == "Sep 9"
    assert papers[0].line == 13


def test_repeated_title_keeps_the_later_abstract_and_warns(tmp_path):
    (tmp_path / "a.txt").write_text("Same Title Here\nFirst abstract that is long enough to be prose for the parser to accept it.\n")
    (tmp_path / "b.txt").write_text("same title here\nSecond abstract, also long enough to be prose for the parser to accept it.\n")
    load = load_papers([tmp_path])
    assert [p.abstract[:6] for p in load.papers] == ["Second"]
    assert "b.txt:1" in load.warnings[0] and "a.txt:1" in load.warnings[0]


def test_wrapped_abstract_lines_are_joined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "A Title\n\nThe first part of an abstract runs on for a while and ends here.\n"
        "It continues on the next line, which is also prose of some length and ends.\n\nAnother Title\n"
        "Another abstract with enough words in it to count as prose for the reader.\n"
    )
    papers = read_file(path)
    assert [p.title for p in papers] == ["A Title", "Another Title"]
    assert papers[0].abstract.endswith("of some length and ends.")


def test_paper_id_ignores_case_spacing_and_punctuation():
    assert paper_id_for("Muon is Scalable for LLM Training") == paper_id_for("  muon IS scalable  for LLM training!")
    assert paper_id_for("Muon is Scalable for LLM Training") != paper_id_for("Muon is Scalable for LLM Inference")


def test_jsonl_and_csv_collections(tmp_path):
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text(
        json.dumps({"title": "Paper A", "abstract": "Alpha.", "url": "https://x/a", "authors": ["X", "Y"]}) + "\n\n"
        + json.dumps({"title": "Paper B", "abstract": "Beta.", "date": "2024-01-02"}) + "\n"
    )
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text('title,abstract,authors\n"Paper C","Gamma, with a comma.","P; Q"\n')
    papers = load_papers([jsonl, csv_path]).papers
    assert [p.title for p in papers] == ["Paper A", "Paper B", "Paper C"]
    assert papers[0].authors == ("X", "Y") and papers[0].url == "https://x/a"
    assert papers[2].abstract == "Gamma, with a comma." and papers[2].authors == ("P", "Q")


@pytest.mark.parametrize(
    ("name", "content", "line", "words"),
    [
        ("empty.txt", b"", 1, "empty"),
        ("blank.txt", b"\n \n", 1, "empty"),
        ("binary.txt", b"Title\n\x00\x01\x02", 2, "binary"),
        ("latin1.txt", "Title\n\nAbstract about caf\u00e9 and more words here.\n".encode("latin-1"), 3, "UTF-8"),
        ("orphan.txt", b"First Title\nSecond Title\nAn abstract with plenty of words to be prose for the parser.\n", 1, "no abstract"),
        ("dangling.txt", b"Title\nAn abstract with plenty of words to be prose for the parser here.\nLast Title\n", 3, "file ends"),
        ("bad.jsonl", b'{"title": "A", "abstract": "B."}\n{"title": "C", \n', 2, "invalid JSON"),
        ("noabs.jsonl", b'{"title": "A", "abstract": ""}\n', 1, "no abstract"),
        ("nohead.csv", b"name,text\nA,B\n", 1, "lacks column"),
    ],
)
def test_bad_files_name_the_file_and_line(tmp_path, name, content, line, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError) as caught:
        load_papers([path])
    assert caught.value.path == path
    assert caught.value.line == line
    assert words in str(caught.value)
    assert f"{name}:{line}" in str(caught.value)


def test_missing_path_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_papers([tmp_path / "nope.txt"])
