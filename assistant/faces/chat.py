"""The chat's state and event handlers: a conversation beside the sources of the selected answer.

Every question goes through the same ``Assistant`` as the CLI and ``ask()``. The conversation lives
in per-session state as a list of ``Answer.to_dict()`` records; the chat bubbles and the sources
panel are both drawn from it (``render.py``), so they cannot disagree. The page's layout, and which
event calls which handler, is ``ui.py``.

The chat reaches the Assistant through ``Answering`` (``answering.py``): in this process when given
an ``Assistant``, or, from ``python app.py``, in a process of its own that opens the store and imports
LlamaIndex and Chroma while this one imports gradio and serves the page. A question asked before the
answering side is open waits for it.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import threading
import traceback
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answer.filters import Filters
from ..errors import AssistantError, QuestionError
from ..models import Answer, Delta, Turn
from ..settings import Settings
from . import export
from .access import RateLimit, client_of
from .answering import Answering, Progress, Remote
from .gradio_import import gr
from .render import answer_markdown, partial_markdown, safe_markdown, sources_html
from .tools import Tools

if TYPE_CHECKING:
    from ..assistant import Assistant

Conversation = list[dict[str, Any]]  # Answer.to_dict() of each turn, oldest first


class Chat:
    def __init__(self, assistant: Assistant | None = None, *, settings: Settings | None = None,
                 opening: Future[Remote] | None = None) -> None:
        """Give an ``Assistant``, or ``settings`` and the answering process being opened for them
        (``answering.start``): the page can be served meanwhile."""
        if assistant is None and (settings is None or opening is None):
            raise TypeError("the chat needs an Assistant, or the Settings and the answering process opened for them")
        self.settings = settings or assistant.settings
        self._answering: Answering | Remote | None = Answering(assistant) if assistant is not None else None
        self._opening = opening
        self._loaded = threading.Event()
        self.load_error: AssistantError | None = None
        if assistant is not None:
            self._loaded.set()
        self._exports = tempfile.TemporaryDirectory(prefix="assistant-exports-")
        self.limit = RateLimit(self.settings.rate_limit)
        self.tools = Tools(lambda: self.answering, ready=self._check_ready,  # the API endpoints and MCP tools
                           limit=lambda request: self.limit.admit(client_of(request)))

    @property
    def answering(self) -> Answering | Remote:
        """The answering side, once open (waits for it meanwhile)."""
        self._loaded.wait()
        if self._answering is None:
            assert self.load_error is not None
            raise self.load_error
        return self._answering

    # First start ----------------------------------------------------------------------------------

    def start_indexing(self) -> threading.Thread | None:
        """Ingest the bundled corpus in the background when the store is empty; the page shows progress.

        With a full store, only the models are loaded in the background, so the first question is quick.
        While the answering process is still opening, the thread that waits for it (and then for the
        first ingest) is returned.
        """
        if not self._loaded.is_set():
            thread = threading.Thread(target=self._load, name="load", daemon=True)
            thread.start()
            return thread
        if not self.answering.begin():
            return None
        thread = threading.Thread(target=self.answering.finish, name="first-ingest", daemon=True)
        thread.start()
        return thread

    def _load(self) -> None:
        started = False
        try:
            self._answering = self._opening.result()
            # Begun before questions are let through: one asked in between would find the store empty and
            # no ingest running, and be declined (seen under load, when the gap between the two widened).
            started = self._answering.begin()
        except AssistantError as exc:
            if self._answering is None:
                self.load_error = exc
            print(f"error: {exc}", flush=True)  # when begin failed, the status line says so too
        except Exception as exc:  # a bug, not a setting: its traceback is what a developer needs
            traceback.print_exc()
            if self._answering is None:
                self.load_error = AssistantError(f"the answering process could not start: {exc!r}")
        finally:
            self._loaded.set()
        try:
            if started:
                self._answering.finish()
        except AssistantError as exc:
            print(f"error: {exc}", flush=True)

    def _progress(self) -> Progress:
        if not self._loaded.is_set() or self._answering is None:
            return Progress()
        return self._answering.progress()

    # Handlers -------------------------------------------------------------------------------------

    def chat(self, question: str, mode: str, top_k: float, since: str = "", until: str = "",
             categories: list[str] | str | None = None, collections: list[str] | str | None = None,
             convo: Conversation | None = None, request: gr.Request = None,
             ) -> Iterator[tuple[list[dict], str, Conversation, str, int]]:
        """One turn: stream the answer into the chat, then show its sources.
        Yields (chat, panel, conversation, box, selected turn)."""
        convo = list(convo or [])
        turn = len(convo)
        try:
            self._check_ready()
            self.limit.admit(client_of(request))
            filters = Filters.make(since, until, categories, collections)
            history = [Turn(a["question"], a["text"], tuple(s["paper_id"] for s in a["sources"])) for a in convo]
            shown = _messages(convo) + [_user(question), _bot("Searching the papers…")]
            yield shown, sources_html(convo[-1] if convo else None, turn - 1), convo, "", turn - 1
            text = thinking = ""
            for event in self.answering.stream(question, history, mode=mode, top_k=int(top_k), filters=filters):
                if isinstance(event, Delta):
                    if event.kind == "reasoning":
                        thinking += event.text
                    elif event.kind == "restart":  # what streamed as the answer was the model's thinking
                        text = ""
                    else:
                        text += event.text
                    shown[-1] = _bot(partial_markdown(text, thinking))
                    yield shown, gr.skip(), convo, "", gr.skip()
                elif isinstance(event, Answer):
                    convo.append(event.to_dict())
                    yield _messages(convo), sources_html(convo[-1], turn), convo, "", turn
        except QuestionError as exc:
            gr.Warning(str(exc))
            yield _messages(convo), gr.skip(), convo, question, gr.skip()
        except AssistantError as exc:  # the store is unreachable, ...: a sentence, never a traceback
            yield (_messages(convo) + [_user(question), _bot(f"> ⚠ {safe_markdown(str(exc))}")], gr.skip(), convo,
                   question, gr.skip())

    def select(self, convo: Conversation | None, evt: gr.SelectData) -> tuple[str, int]:
        """The panel (and the downloads) follow the answer the user clicks."""
        convo = convo or []
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        turn = int(index) // 2  # messages alternate: question, answer
        if 0 <= turn < len(convo):
            return sources_html(convo[turn], turn), turn
        return gr.skip(), gr.skip()

    def downloads(self, convo: Conversation | None, turn: int) -> tuple[gr.DownloadButton, gr.DownloadButton]:
        """The selected answer as markdown, and its cited papers as BibTeX, ready to download."""
        convo = convo or []
        if not 0 <= turn < len(convo):
            return gr.DownloadButton(value=None, visible=False), gr.DownloadButton(value=None, visible=False)
        answer = convo[turn]
        name = _file_stem(answer["question"])
        bib = export.bibtex(answer["sources"])
        return (gr.DownloadButton(value=self._export_file(f"{name}.md", export.markdown(answer)), visible=True),
                gr.DownloadButton(value=self._export_file(f"{name}.bib", bib), visible=bool(bib)))

    def _export_file(self, name: str, text: str) -> str:
        """A file under this app's export folder (removed when the app ends), one per distinct content."""
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        path = Path(self._exports.name) / digest / name
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return str(path)

    def facets(self) -> tuple[gr.Dropdown, gr.Dropdown]:
        """Filter menus offer the categories and collections the store holds."""
        try:
            found = self.answering.facets() if not self._progress().running else {}
        except AssistantError:
            found = {}
        return (gr.Dropdown(choices=found.get("categories", [])), gr.Dropdown(choices=found.get("collections", [])))

    def status(self) -> str:
        if not self._loaded.is_set():
            return "**Opening the index…** Questions asked now are answered as soon as it is open."
        if self.load_error is not None:
            return f"**Cannot open the index:** {safe_markdown(str(self.load_error))}"
        try:
            indexing = self._progress()
            if indexing.running:
                return (f"**Indexing the corpus** for the first time: {indexing.done} / {indexing.total or '…'} "
                        "papers indexed. Questions can be asked when it finishes.")
            if indexing.error:
                return f"**Indexing failed:** {safe_markdown(indexing.error)}"
            seen = self.answering.overview()
        except AssistantError as exc:  # the answering process has stopped, ...
            return f"**Cannot answer:** {safe_markdown(str(exc))}"
        if seen["notice"]:
            return f"**Note:** {safe_markdown(seen['notice'])}"
        corpus = f"**Corpus:** {seen['papers']} papers, {seen['chunks']} chunks ({safe_markdown(seen['location'])})"
        if indexing.filling:
            corpus += (f" · **Embedding abstract sentences** behind: {indexing.done} / {indexing.total or '…'} papers "
                       "(answers already come)")
        if seen["llm"] is None:
            answers = "**Answers:** extractive (quotes from the papers); no LLM configured"
        else:
            answers = f"**Answers:** {self.settings.effective_mode.value}; {safe_markdown(seen['llm'])}"
        if seen["keyword_index"]:
            answers += f" · **Keyword index:** {seen['keyword_index']}"
        return f"{corpus} · {answers}"

    def _check_ready(self) -> None:
        # Wait for the answering process to open and begin: until then no ingest is marked as running, and a
        # question let through would be answered from the empty store before the first ingest starts
        # (declined; seen under load in the app's two-process test).
        self._loaded.wait()
        indexing = self._progress()
        if indexing.running:
            raise QuestionError(
                f"The corpus is still being indexed ({indexing.done} / {indexing.total or '…'} papers); "
                "please ask again in a moment."
            )

    # Status line refresh -------------------------------------------------------------------------

    def busy(self) -> bool:
        """Whether the status line should keep refreshing: opening, or the first ingest running or filling in."""
        try:
            indexing = self._progress()
            return not self._loaded.is_set() or indexing.running or indexing.filling
        except AssistantError:
            return False

    def tick(self) -> tuple[str, gr.Timer]:
        return self.status(), gr.Timer(active=self.busy())


def _file_stem(question: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", question)[:8]
    return "-".join(words).lower() or "answer"


def _user(question: str) -> dict:
    return {"role": "user", "content": safe_markdown(question)}


def _bot(text: str) -> dict:
    return {"role": "assistant", "content": text}


def _messages(convo: Conversation) -> list[dict]:
    out: list[dict] = []
    for turn, answer in enumerate(convo):
        out += [_user(answer["question"]), _bot(answer_markdown(answer, turn))]
    return out
