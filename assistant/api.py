"""``ask()``: one call for scripts and notebooks, over a cached ``Assistant`` per settings."""

from __future__ import annotations

import threading

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


def ask(question: str, **overrides: object) -> Answer:
    """Answer ``question`` from the collection. ``overrides`` are ``Settings`` fields, e.g. ``mode="extractive"``."""
    return get_assistant(**overrides).ask(question)
