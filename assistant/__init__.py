"""A research assistant that answers questions about paper abstracts with cited answers."""

from .api import ask, get_assistant
from .assistant import Assistant, Delta, Turn
from .errors import (
    AssistantError,
    CorpusError,
    LLMError,
    LLMTimeout,
    LLMUnavailable,
    PromptError,
    QuestionError,
    SettingsError,
    StoreBusyError,
    StoreError,
    StoreMismatchError,
)
from .ingest import IngestReport
from .models import NO_ANSWER, Answer, Paper, Source
from .settings import Settings

__all__ = [
    "NO_ANSWER",
    "Answer",
    "Assistant",
    "AssistantError",
    "CorpusError",
    "Delta",
    "IngestReport",
    "LLMError",
    "LLMTimeout",
    "LLMUnavailable",
    "Paper",
    "PromptError",
    "QuestionError",
    "Settings",
    "SettingsError",
    "Source",
    "StoreBusyError",
    "StoreError",
    "StoreMismatchError",
    "Turn",
    "ask",
    "get_assistant",
]
