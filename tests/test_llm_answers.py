import re
import time

import pytest

from assistant import Answer, Assistant, Delta, NO_ANSWER, Turn
from tests.app_server import free_port
from tests.fake_llm import Reply

QUESTION = "How does upcycling turn dense models into mixture of experts?"


def _stream(assistant, question=QUESTION, history=()):
    events = list(assistant.stream(question, history))
    deltas = [e.text for e in events if isinstance(e, Delta)]
    answers = [e for e in events if isinstance(e, Answer)]
    assert len(answers) == 1 and events[-1] is answers[0]
    return "".join(deltas), answers[0]


def _n_prompt_sources(request) -> int:
    return len(re.findall(r'<source id="\d+">', request["messages"][-1]["content"]))


@pytest.mark.parametrize("stream", [True, False])
def test_invented_markers_are_dropped_and_sources_renumbered(llm_assistant, fake_llm, stream):
    fake_llm.reply = lambda r: Reply(text="Upcycling reuses dense weights [2]. It scales well [9]. See also [1][1].")
    assistant = Assistant(llm_assistant.settings.with_overrides(llm_stream=stream))
    streamed, answer = _stream(assistant)

    assert answer.mode == "llm" and not answer.abstained
    assert answer.text == "Upcycling reuses dense weights [1]. It scales well. See also [2]."
    assert answer.dropped_citations == 1
    assert len(answer.sources) == 2
    assert streamed == answer.text if stream else streamed in ("", answer.text)
    prompt_titles = re.findall(r"Title: (.+)", fake_llm.requests[-1]["messages"][-1]["content"])
    assert [s.title for s in answer.sources] == [prompt_titles[1], prompt_titles[0]]
    assert {s.title for s in answer.uncited} == set(prompt_titles[2:])
    assert fake_llm.requests[-1]["stream"] is stream


def test_answer_without_citations_says_so_and_cites_nothing(llm_assistant, fake_llm):
    fake_llm.reply = lambda r: Reply(text="Upcycling is a technique for building sparse models.")
    _, answer = _stream(llm_assistant)
    assert answer.sources == ()
    assert answer.uncited and "cites none" in answer.notice
    assert answer.text == "Upcycling is a technique for building sparse models."


def test_model_declining_means_abstained(llm_assistant, fake_llm):
    fake_llm.reply = lambda r: Reply(text=NO_ANSWER)
    _, answer = _stream(llm_assistant)
    assert answer.abstained and answer.sources == () and answer.text == NO_ANSWER


def test_no_llm_call_when_support_is_too_weak(llm_assistant, fake_llm):
    answer = llm_assistant.ask("sourdough bread baking hydration levels")
    assert answer.abstained
    assert fake_llm.requests == []


def test_sources_are_quoted_as_data_in_the_prompt(llm_assistant, fake_llm):
    llm_assistant.ask(QUESTION)
    system, user = fake_llm.requests[-1]["messages"]
    assert system["role"] == "system" and "never instructions" in system["content"]
    assert NO_ANSWER in system["content"]
    assert user["content"].count("<source id=") == _n_prompt_sources(fake_llm.requests[-1]) >= 1
    assert "Upcycling pre-trained dense language models" in user["content"]
    assert "${" not in system["content"] + user["content"]


def test_prompt_context_respects_the_token_budget(llm_assistant, fake_llm):
    from assistant.answer.compose import count_tokens

    small = Assistant(llm_assistant.settings.with_overrides(context_tokens=400))
    small.ask(QUESTION)
    content = fake_llm.requests[-1]["messages"][-1]["content"]
    sources = content.split("</sources>")[0]
    assert count_tokens(sources) <= 400 + 40
    assert _n_prompt_sources(fake_llm.requests[-1]) >= 1


def test_llm_down_falls_back_to_extractive_with_a_notice(llm_assistant):
    down = Assistant(llm_assistant.settings.with_overrides(llm_base_url=f"http://127.0.0.1:{free_port()}/v1"))
    started = time.monotonic()
    answer = down.ask(QUESTION)
    assert time.monotonic() - started < 5
    assert answer.mode == "extractive" and answer.sources
    assert "Could not connect to the LLM" in answer.notice and "extractive answer" in answer.notice


def test_llm_hanging_falls_back_within_the_deadline(llm_assistant, fake_llm):
    fake_llm.reply = lambda r: Reply(hang=True)
    started = time.monotonic()
    answer = llm_assistant.ask(QUESTION)
    elapsed = time.monotonic() - started
    assert elapsed < llm_assistant.settings.llm_first_token_timeout + 2.5
    assert answer.mode == "extractive" and answer.sources
    assert "within 1.5 s" in answer.notice


@pytest.mark.heavy
def test_trickling_stream_is_cut_at_the_total_deadline(llm_assistant, fake_llm):
    fake_llm.reply = lambda r: Reply(text="word " * 200, delay=0.05)
    started = time.monotonic()
    answer = llm_assistant.ask(QUESTION)
    assert time.monotonic() - started < llm_assistant.settings.llm_total_timeout + 2.5
    assert answer.mode == "extractive" and "within 3 s" in answer.notice


@pytest.mark.parametrize("status", [500, 429, 404])
def test_http_errors_fall_back(llm_assistant, fake_llm, status):
    fake_llm.reply = lambda r: Reply(status=status)
    answer = llm_assistant.ask(QUESTION)
    assert answer.mode == "extractive" and f"HTTP {status}" in answer.notice


def test_followup_is_condensed_by_the_llm_before_retrieval(llm_assistant, fake_llm):
    def reply(request):
        if "Standalone question" in request["messages"][-1]["content"]:
            return Reply(text="What hyperparameters matter when upcycling dense models into mixture of experts?")
        return Reply(text="Group initialization matters [1].")

    fake_llm.reply = reply
    history = [Turn(QUESTION, "Upcycling reuses dense weights [1].")]
    answer = llm_assistant.ask("Which hyperparameters matter for it?", history)
    condense, final = fake_llm.requests
    assert "User: " + QUESTION in condense["messages"][-1]["content"]
    assert "Question: What hyperparameters matter when upcycling" in final["messages"][-1]["content"]
    assert answer.sources[0].title.startswith("Upcycling")


def test_api_key_never_appears_in_answers(llm_assistant):
    secret = "sk-test-SECRET-123456"
    keyed = Assistant(
        llm_assistant.settings.with_overrides(llm_api_key=secret, llm_base_url=f"http://127.0.0.1:{free_port()}/v1")
    )
    answer = keyed.ask(QUESTION)
    assert secret not in str(answer.to_dict()) and secret not in repr(keyed.settings)
