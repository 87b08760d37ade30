"""What a researcher sees: when the assistant declines, which sentences it quotes, how follow-ups keep
their subject. The fixture store uses the deterministic hash embedding; the real model and corpus are
measured by the question sets (tests/test_eval_baseline.py)."""

import re

import pytest

from assistant import Assistant, Turn
from assistant.index.vocabulary import TermStats
from assistant.answer.extractive import Form, has_figure, question_form
from assistant.index.terms import names
from tests.conftest import MINI_FEED
from tests.test_ingest import CountingEmbedding

QUOTE = re.compile(r"\u201c(.+?)\u201d")
ASTRO = "AstroMLab 4: Benchmark-Topping Performance in Astronomy Q&A with a 70B-Parameter Domain-Specialized Reasoning Model"


def _quotes(answer):
    return QUOTE.findall(answer.text)


@pytest.mark.parametrize("question", ["What does AstroMLab 4 do?", "what is astromlab 4?", "Results of AstroMLab 4?"])
def test_question_that_only_names_a_paper_is_answered_from_that_paper(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.evidence.explain()
    assert [s.title for s in answer.sources] == [ASTRO]
    assert answer.evidence.named and answer.evidence.named_paper is not None


def test_a_name_no_paper_mentions_is_declined_and_the_record_says_why(assistant):
    answer = assistant.ask("How does FlashAttention-3 use FP8 on Hopper GPUs?")
    assert answer.abstained
    evidence = answer.to_dict()["evidence"]
    assert evidence["supported"] is False
    assert "flashattention-3" in evidence["unknown_names"]
    assert evidence["score"] < evidence["threshold"]
    assert "declined" in evidence["explanation"] and "flashattention-3" in evidence["explanation"]
    assert {"dense", "sentence", "coverage", "title"} <= set(evidence)


def test_answered_questions_carry_their_evidence_too(assistant):
    evidence = assistant.ask("How does Muon scale for LLM training?").to_dict()["evidence"]
    assert evidence["supported"] is True and evidence["score"] >= evidence["threshold"]
    assert evidence["explanation"].startswith("answered")


def test_how_much_question_quotes_the_sentences_with_figures(assistant):
    answer = assistant.ask("How much computational efficiency does Muon gain over AdamW?")
    quotes = _quotes(answer)
    assert quotes and has_figure(quotes[0])
    assert "2times" in answer.text


def test_answering_embeds_only_the_question(settings):
    embedding = CountingEmbedding()
    assistant = Assistant(settings, embedding=embedding)
    assistant.ingest([MINI_FEED], progress=False)
    before = embedding.texts_embedded
    queries = []
    original = embedding._get_query_embedding
    object.__setattr__(embedding, "_get_query_embedding", lambda q: queries.append(q) or original(q))
    answer = assistant.ask("What is the virtual group initialization for upcycling mixture of experts?")
    assert not answer.abstained and _quotes(answer)
    assert embedding.texts_embedded == before  # sentence vectors come from the store
    assert len(queries) == 1


def test_extractive_followup_answers_from_the_previous_answers_papers(assistant):
    first = assistant.ask("Which papers discuss speculative decoding or layer normalization?", top_k=2)
    previous = tuple(s.paper_id for s in first.sources)
    assert len(previous) == 2
    followup = assistant.ask("How much faster are they?", [Turn(first.question, first.text, previous)])
    assert not followup.abstained
    assert {s.paper_id for s in followup.sources} <= set(previous)
    assert {s.paper_id for s in followup.uncited} <= set(previous)
    assert any(has_figure(q) for q in _quotes(followup))


def test_self_contained_question_after_a_list_searches_the_whole_collection(assistant):
    first = assistant.ask("Which papers discuss speculative decoding?", top_k=1)
    history = [Turn(first.question, first.text, tuple(s.paper_id for s in first.sources))]
    answer = assistant.ask("What is Muon?", history)
    assert answer.sources[0].title == "Muon is Scalable for LLM Training"


@pytest.mark.parametrize(("question", "form"), [
    ("How much memory do they save?", Form.QUANTITY),
    ("By what factor is decoding faster?", Form.QUANTITY),
    ("What MMLU accuracy did the upcycled model reach?", Form.QUANTITY),
    ("Which datasets was it evaluated on?", Form.EVALUATED),
    ("What does QuEST do?", Form.DEFINITION),
    ("Which papers study pruning?", Form.LIST),
    ("Why does quantization hurt?", Form.OTHER),
])
def test_question_form(question, form):
    assert question_form(question) is form


def test_names_are_words_written_as_names():
    assert names("What MMLU did the upcycled Nemotron-4 15B reach?") == ["mmlu", "nemotron-4", "15b"]
    assert names("what does quest do?") == []
    assert names("How does InstructGPT compare with NeRF?") == ["instructgpt", "nerf"]


def test_a_version_is_not_its_family_but_a_figure_is_its_parts():
    stats = TermStats.from_papers([("p1", "FlashAttention", "FlashAttention is fast on 718 billion parameter models")])
    assert stats.knows("flashattention") and not stats.knows("flashattention-3")
    assert stats.knows("718-billion-parameter")
