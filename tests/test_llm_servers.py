"""LLM mode against the servers people run: reasoning models' thinking in every form servers send it,
and OpenAI's newer models' parameters. The fake server replays each server's wire format byte for
byte (``tests/fixtures/llm_wire/``, each file's source in its README)."""

from __future__ import annotations

import json

import pytest

from assistant import Assistant
from assistant.faces import export
from tests.conftest import FIXTURES, MINI_FEED
from tests.fake_llm import FakeLLM, Reply

WIRE = FIXTURES / "llm_wire"
THINKING = "The user asks about QuEST. Source 1 says it trains 4-bit models."
ANSWER = "QuEST trains 4-bit models [1]."
QUESTION = "How do quantized models train at low bit widths?"


def _assistant(settings, fake, **overrides) -> Assistant:
    overrides = {"llm_first_token_timeout": 2.0, "llm_total_timeout": 4.0, **overrides}
    assistant = Assistant(settings.with_overrides(llm_base_url=fake.base_url, llm_model=fake.models[0], mode="llm",
                                                  **overrides))
    assistant.ingest([MINI_FEED], progress=False)
    return assistant


@pytest.fixture
def replay(settings):
    servers = []

    def start(name: str, stream: bool):
        fake = FakeLLM().start()
        servers.append(fake)
        body = (WIRE / f"{name}.{'sse' if stream else 'json'}").read_bytes()
        fake.reply = lambda request: Reply(raw=body)
        return _assistant(settings, fake, llm_stream=stream), fake

    yield start
    for server in servers:
        server.stop()


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "json"])
@pytest.mark.parametrize("name", [
    "llamacpp-deepseek-format",  # reasoning_content (llama.cpp's default --reasoning-format)
    "llamacpp-none-format",  # <think>...</think> inside content
    "ollama-reasoning-field",  # reasoning (Ollama from 0.12.5)
    "ollama-think-in-content-pre-0.12.5",  # <think> in content, written \\u003cthink\\u003e by Go
    "vllm-reasoning-content",  # reasoning_content, content starting "\\n\\n"
    "vllm-reasoning-and-reasoning-content",  # the same text in both fields
    "vllm-reasoning",  # reasoning (vLLM now)
    "deepseek-api-reasoner",  # reasoning_content with explicit nulls, keep-alive comments
    "think-no-open",  # only </think>: the template opened the block in the prompt
])
@pytest.mark.heavy
def test_thinking_never_reaches_the_answer_its_claims_citations_or_exports(replay, name, stream):
    if not (WIRE / f"{name}.{'sse' if stream else 'json'}").exists():
        pytest.skip("this server has no such body")
    assistant, _ = replay(name, stream)
    answer = assistant.ask(QUESTION)
    assert answer.mode == "llm" and not answer.notice, answer.notice
    assert answer.text == ANSWER
    assert answer.reasoning == THINKING  # read from one field, even when the server sends two
    assert len(answer.sources) == 1 and all("user asks" not in c.text for c in answer.claims)
    data = answer.to_dict()
    assert "user asks" not in export.markdown(data) and "user asks" not in export.bibtex(data["sources"])


def test_think_tags_cut_across_stream_chunks_are_still_found(replay):
    assistant, _ = replay("think-split", stream=True)
    events = list(assistant.stream(QUESTION))
    answer = events[-1]
    assert answer.text == ANSWER and answer.reasoning == THINKING
    assert "<" not in "".join(e.text for e in events[:-1] if e.kind == "answer")
    assert any(e.kind == "reasoning" for e in events[:-1])


def test_an_unopened_think_block_restarts_the_streamed_answer(replay):
    assistant, _ = replay("think-no-open", stream=True)
    events = list(assistant.stream(QUESTION))
    kinds = [e.kind for e in events[:-1]]
    assert "restart" in kinds and kinds.index("restart") < kinds.index("reasoning")
    after = "".join(e.text for e in events[kinds.index("restart") + 1:-1] if e.kind == "answer")
    assert after.strip() == ANSWER and events[-1].text == ANSWER


def test_a_model_that_thinks_past_the_first_token_deadline_is_not_cut_off(settings):
    """Thinking tokens count as the first token: the deadline is about a silent server."""
    fake = FakeLLM().start()
    try:
        body = (WIRE / "llamacpp-deepseek-format.sse").read_bytes()
        fake.reply = lambda request: Reply(raw=body)
        assistant = _assistant(settings, fake, llm_first_token_timeout=1.0, llm_total_timeout=5.0)
        assert assistant.ask(QUESTION).text == ANSWER
    finally:
        fake.stop()


@pytest.mark.parametrize(("error", "refused"), [("openai-400-max-tokens", "max_tokens"),
                                                ("openai-400-temperature", "temperature"),
                                                ("openai-400-temperature-unsupported-parameter", "temperature")])
@pytest.mark.heavy
def test_a_model_that_refuses_a_parameter_is_asked_again_without_it_and_that_is_remembered(settings, error, refused):
    fake = FakeLLM(models=("a-new-reasoning-model",)).start()
    body = (WIRE / f"{error}.json").read_bytes()
    fake.reply = lambda request: Reply(status=400, raw=body) if refused in request else Reply(text=ANSWER)
    try:
        assistant = _assistant(settings, fake)
        first = assistant.ask(QUESTION)
        second = assistant.ask(QUESTION)
    finally:
        fake.stop()
    assert first.text == second.text == ANSWER and first.mode == "llm"
    asked = fake.requests
    assert refused in asked[0] and all(refused not in r for r in asked[1:])  # refused once, then never sent
    assert len(asked) == 3  # the refused request, its retry, and the second question straight away
    if refused == "max_tokens":
        assert all(r["max_completion_tokens"] == assistant.settings.llm_max_tokens for r in asked[1:])


@pytest.mark.heavy
@pytest.mark.parametrize("model", ["o3-mini", "o4-mini", "gpt-5", "openai/gpt-5-mini"])
def test_openai_reasoning_models_get_max_completion_tokens_and_no_temperature_from_the_start(settings, model):
    fake = FakeLLM(models=(model,)).start()
    fake.reply = lambda request: Reply(text=ANSWER)
    try:
        assert _assistant(settings, fake).ask(QUESTION).text == ANSWER
    finally:
        fake.stop()
    request = fake.requests[0]
    assert "max_completion_tokens" in request and "max_tokens" not in request and "temperature" not in request


def test_other_models_keep_max_tokens_and_the_temperature(settings):
    fake = FakeLLM(models=("gpt-5-chat-latest",)).start()
    fake.reply = lambda request: Reply(text=ANSWER)
    try:
        _assistant(settings, fake).ask(QUESTION)
    finally:
        fake.stop()
    assert fake.requests[0]["max_tokens"] and fake.requests[0]["temperature"] == 0.1


def test_the_error_body_openai_sends_is_replayed_as_it_is(settings):
    """The fixtures are OpenAI's own bodies: the client reads the refused parameter from them."""
    body = json.loads((WIRE / "openai-400-max-tokens.json").read_text())
    assert body["error"]["param"] == "max_tokens" and body["error"]["code"] == "unsupported_parameter"
