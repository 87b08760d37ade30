"""``ask()``: one call for scripts and notebooks, over a cached ``Assistant`` per settings."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .answer.filters import Filters
from .assistant import Assistant
from .models import Answer
from .settings import load_settings

_assistants: dict[str, Assistant] = {}
_lock = threading.Lock()


def get_assistant(**overrides: object) -> Assistant:
    """The shared Assistant for these settings (models load once per process), with the corpus ingested."""
    settings = load_settings(**overrides)
    key = settings.model_dump_json()
    with _lock:
        assistant = _assistants.get(key)
        if assistant is None:
            assistant = Assistant(settings)
            assistant.ensure_corpus()
            _assistants[key] = assistant
        return assistant


def ask(question: str, *, since: str | None = None, until: str | None = None,
        categories: str | Iterable[str] | None = None, collections: str | Iterable[str] | None = None,
        **overrides: object) -> Answer:
    """Answer ``question`` from the collection.

    ``since`` / ``until`` ("2024", "2024-05" or "2024-05-03"), ``categories`` ("cs.LG") and
    ``collections`` (a collection or source file name) restrict the papers searched and cited.
    ``overrides`` are ``Settings`` fields, e.g. ``mode="extractive"``.
    """
    filters = Filters.make(since, until, categories, collections)
    return get_assistant(**overrides).ask(question, filters=filters)
