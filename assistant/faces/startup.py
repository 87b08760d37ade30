"""How a fresh process (``assistant ask``, ``app.py``) reaches its first answer sooner.

Starting is mostly importing gradio, LlamaIndex and Chroma: Python work that holds the interpreter
lock, so two imports on two threads take as long as one after the other. Three things help
(figures in ``benchmarks/README.md``):

- The cyclic garbage collector is paused while the process starts. Imports make hundreds of
  thousands of objects that live as long as the process (modules, classes, functions), and as the
  heap grew the collector walked them all again and again to find next to nothing: a full
  collection after start-up frees about 6,000 objects, under a megabyte. A program then freezes
  what start-up made (``gc.freeze``), so that its later collections no longer walk it either.
- The native parts of opening release the lock: OpenVINO compiling the embedding model
  and Chroma's Rust side opening the store and loading its vector index. They start on
  threads and run on the other core while the main thread imports.
- A program exits without the interpreter's final collections, which walked every object once
  more (``exit``).

The chat app goes further, since its page (gradio) and its answers (LlamaIndex, Chroma) each take
well over a second to import: the answering side is a process of its own (``faces/answering.py``).

The threads started here import nothing of note (chromadb and OpenVINO are imported before
they start): two threads importing packages that share modules can meet one another's modules
half-initialized.
"""

from __future__ import annotations

import gc
import sys
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, NoReturn

from ..settings import HASH_MODEL, Settings

if TYPE_CHECKING:
    from ..assistant import Assistant
    from ..index.store import PaperStore

_lock = threading.Lock()
_paused = False
_freeze = False


def pause_collector(*, freeze_on_resume: bool = False) -> None:
    """No cyclic garbage collection until ``resume_collector`` (nothing changes if it is already off).

    ``freeze_on_resume`` is for a program, whose start-up objects live as long as it does: on
    resuming, every object alive then is moved out of the collector's sight for good. Otherwise the
    first collection after resuming walks all of them once more (a tenth of a second or more)."""
    global _paused, _freeze
    with _lock:
        _freeze = _freeze or freeze_on_resume
        if gc.isenabled():
            gc.disable()
            _paused = True


def resume_collector() -> None:
    """Collect again, if ``pause_collector`` stopped it."""
    global _paused, _freeze
    with _lock:
        if not _paused:
            return
        if _freeze:
            gc.freeze()
        _paused = _freeze = False
        gc.enable()


def check_model(settings: Settings) -> None:
    """A model that is not there raises ``SettingsError`` now, before anything loads or is served."""
    if settings.embed_model != HASH_MODEL:
        from ..index.encoder import model_dir

        model_dir(settings.embed_model)


def preload_encoder(settings: Settings) -> None:
    """Start loading the embedding model on a thread; ``make_embedding`` later takes it, or waits for it.
    A model that is not there raises ``SettingsError`` now."""
    check_model(settings)
    if settings.embed_model == HASH_MODEL:
        return
    import openvino  # noqa: F401 -- imported here, on the main thread (see the module's docstring)
    import tokenizers  # noqa: F401

    from ..index import encoder

    encoder.load(settings.embed_model, settings.model_cache_dir, wait=False)


def open_store(settings: Settings) -> Future[PaperStore]:
    """Open the store and load its vector index on a thread. ``result()`` gives the ``PaperStore``,
    or raises what opening it raised."""
    from ..index.store import PaperStore  # chromadb, imported here

    future: Future[PaperStore] = Future()

    def run() -> None:
        try:
            store = PaperStore(settings)
            store.warm()
            future.set_result(store)
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, name="open-store", daemon=True).start()
    return future


def open_assistant(settings: Settings, *, model_beside_imports: bool = True) -> Assistant:
    """The ``Assistant`` a fresh process answers with: the store (and the model, unless
    ``model_beside_imports`` is off) load on threads while LlamaIndex imports here. Off, the model
    loads on first use instead: for a process whose other core is already busy (the app's answering
    process, beside the page's), where a third busy thread only slows the other down."""
    if model_beside_imports:
        preload_encoder(settings)
    opening = open_store(settings)
    from ..assistant import Assistant

    return Assistant(settings, store=opening.result())


def exit(code: int) -> NoReturn:
    """End the program with ``code``, sparing the interpreter's final collections over every object
    (after a one-shot ``assistant ask``: about a second on two cores); exit handlers still run."""
    gc.freeze()
    sys.exit(code)
