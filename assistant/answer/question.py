"""A question made ready for retrieval: cleaned, and, for a follow-up, made to stand on its own.

question (+ the conversation) -> the query retrieval searches for, or the papers a follow-up that
points back ("How much memory do they save?") is about. ``Run`` carries one question through the
rest of the pipeline: what was searched, the time each stage took, and what to tell the reader.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LLMError, QuestionError
from ..index.terms import content_words
from ..models import Evidence, Turn
from ..settings import Mode
from .compose import condense_messages
from .filters import Filters

if TYPE_CHECKING:
    from .llm import LLMClient

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")
# Words by which a follow-up points back at the conversation ("how fast is it?", "what about those?").
_REFERRING = frozenset("it its it's they them their theirs this that these those he she his her same above "
                       "previous earlier former latter also".split())
_CONTINUING = ("and ", "what about", "how about", "why", "but ", "so ", "then ")
_CONDENSED_TOKENS = 120


@dataclass
class Run:
    """One question on its way to an ``Answer``."""

    question: str
    mode: Mode
    query: str = ""  # what retrieval searched for: the question, made standalone for a follow-up
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)
    notice: str = ""
    evidence: Evidence | None = None
    filters: Filters | None = None
    reasoning: str = ""  # a reasoning model's thinking, kept apart from the answer

    def lap(self, name: str, since: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - since


def clean_question(question: str, max_chars: int) -> str:
    text = " ".join(_CONTROL.sub(" ", question or "").split())
    if not text:
        raise QuestionError("Please type a question.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. Please shorten it."
        )
    return text


def leans_on_context(question: str) -> bool:
    """Whether a follow-up needs the previous turn to be understood (extractive mode has no LLM to ask)."""
    lowered = question.casefold()
    words = set(re.findall(r"[a-z']+", lowered))
    return bool(words & _REFERRING) or lowered.startswith(_CONTINUING) or not content_words(question)


def followed_papers(question: str, history: Sequence[Turn], mode: Mode) -> list[str]:
    """The papers an extractive follow-up that points back ("How much memory do they save?") is about."""
    if not history or mode is Mode.LLM or not history[-1].papers or not leans_on_context(question):
        return []
    return list(history[-1].papers)


def standalone(run: Run, history: Sequence[Turn], llm: LLMClient | None, prompts_dir: Path, max_chars: int) -> str:
    """A follow-up made self-contained: condensed by the LLM, or joined to the previous question."""
    question = run.question
    if not history:
        return question
    if run.mode is Mode.LLM and llm is not None:
        t = time.perf_counter()
        try:
            pairs = [(turn.question, turn.answer) for turn in history]
            rewritten = llm.complete(condense_messages(prompts_dir, pairs, question), max_tokens=_CONDENSED_TOKENS)
            rewritten = " ".join(rewritten.split())
            if 0 < len(rewritten) <= max_chars:
                return rewritten
        except LLMError:
            pass  # the joined form below still finds the right papers most of the time
        finally:
            run.lap("condense", t)
    return f"{history[-1].question} {question}" if leans_on_context(question) else question
