"""Filters on date, category and collection: applied in Chroma and in the keyword index alike, so a
filtered answer never cites a paper outside the filter."""

from __future__ import annotations

import pytest

from assistant import Assistant, Filters, QuestionError, Turn
from assistant.index import keywords
from tests.conftest import FIXTURES, HASH_SUPPORT, MINI_FEED

ARXIV = FIXTURES / "collections" / "arxiv-sample.json"

FILTERS = [
    Filters.make(since="2023"),
    Filters.make(until="2021-06"),
    Filters.make(since="2022-02-04", until="2022-02-04"),
    Filters.make(categories="CS.AR"),
    Filters.make(categories=["cs.DC", "math.OC"]),
    Filters.make(collections="mini_feed"),
    Filters.make(collections="arxiv-sample.json", categories="cs.CL", since="2024"),
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    from assistant import Settings

    root = tmp_path_factory.mktemp("filters")
    settings = Settings(vectorstore_dir=root / "vs", corpus_dir=FIXTURES, embed_model="hash", min_support=HASH_SUPPORT)
    assistant = Assistant(settings)
    assistant.ingest([ARXIV, MINI_FEED], progress=False)
    return assistant


def _all_sources(answer):
    return list(answer.sources) + list(answer.uncited)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
def test_chroma_where_keyword_mask_and_python_test_agree_on_every_chunk(mixed, filters):
    store = mixed.store
    everything = store.collection.get(include=["metadatas"])
    by_python = {cid for cid, meta in zip(everything["ids"], everything["metadatas"]) if filters.admits(meta)}
    by_chroma = set(store.collection.get(where=filters.where(), include=[])["ids"])
    _, _, columns = keywords.open_index(keywords.index_dir(store, store.version()), 30)
    bm25 = mixed.retriever._current()["bm25"]
    mask = filters.mask(columns)
    by_mask = {bm25.corpus[i]["node_id"] for i in range(len(mask)) if mask[i]}
    assert by_python and by_python != set(everything["ids"])  # each filter keeps some and drops some
    assert by_chroma == by_python == by_mask


@pytest.mark.parametrize("kind", ["hybrid", "dense", "bm25"])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
def test_every_retrieved_paper_passes_the_filter(mixed, filters, kind):
    found = mixed.retriever.retrieve("quantization of language models speeds up inference", k=8, kind=kind,
                                     filters=filters)
    assert found.papers
    records = mixed.store.paper_records([p.paper_id for p in found.papers])
    assert all(filters.admits(meta) for meta in records.values())


def test_the_best_paper_outside_the_filter_is_never_cited(mixed):
    question = "How much does a tree of drafts speed up speculative decoding?"
    unfiltered = mixed.ask(question)
    assert unfiltered.sources[0].title == "Draft Trees for Speculative Decoding"
    early = mixed.ask(question, filters=Filters.make(until="2021"))
    assert early.filters == {"since": None, "until": "2021-12-31", "categories": [], "collections": []}
    assert all(s.title != "Draft Trees for Speculative Decoding" for s in _all_sources(early))
    assert all(s.date and s.date <= "2021-12-31" for s in _all_sources(early))


def test_a_date_filter_leaves_out_papers_whose_date_has_no_year(mixed):
    question = "Which papers study mixture of experts?"
    feed_only = mixed.ask(question, filters=Filters.make(collections="mini_feed"))
    assert _all_sources(feed_only) and all(s.date and s.date[0].isalpha() for s in _all_sources(feed_only))
    dated = mixed.ask(question, filters=Filters.make(since="1900"))
    assert all(s.collection == "arxiv-sample" for s in _all_sources(dated))


def test_a_filter_that_admits_nothing_declines_and_says_why(mixed):
    answer = mixed.ask("What is speculative decoding?", filters=Filters.make(categories="q-bio.GN"))
    assert answer.abstained and not answer.sources and not answer.uncited
    assert "No paper in the collection matches the filters (category q-bio.gn)" in answer.notice


def test_a_follow_up_keeps_to_the_filter(mixed):
    first = mixed.ask("Which papers quantize the KV cache?")
    papers = tuple(s.paper_id for s in first.sources)
    assert papers
    history = [Turn(first.question, first.text, papers)]
    only_2024 = Filters.make(since="2024")
    follow = mixed.ask("How much memory do they save?", history, filters=only_2024)
    assert all(s.date >= "2024" for s in _all_sources(follow))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"since": "last year"}, "not understood"),
    ({"until": "2024-13"}, "not a calendar date"),
    ({"since": "2025", "until": "2024"}, "range is empty"),
])
def test_bad_filters_are_question_errors_that_say_how_to_write_them(kwargs, message):
    with pytest.raises(QuestionError, match=message):
        Filters.make(**kwargs)


def test_period_bounds_cover_the_whole_period():
    assert Filters.make(since="2024", until="2024").describe() == "from 2024-01-01, until 2024-12-31"
    assert Filters.make(until="2024-02").until == 20240231  # compared as numbers: the end of February
    assert not Filters.make() and not Filters.make(categories=" , ")


def test_status_lists_the_collections_and_categories_a_filter_can_name(mixed):
    status = mixed.status()
    assert status["collections"] == ["arxiv-sample", "mini_feed"]
    assert {"cs.LG", "cs.CL", "stat.ML"} <= set(status["categories"])  # as spelled, matched in any case
