"""The language model over the OpenAI-compatible API, with deadlines that always hold.

The request runs on a worker thread and hands tokens over a queue; the caller waits on the queue
with whichever deadline applies (first token, then total), so a server that hangs, trickles or
sends nothing cannot hold a caller past the configured time. httpx's own timeouts make the worker
itself finish soon after, so threads and connections do not pile up.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from functools import cached_property

import httpx
import openai

from ..errors import LLMError, LLMTimeout, LLMUnavailable
from ..settings import OPENAI_BASE_URL, OPENAI_DEFAULT_MODEL, Settings

_DONE = object()


class LLMClient:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.base_url = settings.effective_base_url
        self._model: str | None = settings.llm_model
        self._model_lock = threading.Lock()

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
        return "".join(self.stream(messages, max_tokens=max_tokens))

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
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
        first = True
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
                    if first:
                        raise LLMUnavailable(f"The LLM at {self.base_url} returned an empty answer")
                    return
                if isinstance(item, LLMError):
                    raise item
                first = False
                yield item
        finally:
            cancelled.set()

    def _request(self, model, messages, max_tokens, handoff: queue.Queue, cancelled: threading.Event) -> None:
        s = self.settings
        response = None
        try:
            response = self.client.chat.completions.create(
                model=model,
                messages=messages,
                temperature=s.llm_temperature,
                max_tokens=max_tokens,
                stream=s.llm_stream,
            )
            if not s.llm_stream:
                text = response.choices[0].message.content if response.choices else None
                if text:
                    handoff.put(text)
            else:
                for event in response:
                    if cancelled.is_set():
                        break
                    if event.choices and event.choices[0].delta and event.choices[0].delta.content:
                        handoff.put(event.choices[0].delta.content)
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
