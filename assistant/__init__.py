"""A research assistant that answers questions about paper abstracts with cited answers.

Names are imported on first use (PEP 562), so a command that only needs the store, such as a
no-op ``assistant ingest``, does not pay for loading llama-index, openai and the embedding model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_EXPORTS = {
    "ask": "api",
    "get_assistant": "api",
    "Assistant": "assistant",
    "Delta": "models",
    "Turn": "models",
    "AssistantError": "errors",
    "CorpusError": "errors",
    "LLMError": "errors",
    "LLMTimeout": "errors",
    "LLMUnavailable": "errors",
    "PaperNotFound": "errors",
    "PromptError": "errors",
    "QuestionError": "errors",
    "QuestionSetError": "errors",
    "SettingsError": "errors",
    "StoreBusyError": "errors",
    "StoreError": "errors",
    "StoreMismatchError": "errors",
    "Filters": "answer.filters",
    "IngestReport": "index.ingest",
    "NO_ANSWER": "models",
    "Answer": "models",
    "Paper": "models",
    "Source": "models",
    "Settings": "settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:
    from .answer.filters import Filters
    from .api import ask, get_assistant
    from .assistant import Assistant
    from .errors import (
        AssistantError,
        CorpusError,
        LLMError,
        LLMTimeout,
        LLMUnavailable,
        PaperNotFound,
        PromptError,
        QuestionError,
        QuestionSetError,
        SettingsError,
        StoreBusyError,
        StoreError,
        StoreMismatchError,
    )
    from .index.ingest import IngestReport
    from .models import NO_ANSWER, Answer, Delta, Paper, Source, Turn
    from .settings import Settings
