"""LLM answers checked claim by claim against the sources they cite (scripted answers, fake server)."""

import re

import numpy as np
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


# Claims read as a reader reads them (issue 28) -----------------------------------------------------------

def _checked(text: str, source: str, title: str = "") -> list:
    """Claims of ``text`` checked against one source, with a lexical embedding (no model needed)."""
    from assistant.answer.grounding import check_claims
    from assistant.index.chunking import split_sentences
    from assistant.index.embedding import HashEmbedding
    from assistant.index.records import StoredSentence

    embed = HashEmbedding().get_text_embedding_batch
    sentences = split_sentences(source)
    vectors = embed(sentences)
    stored = [StoredSentence(i, s, np.asarray(v, dtype="float32")) for i, (s, v) in enumerate(zip(sentences, vectors))]
    return check_claims(text, [stored], embed, min_similarity=0.0, titles=[title] if title else ())


SOURCE = ("We train the policy with proximal policy optimization (PPO) and supervised fine-tuning. QuEST cuts the "
          "FLOPs of training by 77% and outperforms CoOp by 5.8 points on 11 datasets, using a mixture of experts.")


def test_a_follow_on_sentence_is_checked_against_the_paper_the_sentence_before_cites():
    claims = _checked("QuEST cuts training FLOPs by 77% [1]. It also beats CoOp on 11 datasets.", SOURCE)
    assert [c.status for c in claims] == [SUPPORTED, SUPPORTED]
    assert claims[1].citations == (1,)  # taken from the sentence before: "It" is QuEST
    standalone = _checked("QuEST cuts training FLOPs by 77% [1]. CoOp reaches 11 datasets.", SOURCE)
    assert standalone[1].status == UNCITED  # a new subject without a citation is still uncited


def test_an_abbreviation_counts_as_the_name_its_source_spells_out_and_the_other_way_round():
    assert _checked("The policy is trained with PPO and SFT [1].", SOURCE)[0].status == SUPPORTED
    assert _checked("It uses a MoE [1].", SOURCE)[0].status == SUPPORTED  # "mixture of experts": initials
    reversed_ = _checked("Training uses Proximal Policy Optimization [1].", "We train with PPO on two tasks.")
    assert reversed_[0].status == SUPPORTED
    assert _checked("The policy is trained with DPO [1].", SOURCE)[0].status == NAME_MISSING


def test_every_figure_of_a_claim_must_be_the_sources_even_beside_a_right_one():
    claims = _checked("QuEST cuts FLOPs by 77% and outperforms CoOp by 12.4 points [1].", SOURCE)
    assert claims[0].status == FIGURE_MISSING and claims[0].detail.startswith("12.4 is not")
    assert _checked("It was trained on 64 GPUs [1].", SOURCE)[0].status == FIGURE_MISSING  # a number with no unit
    assert _checked("QuEST beats CoOp by 5.8 points on 11 datasets [1].", SOURCE)[0].status == SUPPORTED


@pytest.mark.parametrize("follow_on", [
    "On 11 datasets it beats CoOp by 5.8 points.",  # a pronoun subject after a short opening
    "Overall that cuts FLOPs by 77%.",
    "That study covered 11 datasets.",
    "With experts, its FLOPs fall by 77%.",
])
def test_a_follow_on_whose_subject_is_a_pronoun_after_an_opening_takes_the_citation_before(follow_on):
    claims = _checked(f"QuEST cuts training FLOPs by 77% [1]. {follow_on}", SOURCE)
    assert [c.status for c in claims] == [SUPPORTED, SUPPORTED] and claims[1].citations == (1,)
    wrong = _checked(f"QuEST cuts training FLOPs by 77% [1]. {follow_on.replace('77%', '91%').replace('5.8', '7.1')}"
                     .replace("11 datasets", "19 datasets"), SOURCE)
    assert wrong[1].status == FIGURE_MISSING  # inherited, and so checked against the same paper
    assert _checked(f"Methods that prune save 20%. {follow_on}", SOURCE)[0].status == UNCITED  # "that": a relative


def test_names_in_compounds_and_in_the_title_are_the_papers_own():
    assert _checked("QuEST trains a 7B-parameter, CoOp-style model [1].", "QuEST trains 7B models. CoOp is a "
                    "baseline.")[0].status == SUPPORTED  # each part is the source's or a plain word
    assert _checked("QuEST trains a 7B-parameter, DPO-style model [1].", "QuEST trains 7B models.")[0].status \
        == NAME_MISSING  # a part that is a name the source lacks
    titled = _checked("QuEST keeps 1-bit weights stable [1].", "The method keeps weights stable in training.",
                      title="QuEST: Stable Training of LLMs with 1-Bit Weights and Activations")
    assert titled[0].status == SUPPORTED  # the title says the name and the figure


def test_list_items_are_claims_of_their_own_and_an_explained_term_is_no_uncited_claim():
    claims = _checked("The sources offer two ideas:\n- QuEST cuts FLOPs by 77% [1].\n- It beats CoOp by 5.8 points.",
                      SOURCE)
    assert [c.status for c in claims] == [SUPPORTED, SUPPORTED]  # the intro states nothing to check
    assert _checked("Mixture of experts (MoE) routes each token to a few experts.", SOURCE) == []
    assert _checked("QuEST scales to 1,024K tokens [1].", SOURCE)[0].detail == "1024k is not in the cited source"
