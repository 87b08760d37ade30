"""A reasoning model's thinking, kept apart from its answer however the server sends it.

Servers send it three ways (``tests/fixtures/llm_wire/README.md``): in a field of its own
(``reasoning_content``: llama.cpp's default, DeepSeek's API, vLLM until 0.11; ``reasoning``: Ollama
from 0.12.5, vLLM now; both at once in between), or inside the answer's text as a ``<think>...</think>``
block (llama.cpp with ``--reasoning-format none``, older Ollama), with the tags cut across stream
chunks by a gateway, or with only the closing tag when the chat template wrote the opening one into
the prompt (DeepSeek-R1 distills, Qwen3 "Thinking-2507").

``ThinkSplitter`` reads answer text as it streams and says which part is thinking. The last case
cannot be known until the closing tag comes: what was taken for the answer until then turns out to
have been thinking, and the splitter says so (``RESTART``) so the caller can start the answer over.
"""

from __future__ import annotations

ANSWER, REASONING, RESTART = "answer", "reasoning", "restart"
_OPEN, _CLOSE = "<think>", "</think>"


def reasoning_of(message: object) -> str:
    """The thinking a server sent in a field of its own, read from one field only: vLLM for a while
    sent the same text as both ``reasoning_content`` and ``reasoning``."""
    for name in ("reasoning_content", "reasoning"):
        value = getattr(message, name, None)
        if value is None:
            value = (getattr(message, "model_extra", None) or {}).get(name)
        if isinstance(value, str) and value:
            return value
    return ""


class ThinkSplitter:
    """Pieces of streamed answer text in, (kind, text) pieces out: ``ANSWER``, ``REASONING`` or
    ``RESTART`` (the answer so far was thinking; its text comes next as ``REASONING``)."""

    def __init__(self) -> None:
        self._pending = ""  # text held back: it may be the start of a tag
        self._state = "start"  # start | thinking | answer | after (a closed block: no more tags)
        self._answered = ""  # what was given out as answer while no tag had been seen

    def feed(self, text: str) -> list[tuple[str, str]]:
        self._pending += text
        out: list[tuple[str, str]] = []
        while self._pending:
            if self._state == "start":
                stripped = self._pending.lstrip()
                if not stripped or (len(stripped) < len(_OPEN) and _OPEN.startswith(stripped)):
                    break  # whitespace, or what may become "<think>": wait for more
                if stripped.startswith(_OPEN):
                    self._pending, self._state = stripped[len(_OPEN):], "thinking"
                else:
                    self._state = "answer"
            elif self._state == "thinking":
                end = self._pending.find(_CLOSE)
                if end >= 0:
                    out.append((REASONING, self._pending[:end]))
                    self._pending, self._state = self._pending[end + len(_CLOSE):].lstrip(), "after"
                    continue
                out.append((REASONING, self._take_all_but_a_partial(_CLOSE)))
                break
            elif self._state == "answer":
                end = self._pending.find(_CLOSE)
                if end >= 0:  # the opening tag was in the prompt: all of it was thinking
                    out += [(RESTART, ""), (REASONING, self._answered + self._pending[:end])]
                    self._pending, self._state, self._answered = self._pending[end + len(_CLOSE):].lstrip(), "after", ""
                    continue
                piece = self._take_all_but_a_partial(_CLOSE)
                self._answered += piece
                out.append((ANSWER, piece))
                break
            else:
                out.append((ANSWER, self._pending))
                self._pending = ""
        return [(kind, text) for kind, text in out if text or kind == RESTART]

    def finish(self) -> list[tuple[str, str]]:
        """What is still held back, once the stream has ended."""
        rest, self._pending = self._pending, ""
        if not rest:
            return []
        if self._state == "thinking":
            return [(REASONING, rest)]  # a cut-off answer that never left its thinking
        return [(ANSWER, rest if self._state != "start" else rest.strip())]

    def _take_all_but_a_partial(self, tag: str) -> str:
        """Everything pending but a tail that may be the start of ``tag``."""
        keep = next((n for n in range(min(len(tag) - 1, len(self._pending)), 0, -1)
                     if tag.startswith(self._pending[-n:])), 0)
        taken, self._pending = self._pending[: len(self._pending) - keep], self._pending[len(self._pending) - keep:]
        return taken


def split_thinking(text: str) -> tuple[str, str]:
    """A whole (non-streamed) answer as (reasoning, answer)."""
    splitter = ThinkSplitter()
    reasoning, answer = "", ""
    for kind, piece in splitter.feed(text) + splitter.finish():
        if kind == RESTART:
            answer = ""
        elif kind == REASONING:
            reasoning += piece
        else:
            answer += piece
    return reasoning, answer.strip()
