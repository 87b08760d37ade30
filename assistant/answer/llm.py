"""The language model over the OpenAI-compatible API, with deadlines that always hold.

The request runs on a worker thread and hands tokens over a queue; the caller waits on the queue
with whichever deadline applies (first token, then total), so a server that hangs, trickles or
sends nothing cannot hold a caller past the configured time. httpx's own timeouts make the worker
itself finish soon after, so threads and connections do not pile up.

Tokens come out as (kind, text): the answer, or the model's reasoning, which a reasoning model sends
first (``reasoning.py`` reads every form servers use). A thinking token counts for the first-token
deadline: a model that thinks for a while is not silent.

OpenAI's reasoning models (o1, o3, o4-mini, the GPT-5 family) refuse ``max_tokens`` and any
temperature but the default. Requests to a model whose name says it is one send
``max_completion_tokens`` and no temperature from the start (the rule LiteLLM and LlamaIndex apply);
any other model that answers HTTP 400 naming one of those parameters is asked again without it,
and the client remembers that model's needs for the rest of the process.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import httpx
import openai

from ..errors import LLMError, LLMTimeout, LLMUnavailable
from ..settings import OPENAI_BASE_URL, OPENAI_DEFAULT_MODEL, Settings
from .reasoning import ANSWER, REASONING, reasoning_of, split_thinking

_DONE = object()
# OpenAI's reasoning models by name, after any "provider/" prefix (gpt-5-chat takes the usual parameters).
_REASONING_MODEL = re.compile(r"^(o\d|gpt-5(?!-chat))", re.IGNORECASE)


@dataclass
class Parameters:
    """What a model accepts: the name of its token limit, and whether it takes a temperature."""

    token_limit: str = "max_tokens"
    temperature: bool = True

    @classmethod
    def for_model(cls, model: str) -> Parameters:
        if _REASONING_MODEL.match(model.rpartition("/")[2]):
            return cls("max_completion_tokens", temperature=False)
        return cls()

    def learn(self, error: openai.BadRequestError) -> bool:
        """Adjust to a 400 that names a refused parameter; False when there is nothing to adjust."""
        param = getattr(error, "param", None)
        if param == "max_tokens" and self.token_limit == "max_tokens":
            self.token_limit = "max_completion_tokens"
            return True
        if param == "temperature" and self.temperature:
            self.temperature = False
            return True
        return False


class LLMClient:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.base_url = settings.effective_base_url
        self._model: str | None = settings.llm_model
        self._model_lock = threading.Lock()
        self._parameters: dict[str, Parameters] = {}  # per model, learned from its refusals

    @cached_property
    def client(self) -> openai.OpenAI:
        s = self.settings
        key = s.llm_api_key.get_secret_value() if s.llm_api_key else "no-key"  # local servers ignore it
        read = s.llm_first_token_timeout if s.llm_stream else s.llm_total_timeout
        return openai.OpenAI(
            base_url=self.base_url,
            api_key=key,
            max_retries=0,  # the deadline is the budget: a retry would spend it twice
            timeout=httpx.Timeout(connect=s.llm_connect_timeout, read=read, write=read, pool=s.llm_connect_timeout),
        )

    def describe(self) -> str:
        return f"{self._model or 'default model'} at {self.base_url}"

    def model(self) -> str:
        """The configured model, else the hosted default, else the first one the server lists."""
        with self._model_lock:
            if self._model:
                return self._model
            if self.base_url == OPENAI_BASE_URL:
                self._model = OPENAI_DEFAULT_MODEL
                return self._model
            try:
                models = self.client.with_options(timeout=self.settings.llm_first_token_timeout).models.list()
                names = [m.id for m in models.data]
            except openai.OpenAIError as exc:
                raise _translate(exc, self.base_url) from None
            if not names:
                raise LLMUnavailable(f"the LLM server at {self.base_url} lists no models; set ASSISTANT_LLM_MODEL")
            self._model = names[0]
            return self._model

    def ping(self) -> str:
        """A short plain sentence saying whether the endpoint answers (for the UI's status line)."""
        try:
            models = self.client.with_options(timeout=self.settings.llm_connect_timeout + 2).models.list()
            return f"LLM {self._model or (models.data[0].id if models.data else '?')} at {self.base_url} answers"
        except openai.OpenAIError as exc:
            return f"LLM at {self.base_url} does not answer: {_translate(exc, self.base_url)}"

    def complete(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> str:
        """The answer alone (reasoning and ``<think>`` blocks left out)."""
        answer = "".join(text for kind, text in self.stream(messages, max_tokens=max_tokens) if kind == ANSWER)
        return split_thinking(answer)[1]

    def parameters(self, model: str) -> Parameters:
        with self._model_lock:
            return self._parameters.setdefault(model, Parameters.for_model(model))

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[tuple[str, str]]:
        """(kind, text) pieces: ``ANSWER`` text as the model writes it (a ``<think>`` block in it is the
        caller's to split off, ``reasoning.ThinkSplitter``), or ``REASONING`` sent in a field of its own."""
        s = self.settings
        started = time.monotonic()
        model = self.model()
        handoff: queue.Queue = queue.Queue()
        cancelled = threading.Event()
        worker = threading.Thread(
            target=self._request,
            args=(model, messages, max_tokens or s.llm_max_tokens, handoff, cancelled),
            name="llm-request",
            daemon=True,
        )
        worker.start()
        first, answered = True, False
        try:
            while True:
                limit = s.llm_first_token_timeout if first else s.llm_total_timeout
                remaining = min(started + limit, started + s.llm_total_timeout) - time.monotonic()
                try:
                    item = handoff.get(timeout=max(remaining, 0.0))
                except queue.Empty:
                    what = "the first token" if first else "the whole answer"
                    raise LLMTimeout(
                        f"The LLM at {self.base_url} did not send {what} within {limit:g} s"
                    ) from None
                if item is _DONE:
                    if not answered:
                        raise LLMUnavailable(f"The LLM at {self.base_url} returned an empty answer")
                    return
                if isinstance(item, LLMError):
                    raise item
                first = False
                answered = answered or item[0] == ANSWER
                yield item
        finally:
            cancelled.set()

    def _create(self, model: str, messages, max_tokens: int):
        """The request, in the parameters the model accepts (asked again once per refused parameter)."""
        s = self.settings
        parameters = self.parameters(model)
        while True:
            extra = {parameters.token_limit: max_tokens}
            if parameters.temperature:
                extra["temperature"] = s.llm_temperature
            try:
                return self.client.chat.completions.create(model=model, messages=messages, stream=s.llm_stream, **extra)
            except openai.BadRequestError as exc:
                with self._model_lock:
                    if not parameters.learn(exc):
                        raise

    def _request(self, model, messages, max_tokens, handoff: queue.Queue, cancelled: threading.Event) -> None:
        s = self.settings
        response = None
        try:
            response = self._create(model, messages, max_tokens)
            if not s.llm_stream:
                message = response.choices[0].message if response.choices else None
                if message is not None and (thinking := reasoning_of(message)):
                    handoff.put((REASONING, thinking))
                if message is not None and message.content:
                    handoff.put((ANSWER, message.content))
            else:
                for event in response:
                    if cancelled.is_set():
                        break
                    delta = event.choices[0].delta if event.choices else None
                    if delta is None:
                        continue
                    if thinking := reasoning_of(delta):
                        handoff.put((REASONING, thinking))
                    if delta.content:
                        handoff.put((ANSWER, delta.content))
            handoff.put(_DONE)
        except openai.OpenAIError as exc:
            handoff.put(_translate(exc, self.base_url))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # malformed payloads
            handoff.put(LLMUnavailable(f"The LLM at {self.base_url} sent a malformed response ({type(exc).__name__})"))
        except httpx.HTTPError as exc:
            handoff.put(LLMUnavailable(f"The LLM at {self.base_url} failed: {type(exc).__name__}"))
        finally:
            close = getattr(response, "close", None)
            if close is not None:
                try:
                    close()
                except httpx.HTTPError:
                    pass


def _translate(exc: openai.OpenAIError, base_url: str) -> LLMError:
    """openai's errors as plain sentences; never include request headers (they hold the key)."""
    if isinstance(exc, openai.APITimeoutError):
        return LLMTimeout(f"The LLM at {base_url} did not answer in time")
    if isinstance(exc, openai.APIConnectionError):
        return LLMUnavailable(f"Could not connect to the LLM at {base_url}")
    if isinstance(exc, openai.NotFoundError):
        return LLMUnavailable(f"The LLM at {base_url} does not know the requested model or path (HTTP 404)")
    if isinstance(exc, openai.AuthenticationError):
        return LLMUnavailable(f"The LLM at {base_url} refused the API key (HTTP 401)")
    if isinstance(exc, openai.RateLimitError):
        return LLMUnavailable(f"The LLM at {base_url} is rate-limiting requests (HTTP 429)")
    if isinstance(exc, openai.APIStatusError):
        return LLMUnavailable(f"The LLM at {base_url} answered with an error (HTTP {exc.status_code})")
    if isinstance(exc, openai.APIResponseValidationError):
        return LLMUnavailable(f"The LLM at {base_url} sent a malformed response")
    return LLMUnavailable(f"The LLM at {base_url} failed ({type(exc).__name__})")
