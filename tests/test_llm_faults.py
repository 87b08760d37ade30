"""A flaky LLM server, fault by fault: each answer still comes, in time, with a readable notice."""

from __future__ import annotations

import itertools
import os
import threading
import time

import pytest

from assistant import Assistant
from tests.app_server import free_port
from tests.fake_llm import Reply

QUESTION = "How does upcycling turn dense models into mixture of experts?"

FAULTS = {
    "no bytes at all": (Reply(hang=True), "did not send the first token within 1.5 s"),
    "a stream that trickles": (Reply(text="slow " * 200, delay=0.05), "did not send the whole answer within 3 s"),
    "HTTP 500": (Reply(status=500), "answered with an error (HTTP 500)"),
    "HTTP 429": (Reply(status=429), "rate-limiting requests (HTTP 429)"),
    "malformed JSON": (Reply(raw=b"data: {not json\n\n"), "malformed response"),
    "an empty body": (Reply(raw=b""), "returned an empty answer"),
}


@pytest.mark.heavy
@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_ends_in_the_extractive_fallback_within_the_deadline(llm_assistant, fake_llm, fault):
    reply, notice = FAULTS[fault]
    fake_llm.reply = lambda request: reply
    started = time.monotonic()
    answer = llm_assistant.ask(QUESTION)
    assert time.monotonic() - started < llm_assistant.settings.llm_total_timeout + 1.5
    assert answer.mode == "extractive" and answer.sources and not answer.abstained
    assert notice in answer.notice and answer.notice.endswith("showing the extractive answer instead.")


def test_connection_refused_falls_back_at_once(llm_assistant):
    down = Assistant(llm_assistant.settings.with_overrides(llm_base_url=f"http://127.0.0.1:{free_port()}/v1"),
                     embedding=llm_assistant.embedding, store=llm_assistant.store)
    started = time.monotonic()
    answer = down.ask(QUESTION)
    assert time.monotonic() - started < 2
    assert answer.mode == "extractive" and answer.notice.startswith("Could not connect to the LLM at http://127.0.0.1:")


def test_unknown_model_name_is_named_in_the_notice(llm_assistant):
    wrong = Assistant(llm_assistant.settings.with_overrides(llm_model="no-such-model"),
                      embedding=llm_assistant.embedding, store=llm_assistant.store)
    answer = wrong.ask(QUESTION)
    assert answer.mode == "extractive" and "does not know the requested model" in answer.notice


def test_a_stream_chunk_with_empty_choices_is_skipped_not_fatal(llm_assistant, fake_llm):
    fake_llm.reply = lambda request: Reply(text="Upcycling reuses dense checkpoints [1].", empty_choices_first=True)
    answer = llm_assistant.ask(QUESTION)
    assert answer.mode == "llm" and answer.text == "Upcycling reuses dense checkpoints [1]." and not answer.notice


def test_a_burst_of_500s_and_429s_falls_back_then_recovers(llm_assistant, fake_llm):
    statuses = itertools.chain([500, 429, 500, 429, 500], itertools.repeat(200))
    fake_llm.reply = lambda request: Reply(text="Upcycling reuses dense checkpoints [1].", status=next(statuses))
    answers = [llm_assistant.ask(QUESTION) for _ in range(7)]
    assert [a.mode for a in answers] == ["extractive"] * 5 + ["llm"] * 2
    assert all("HTTP" in a.notice for a in answers[:5]) and not answers[5].notice


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def _fd_targets() -> set[str]:
    out = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            out.add(f"{fd}:{os.readlink(f'/proc/self/fd/{fd}')}")
        except OSError:
            pass
    return out


@pytest.mark.heavy
def test_a_hundred_faulty_requests_leak_no_worker_or_connection(llm_assistant, fake_llm):
    settings = llm_assistant.settings.with_overrides(llm_first_token_timeout=0.3, llm_total_timeout=0.6)
    flaky = Assistant(settings, embedding=llm_assistant.embedding, store=llm_assistant.store)
    faults = [Reply(status=500), Reply(status=429), Reply(raw=b"data: {not json\n\n"), Reply(raw=b""),
              Reply(text="slow " * 50, delay=0.05)] * 19 + [Reply(hang=True, hang_for=1.0)] * 5
    replies = iter(faults[:20] + faults)
    fake_llm.reply = lambda request: next(replies)
    # A first round brings the pools to their steady size (httpx keep-alive; Chroma's own SQLite pool
    # opens connections up to a bound as queries come); a leak grows with every request after it.
    for _ in range(20):
        assert flaky.ask(QUESTION).mode == "extractive"
    files = _open_files()
    before = _fd_targets()
    for _ in range(len(faults)):
        assert flaky.ask(QUESTION).mode == "extractive"
    # Abandoned workers end at httpx's read timeout and the fake server's hangs end too: a leak never
    # settles, a loaded machine only settles later.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and (
            any(t.name == "llm-request" for t in threading.enumerate()) or _open_files() > files + 4):
        time.sleep(0.25)
    assert [t.name for t in threading.enumerate() if t.name == "llm-request"] == []
    assert _open_files() <= files + 4, sorted(_fd_targets() - before)  # keep-alive may hold a connection or two
