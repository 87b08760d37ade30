"""The answering side of the chat app: an ``Assistant``, its first-start ingest and the figures of the
status line, in the app's own process or in a process of its own.

``python app.py`` runs it in a second process (``start``). Starting the app is mostly imports that
hold the interpreter lock: gradio for the page, LlamaIndex and Chroma for the answers, each well over
a second on two cores. In one process they took turns, and the first answer waited for both; in two,
each half imports on its own core (figures in ``benchmarks/README.md``). The page's process then holds
no index at all.

The page's process reaches the other through a ``multiprocessing`` manager: a proxy with the methods
of ``Answering``, one connection per calling thread, a streamed answer as a remote iterator, and an
``AssistantError`` raised there raised here with its type and message. Tests and scripts make
``Answering(assistant)`` in their own process; the chat cannot tell the two apart.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from multiprocessing.managers import BaseManager, IteratorProxy
from typing import TYPE_CHECKING, Any

from ..errors import AssistantError
from ..settings import Settings
from . import startup

if TYPE_CHECKING:
    from ..assistant import Assistant
    from ..models import Answer, Delta, Source


@dataclass
class Progress:
    """The first-start ingest, as the status line shows it: papers made searchable (``running``:
    questions wait), then their sentences embedded behind (``filling``: answers already come)."""

    running: bool = False
    done: int = 0
    total: int = 0
    error: str = ""
    filling: bool = False


class Answering:
    """What the chat and its tools ask of the answering side."""

    def __init__(self, assistant: Assistant | None = None) -> None:
        self.assistant = assistant
        self.indexing = Progress()
        self._preparing: threading.Thread | None = None

    # Starting ------------------------------------------------------------------------------------

    def begin(self) -> bool:
        """Prepare on a thread: ingest the bundled corpus when the store is empty or its first ingest
        was stopped (then True, and the status line says so from now on), else load the retrievers so
        the first question is quick, then fill in any sentence vectors a stopped start left behind."""
        from ..index import sources

        store = self.assistant.store
        # A first ingest that was stopped left papers and no recorded source (sources are recorded
        # when an ingest ends): it is resumed, or the app would answer from part of the corpus for good.
        first = store.count() == 0 or (store.pending() and not sources.load(store))
        self.indexing.running = first
        work = self._first_ingest if first else self._warm_up
        self._preparing = threading.Thread(target=work, name="first-ingest" if first else "warm-up", daemon=True)
        self._preparing.start()
        return first

    def finish(self) -> None:
        """Wait for what ``begin`` started."""
        if self._preparing is not None:
            self._preparing.join()

    def _first_ingest(self) -> None:
        def progress(done: int, total: int) -> None:
            self.indexing.done, self.indexing.total = done, total

        try:
            # Papers first: the sentences, four fifths of the texts to embed, come after the first answers.
            report = self.assistant.ingest(progress=True, on_progress=progress, sentences_now=False)
            print(report.summary(), flush=True)
            self.assistant.warm_up()
        except AssistantError as exc:
            self.indexing.error = str(exc)
            print(f"error: {exc}", flush=True)
            return
        finally:
            self.indexing.running = False
        self._fill()

    def _warm_up(self) -> None:
        from ..index import backfill

        self.assistant.warm_up()
        if backfill.behind(self.assistant.store, limit=1):  # one record read, not every marked id
            self._fill()

    def _fill(self) -> None:
        def progress(done: int, total: int) -> None:
            self.indexing.done, self.indexing.total = done, total

        self.indexing.filling, self.indexing.done, self.indexing.total = True, 0, 0
        try:
            filled = self.assistant.fill_sentences(on_progress=progress)
            print(f"sentences of {filled} papers embedded", flush=True)
        except AssistantError as exc:  # answers still come (their sentences embedded with them)
            print(f"error: filling in sentence vectors: {exc}", flush=True)
        finally:
            self.indexing.filling = False

    # The status line -----------------------------------------------------------------------------

    def progress(self) -> Progress:
        return replace(self.indexing)

    def overview(self) -> dict[str, Any]:
        """The store's size and place, its notice, whether the LLM answers, the keyword index's state."""
        assistant = self.assistant
        return {
            **assistant.store.stats(),
            "location": assistant.store.location,
            "notice": assistant.store.notice(),
            "llm": assistant.llm.ping() if assistant.llm is not None else None,
            "keyword_index": assistant.retriever.keyword_status,
        }

    def facets(self) -> dict[str, list[str]]:
        return self.assistant.retriever.facets()

    # Questions: the Assistant's own --------------------------------------------------------------

    def stream(self, question: str, history=(), **options: Any) -> Iterator[Delta | Answer]:
        return self.assistant.stream(question, history, **options)

    def ask(self, question: str, history=(), **options: Any) -> Answer:
        return self.assistant.ask(question, history, **options)

    def search(self, query: str, **options: Any) -> list[Source]:
        return self.assistant.search(query, **options)

    def paper(self, paper_id: str) -> dict[str, object]:
        return self.assistant.paper(paper_id)


# The answering process ---------------------------------------------------------------------------


class _Served(Answering):
    """``Answering`` as the answering process holds it: made empty, then opened by a call, so that an
    error opening the store comes back as itself (the manager reports one raised while making an
    object only as a traceback)."""

    def open(self, settings: Settings) -> None:
        startup.pause_collector(freeze_on_resume=True)
        try:
            # The model loads after the imports (``begin`` warms it up): the other core is the page's.
            self.assistant = startup.open_assistant(settings, model_beside_imports=False)
        finally:
            startup.resume_collector()


class _Manager(BaseManager):
    pass


_Manager.register("Answering", _Served, method_to_typeid={"stream": "Events"})
_Manager.register("Events", proxytype=IteratorProxy, create_method=False)


def _in_answering_process() -> None:
    # Ctrl-C in the terminal reaches the whole process group; the app's process ends this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()

    def end_with_parent() -> None:  # killed, the app cannot shut it down; an orphan would hold the store
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    if parent is not None:
        threading.Thread(target=end_with_parent, name="parent-watch", daemon=True).start()


def start(method: str | None = None) -> Remote:
    """Start the answering process; ``Remote.opening`` then opens the store and model in it.

    On Linux a process with one thread forks: the child begins at once with what this one has
    imported so far, a third of a second sooner than a fresh interpreter. Anywhere else, or once
    threads run (a fork copies only the calling thread, and a lock another one held stays held in
    the child), it starts a fresh interpreter (``spawn``)."""
    if method is None:
        method = "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"
    manager = _Manager(ctx=multiprocessing.get_context(method))
    manager.start(_in_answering_process)
    return Remote(manager)


class Remote:
    """``Answering`` in the answering process, called from the page's. A process that has gone away is
    an ``AssistantError`` with a sentence, not a socket error."""

    def __init__(self, manager: _Manager) -> None:
        self._manager = manager
        self._proxy = manager.Answering()

    def open(self, settings: Settings) -> None:
        self._call("open", settings)

    def opening(self, settings: Settings) -> Future[Remote]:
        """``open`` on a thread, so that the caller goes on importing gradio meanwhile. ``result()``
        gives this once the store and model are open, or raises what opening them raised (and the
        process is shut down)."""
        future: Future[Remote] = Future()

        def run() -> None:
            try:
                self.open(settings)
                future.set_result(self)
            except BaseException as exc:
                self.shutdown()
                future.set_exception(exc)

        threading.Thread(target=run, name="answering-open", daemon=True).start()
        return future

    def begin(self) -> bool:
        return self._call("begin")

    def finish(self) -> None:
        self._call("finish")

    def progress(self) -> Progress:
        return self._call("progress")

    def overview(self) -> dict[str, Any]:
        return self._call("overview")

    def facets(self) -> dict[str, list[str]]:
        return self._call("facets")

    def ask(self, question: str, history=(), **options: Any) -> Answer:
        return self._call("ask", question, history, **options)

    def search(self, query: str, **options: Any) -> list[Source]:
        return self._call("search", query, **options)

    def paper(self, paper_id: str) -> dict[str, object]:
        return self._call("paper", paper_id)

    def stream(self, question: str, history=(), **options: Any) -> Iterator[Delta | Answer]:
        events = self._call("stream", question, history, **options)
        try:
            while True:
                try:
                    event = next(events)
                except StopIteration:
                    return
                except (EOFError, ConnectionError) as exc:
                    raise self._stopped() from exc
                yield event
        finally:  # a reader that stops early (the user left) ends the answer there too
            try:
                events.close()
            except (EOFError, ConnectionError):
                pass

    def shutdown(self) -> None:
        self._manager.shutdown()

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._proxy._callmethod(method, args, kwargs)
        except (EOFError, ConnectionError) as exc:
            raise self._stopped() from exc

    def _stopped(self) -> AssistantError:
        return AssistantError("The answering process has stopped; restart the app (`python app.py`).")
