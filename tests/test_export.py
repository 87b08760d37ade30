"""Citation export: markdown with numbered references, BibTeX that a reference manager reads back."""

from __future__ import annotations

import json

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from pylatexenc.latex2text import LatexNodes2Text

from assistant import Assistant
from assistant.faces.export import bibtex, cite_key, markdown
from tests.conftest import FIXTURES, MINI_FEED
from tests.test_cli_and_settings import _cli

ARXIV = FIXTURES / "collections" / "arxiv-sample.json"
BIB = FIXTURES / "collections" / "library.bib"

HOSTILE_TITLES = [
    "Parameter-Efficient Fine-Tuning: 50% Less Memory, $3 per Run & a_b Test",
    "Braces {in} Titles and a #hash, a ~tilde and a ^caret",
    "Über Schrödinger's Façade: Naïve Æ ø Quantization — with “quotes”",
    "Back\\slash and 10^9 tokens",
]


def _parse(text: str):
    return bibtexparser.loads(text, BibTexParser(common_strings=True)).entries


def _plain(latex: str) -> str:
    # pylatexenc reads \textasciicircum as the modifier letter ˆ (U+02C6) rather than ^
    return " ".join(LatexNodes2Text().latex_to_text(latex).replace("\u02c6", "^").split())


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_titles_with_latex_special_characters_round_trip_through_a_bibtex_parser(title):
    source = {"paper_id": "0123456789abcdef", "title": title, "authors": ("Mateo García", "Zoë O'Neil"),
              "date": "2023-03-16", "url": "https://arxiv.org/abs/2303.08901", "arxiv_id": "2303.08901",
              "doi": "10.1000/x_y", "categories": ("cs.LG", "cs.CR")}
    [entry] = _parse(bibtex([source]))
    assert _plain(entry["title"]) == title
    assert _plain(entry["author"]) == "Mateo García and Zoë O'Neil"
    assert entry["ID"] == cite_key(source)
    assert (entry["year"], entry["month"], entry["eprint"], entry["archiveprefix"]) == ("2023", "3", "2303.08901", "arXiv")
    assert entry["doi"] == "10.1000/x_y" and entry["primaryclass"] == "cs.LG"


def test_keys_are_stable_per_paper_and_distinct_between_papers():
    papers = [{"paper_id": f"{i:04x}" + "0" * 12, "title": "Quantization of Models", "authors": ("A. Smith",),
               "date": "2024-01-01"} for i in range(3)]
    keys = [cite_key(p) for p in papers]
    assert len(set(keys)) == 3 and all(k.startswith("smith2024quantization-") for k in keys)
    assert cite_key(dict(papers[0], snippet="other passage", score=0.1)) == keys[0]
    undated = {"paper_id": "ffff000011112222", "title": "The Upcycling of Models", "date": "Mar 5"}
    assert cite_key(undated) == "upcycling-ffff"
    [entry] = _parse(bibtex([undated]))
    assert "year" not in entry and "Mar 5" in entry["note"]


@pytest.fixture
def library(settings):
    assistant = Assistant(settings)
    assistant.ingest([ARXIV, MINI_FEED], progress=False)
    return assistant


def test_an_answers_cited_papers_export_to_bibtex_and_markdown(library):
    answer = library.ask("Which papers quantize the KV cache, and how much memory does it save?").to_dict()
    assert answer["sources"]
    entries = _parse(bibtex(answer["sources"]))
    assert [_plain(e["title"]) for e in entries] == [s["title"] for s in answer["sources"]]
    again = library.ask("KV cache quantization to two bits").to_dict()
    shared = {s["paper_id"] for s in answer["sources"]} & {s["paper_id"] for s in again["sources"]}
    assert shared  # the same paper exported from two answers keeps its key
    keys = {s["paper_id"]: cite_key(s) for s in answer["sources"] + again["sources"]}
    assert {e["ID"] for e in _parse(bibtex(again["sources"]))} >= {keys[p] for p in shared}

    text = markdown(answer)
    assert text.startswith(f"## {answer['question']}\n") and answer["text"] in text
    references = text.split("### References\n\n", 1)[1].strip().splitlines()
    assert len(references) == len(answer["sources"])
    for number, (line, source) in enumerate(zip(references, answer["sources"]), start=1):
        assert line.startswith(f"{number}. ") and f"*{source['title']}*" in line and cite_key(source) in line


def test_a_declined_answer_exports_its_closest_papers_not_references(library):
    answer = library.ask("What is the boiling point of ethanol at sea level?").to_dict()
    assert answer["abstained"]
    text = markdown(answer)
    assert "### Closest papers" in text and "### References" not in text
    assert bibtex(answer["sources"]) == ""


@pytest.fixture
def cli_env(tmp_path):
    return {"ASSISTANT_EMBED_MODEL": "hash", "ASSISTANT_CORPUS_DIR": str(FIXTURES / "collections"),
            "ASSISTANT_VECTORSTORE_DIR": str(tmp_path / "vs"), "ASSISTANT_MIN_SUPPORT": "0.15"}


@pytest.mark.heavy
def test_cli_formats_and_filters(cli_env, tmp_path):
    ingest = _cli("ingest", str(ARXIV), "--quiet", env_extra=cli_env, cwd=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    question = "How much does a tree of drafts speed up speculative decoding?"
    as_json = json.loads(_cli("ask", question, "--format", "json", env_extra=cli_env, cwd=tmp_path).stdout)
    assert as_json["sources"][0]["title"] == "Draft Trees for Speculative Decoding"

    as_bib = _cli("ask", question, "--format", "bibtex", env_extra=cli_env, cwd=tmp_path)
    assert as_bib.returncode == 0, as_bib.stderr
    entries = _parse(as_bib.stdout)
    assert [_plain(e["title"]) for e in entries] == [s["title"] for s in as_json["sources"]]

    as_md = _cli("ask", question, "--format", "markdown", env_extra=cli_env, cwd=tmp_path).stdout
    assert as_md == markdown(as_json)

    filtered = _cli("ask", question, "--json", "--until", "2021", "--category", "cs.CL", "--collection",
                    "arxiv-sample", env_extra=cli_env, cwd=tmp_path)
    assert filtered.returncode == 0, filtered.stderr
    data = json.loads(filtered.stdout)
    assert data["filters"] == {"since": None, "until": "2021-12-31", "categories": ["cs.cl"],
                               "collections": ["arxiv-sample"]}
    shown = data["sources"] + data["uncited"]
    assert shown and all(s["date"] <= "2021-12-31" and "cs.CL" in s["categories"] for s in shown)

    bad = _cli("ask", question, "--since", "yesterday", env_extra=cli_env, cwd=tmp_path)
    assert bad.returncode == 1 and "write YYYY, YYYY-MM or YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
