"""LLM answers checked claim by claim against the sources they cite (scripted answers, fake server)."""

import re

import pytest

from assistant.answer.grounding import FIGURE_MISSING, NAME_MISSING, SUPPORTED, UNCITED, WEAK, figures
from tests.fake_llm import Reply

QUESTION = "How does upcycling turn dense models into mixture of experts?"
UPCYCLING = "Upcycling Large Language Models into Mixture of Experts"
SPECULATIVE = "Parallel Speculative Decoding with Adaptive Draft Length"


def _number_of(request: dict, title: str) -> int:
    prompt = request["messages"][-1]["content"]
    return int(re.search(rf'<source id="(\d+)">\s*Title: {re.escape(title)}', prompt).group(1))


def _answer(llm_assistant, fake_llm, script, question=QUESTION):
    fake_llm.reply = lambda request: Reply(text=script(lambda title: _number_of(request, title)))
    return llm_assistant.ask(question)


@pytest.mark.parametrize(("text", "expected"), [
    ("reaches 67.6% MMLU", {("67.6", "%")}),
    ("67.6 percent", {("67.6", "%")}),
    ("a 2.4x, 2.4× and 2.4 times speedup", {("2.4", "x")}),
    ("up to 3.79times faster", {("3.79", "x")}),
    ("a 15B model on 1T tokens", {("15", "b"), ("1", "t")}),
    ("100 trillion tokens and 8,192 thousand", {("100", "t"), ("8192", "k")}),
    ("5.0% and 5%", {("5", "%")}),
])
def test_figures_are_normalised_across_unit_spellings(text, expected):
    assert figures(text) == expected


def test_a_faithful_claim_with_a_unit_variant_is_supported(llm_assistant, fake_llm):
    answer = _answer(llm_assistant, fake_llm, lambda n: (
        f"The upcycled Nemotron-4 15B reached 67.6 percent MMLU, against 65.3% for continued training [{n(UPCYCLING)}]."))
    (claim,) = answer.claims
    assert claim.status == SUPPORTED and "67.6%" in claim.evidence
    assert answer.to_dict()["claims"][0]["status"] == SUPPORTED


def test_defective_claims_are_flagged_with_their_reason(llm_assistant, fake_llm):
    answer = _answer(llm_assistant, fake_llm, lambda n: (
        f"The upcycled Nemotron-4 15B reached 71.2% MMLU [{n(UPCYCLING)}]. "  # a wrong figure
        f"Upcycling yields a 3.79x speedup over dense models [{n(UPCYCLING)}]. "  # a figure from another source
        f"Upcycling was first shown on Gemini Ultra [{n(UPCYCLING)}]. "  # a name no cited source has
        f"Bananas ripen faster when stored beside apples [{n(UPCYCLING)}]. "  # a claim no source makes
        "Mixtral uses 8 experts per layer."  # a fact with no citation
    ))
    statuses = [c.status for c in answer.claims]
    assert statuses == [FIGURE_MISSING, FIGURE_MISSING, NAME_MISSING, WEAK, UNCITED]
    assert "71.2%" in answer.claims[0].detail and "gemini" in answer.claims[2].detail


def test_a_swapped_citation_number_is_caught(llm_assistant, fake_llm):
    answer = _answer(llm_assistant, fake_llm, lambda n: (
        f"The upcycled Nemotron-4 15B reached 67.6% MMLU [{n(SPECULATIVE)}]."),
        question="upcycling mixture of experts and parallel speculative decoding with adaptive draft length")
    assert [c.status for c in answer.claims] == [FIGURE_MISSING]


def test_drop_removes_flagged_sentences_and_says_how_many(llm_assistant, fake_llm):
    dropping = type(llm_assistant)(llm_assistant.settings.with_overrides(grounding="drop"), store=llm_assistant.store,
                                   embedding=llm_assistant.embedding)
    answer = _answer(dropping, fake_llm, lambda n: (
        f"The upcycled Nemotron-4 15B reached 67.6% MMLU [{n(UPCYCLING)}]. "
        f"It reached 99.9% on every benchmark [{n(UPCYCLING)}]."))
    assert "67.6%" in answer.text and "99.9%" not in answer.text
    assert "1 sentence(s)" in answer.notice
    assert all(not c.flagged for c in answer.claims)


def test_off_skips_the_check(llm_assistant, fake_llm):
    off = type(llm_assistant)(llm_assistant.settings.with_overrides(grounding="off"), store=llm_assistant.store,
                              embedding=llm_assistant.embedding)
    answer = _answer(off, fake_llm, lambda n: f"It reached 99.9% on every benchmark [{n(UPCYCLING)}].")
    assert answer.claims == () and "99.9%" in answer.text
