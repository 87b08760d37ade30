"""The one exception tree of the assistant.

Callers catch ``AssistantError``; every subclass carries a message written for a person.

    AssistantError
    ├── SettingsError        a setting is missing, malformed or contradicts another
    ├── CorpusError          an input file cannot be read as papers (names the file and line)
    │   └── QuestionSetError     an evaluation question set is malformed (names the file and line)
    ├── QuestionError        a question is empty or too long, or a filter or count is malformed
    │   └── PaperNotFound        a paper was asked for by an id the collection does not hold
    ├── PromptError          a prompt template is missing or lacks/has an unknown placeholder
    ├── StoreError           the vector store cannot be opened or written
    │   ├── StoreBusyError       another process is ingesting into the same embedded store
    │   └── StoreMismatchError   the store was built under other embedding/chunking settings
    └── LLMError             the language model failed; ``ask()`` never raises it, it falls back
        ├── LLMTimeout           a deadline (connect, first token, total) passed
        └── LLMUnavailable       the endpoint refused, errored or sent something unusable

"No evidence in the collection" is not an error: it is an ``Answer`` with ``abstained=True``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AssistantError",
    "SettingsError",
    "CorpusError",
    "QuestionSetError",
    "QuestionError",
    "PaperNotFound",
    "PromptError",
    "StoreError",
    "StoreBusyError",
    "StoreMismatchError",
    "LLMError",
    "LLMTimeout",
    "LLMUnavailable",
]


class AssistantError(Exception):
    """Base of every error the assistant raises on purpose."""


class SettingsError(AssistantError):
    """A setting is missing, malformed or contradicts another."""


class CorpusError(AssistantError):
    """An input file cannot be read as papers; ``path`` and ``line`` say where."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = path if isinstance(path, str) and "://" in path else Path(path)  # a feed's URL stays one
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):  # raised in the app's answering process, re-raised in its page's (pickled)
        return type(self), (self.path, self.line, self.problem)


class QuestionSetError(CorpusError):
    """A line of an evaluation question set is malformed or names a paper the store does not hold."""


class QuestionError(AssistantError):
    """The question cannot be answered as given (empty, too long, a filter that is not understood)."""


class PaperNotFound(QuestionError):
    """A paper was asked for by an id the collection does not hold."""


class PromptError(AssistantError):
    """A prompt template is missing, or its placeholders do not match what the code fills."""


class StoreError(AssistantError):
    """The vector store cannot be opened, read or written."""


class StoreBusyError(StoreError):
    """Another process holds the ingest lock of the same embedded store."""


class StoreMismatchError(StoreError):
    """The store holds vectors made under other embedding or chunking settings."""


class LLMError(AssistantError):
    """The language model did not produce a usable answer."""


class LLMTimeout(LLMError):
    """The language model missed a deadline."""


class LLMUnavailable(LLMError):
    """The language model endpoint refused, failed or answered with something unusable."""
