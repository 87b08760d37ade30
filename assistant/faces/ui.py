"""The Gradio chat: a conversation beside the sources of the selected answer.

Every question goes through the same ``Assistant`` as the CLI and ``ask()``. The conversation lives
in per-session state as a list of ``Answer.to_dict()`` records; the chat bubbles and the sources
panel are both drawn from it (``render.py``), so they cannot disagree.

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
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpus import load_papers
from ..errors import AssistantError, QuestionError
from ..filters import Filters
from ..models import Answer, Delta, Turn
from ..settings import Settings
from ..terms import content_words
from . import export
from .answering import Answering, Progress, Remote
from .gradio_import import gr
from .render import answer_markdown, partial_markdown, safe_markdown, sources_html
from .tools import Tools

if TYPE_CHECKING:
    from ..assistant import Assistant

Conversation = list[dict[str, Any]]  # Answer.to_dict() of each turn, oldest first

_NAMED_TITLE = re.compile(r"^([\w.+-]{2,24}):\s")


class ChatApp:
    def __init__(self, assistant: Assistant | None = None, *, settings: Settings | None = None,
                 opening: Future[Remote] | None = None) -> None:
        """Give an ``Assistant``, or ``settings`` and the answering process being opened for them
        (``answering.start``): the page can be served meanwhile."""
        if assistant is None and (settings is None or opening is None):
            raise TypeError("ChatApp needs an Assistant, or the Settings and the answering process opened for them")
        self.settings = settings or assistant.settings
        self._answering: Answering | Remote | None = Answering(assistant) if assistant is not None else None
        self._opening = opening
        self._loaded = threading.Event()
        self.load_error: AssistantError | None = None
        if assistant is not None:
            self._loaded.set()
        self._exports = tempfile.TemporaryDirectory(prefix="assistant-exports-")
        self.tools = Tools(lambda: self.answering, ready=self._check_ready)  # the API endpoints and MCP tools

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
        try:
            self._answering = self._opening.result()
        except AssistantError as exc:
            self.load_error = exc
            print(f"error: {exc}", flush=True)
        except Exception as exc:  # a bug, not a setting: its traceback is what a developer needs
            traceback.print_exc()
            self.load_error = AssistantError(f"the answering process could not start: {exc!r}")
        finally:
            self._loaded.set()
        try:
            if self._answering is not None and self._answering.begin():
                self._answering.finish()
        except AssistantError as exc:  # the status line says so too
            print(f"error: {exc}", flush=True)

    def _progress(self) -> Progress:
        if not self._loaded.is_set() or self._answering is None:
            return Progress()
        return self._answering.progress()

    # Handlers -------------------------------------------------------------------------------------

    def chat(self, question: str, mode: str, top_k: float, since: str = "", until: str = "",
             categories: list[str] | str | None = None, collections: list[str] | str | None = None,
             convo: Conversation | None = None) -> Iterator[tuple[list[dict], str, Conversation, str, int]]:
        """One turn: stream the answer into the chat, then show its sources.
        Yields (chat, panel, conversation, box, selected turn)."""
        convo = list(convo or [])
        turn = len(convo)
        try:
            self._check_ready()
            filters = Filters.make(since, until, categories, collections)
            history = [Turn(a["question"], a["text"], tuple(s["paper_id"] for s in a["sources"])) for a in convo]
            shown = _messages(convo) + [_user(question), _bot("Searching the papers…")]
            yield shown, sources_html(convo[-1] if convo else None, turn - 1), convo, "", turn - 1
            text = ""
            for event in self.answering.stream(question, history, mode=mode, top_k=int(top_k), filters=filters):
                if isinstance(event, Delta):
                    text += event.text
                    shown[-1] = _bot(partial_markdown(text))
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
        if seen["llm"] is None:
            answers = "**Answers:** extractive (quotes from the papers); no LLM configured"
        else:
            answers = f"**Answers:** {self.settings.effective_mode.value}; {safe_markdown(seen['llm'])}"
        if seen["keyword_index"]:
            answers += f" · **Keyword index:** {seen['keyword_index']}"
        return f"{corpus} · {answers}"

    def _check_ready(self) -> None:
        indexing = self._progress()
        if indexing.running:
            raise QuestionError(
                f"The corpus is still being indexed ({indexing.done} / {indexing.total or '…'} papers); "
                "please ask again in a moment."
            )

    # Layout ---------------------------------------------------------------------------------------

    def build(self) -> gr.Blocks:
        with gr.Blocks(title="Research assistant", fill_height=True) as demo:
            convo = gr.State([])
            selected = gr.State(-1)  # the answer the sources panel and the downloads show
            with gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    gr.Markdown("## Research assistant\nAnswers from the paper abstracts, each claim cited [n].")
                    status = gr.Markdown("Checking the store…", elem_id="status-line")
                    chatbot = gr.Chatbot(
                        elem_id="chat", height=520, buttons=["copy"], allow_tags=False, sanitize_html=True,
                        feedback_options=None, placeholder="Ask about the papers in the collection.",
                    )
                    with gr.Row():
                        box = gr.Textbox(
                            placeholder="Ask a question about the papers…", show_label=False, scale=5,
                            max_lines=6, elem_id="question", autofocus=True,
                        )
                        send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                    examples = example_questions(self.settings.corpus_dir)
                    if examples:
                        gr.Examples(examples=[[q] for q in examples], inputs=[box], label="Try")
                    with gr.Accordion("Settings", open=False):
                        mode = gr.Radio(["auto", "extractive", "llm"], value=self.settings.mode.value,
                                        label="Answer mode", info="auto: the LLM when one is configured")
                        top_k = gr.Slider(1, 10, value=self.settings.top_k, step=1, label="Sources per answer")
                        with gr.Row():
                            since = gr.Textbox(label="Since", placeholder="YYYY, YYYY-MM or YYYY-MM-DD",
                                               elem_id="since", max_lines=1)
                            until = gr.Textbox(label="Until", placeholder="YYYY, YYYY-MM or YYYY-MM-DD",
                                               elem_id="until", max_lines=1)
                        categories = gr.Dropdown([], value=[], multiselect=True, allow_custom_value=True,
                                                 label="Categories", elem_id="categories",
                                                 info="any of these (arXiv categories, BibTeX keywords)")
                        collections = gr.Dropdown([], value=[], multiselect=True, allow_custom_value=True,
                                                  label="Collections", elem_id="collections",
                                                  info="any of these collections or source files")
                        gr.Markdown("A date filter leaves out papers whose date has no year (the daily-papers "
                                    "feed prints \"Mar 5\").", elem_classes=["filter-note"])
                    new_chat = gr.Button("New chat", variant="secondary", elem_id="new-chat")
                with gr.Column(scale=2, elem_id="sources-column"):
                    gr.Markdown("### Sources")
                    with gr.Row():
                        save_markdown = gr.DownloadButton("Answer as markdown", visible=False, size="sm",
                                                          elem_id="save-markdown")
                        save_bibtex = gr.DownloadButton("Cited papers as BibTeX", visible=False, size="sm",
                                                        elem_id="save-bibtex")
                    panel = gr.HTML(sources_html(None, 0), elem_id="sources-panel", js_on_load=None)

            # "undocumented": the chat is stateful and made for this page, so it is callable by Gradio
            # clients but neither listed in the API page nor served as an MCP tool (the tools below are).
            asked = gr.on([box.submit, send.click], self.chat,
                          inputs=[box, mode, top_k, since, until, categories, collections, convo],
                          outputs=[chatbot, panel, convo, box, selected], api_name="chat",
                          api_visibility="undocumented", show_progress="hidden")
            asked.then(self.downloads, inputs=[convo, selected], outputs=[save_markdown, save_bibtex],
                       api_visibility="private", show_progress="hidden")
            chatbot.select(self.select, inputs=[convo], outputs=[panel, selected], api_visibility="private",
                           show_progress="hidden"
                           ).then(self.downloads, inputs=[convo, selected], outputs=[save_markdown, save_bibtex],
                                  api_visibility="private", show_progress="hidden")
            new_chat.click(lambda: ([], sources_html(None, 0), [], "", -1, gr.DownloadButton(visible=False),
                                    gr.DownloadButton(visible=False)),
                           outputs=[chatbot, panel, convo, box, selected, save_markdown, save_bibtex],
                           api_visibility="private")
            for tool in (self.tools.search_papers, self.tools.ask, self.tools.get_paper):
                gr.api(tool, api_name=tool.__name__)

            demo.load(self.status, outputs=[status], api_visibility="private", show_progress="hidden")
            demo.load(self.facets, outputs=[categories, collections], api_visibility="private",
                      show_progress="hidden")
            timer = gr.Timer(1.0, active=self._busy())
            timer.tick(self._tick, outputs=[status, timer], api_visibility="private", show_progress="hidden")
        demo.queue(max_size=self.settings.max_queue, default_concurrency_limit=self.settings.concurrency)
        return demo

    def _busy(self) -> bool:
        try:
            return not self._loaded.is_set() or self._progress().running
        except AssistantError:
            return False

    def _tick(self) -> tuple[str, gr.Timer]:
        return self.status(), gr.Timer(active=self._busy())

    def launch(self, demo: gr.Blocks, **kwargs: Any):
        kwargs.setdefault("mcp_server", self.settings.mcp_server)
        return demo.launch(
            server_name=self.settings.host, server_port=self.settings.port, share=False,
            css=CSS, head=HEAD, footer_links=["api"], show_error=False, **kwargs,
        )


def example_questions(corpus_dir, limit: int = 5) -> list[str]:
    """Questions drawn from the corpus: named methods ("What does X do?") and the commonest title topics."""
    try:
        papers = load_papers([corpus_dir]).papers
    except AssistantError:
        return []
    named = sorted((p.paper_id, m.group(1)) for p in papers if (m := _NAMED_TITLE.match(p.title)))
    questions = [f"What does {name} do, and how well does it work?" for _, name in named[:3]]
    # Topics: adjacent content words shared by several titles, but not by so many that they say nothing.
    pairs: Counter[str] = Counter()
    for paper in papers:
        words = [w if content_words(w) else "" for w in paper.title.split(":")[-1].casefold().split()]
        pairs.update({f"{a} {b}" for a, b in zip(words, words[1:]) if a and b})
    common = [topic for topic, n in pairs.most_common() if 3 <= n <= max(3, len(papers) // 20)]
    questions += [f"Which papers study {topic}?" for topic in common[: limit - len(questions)]]
    return questions[:limit]


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


CSS = """
#sources-panel .sources { font-size: 0.92em; }
#sources-panel ol.cited, #sources-panel ul.uncited { padding-left: 0; list-style: none; }
#sources-panel li.source { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 8px 10px; margin-bottom: 8px; }
#sources-panel li.source.flash { outline: 3px solid var(--color-accent); }
#sources-panel .num { font-weight: 700; margin-right: 4px; }
#sources-panel .source-title { font-weight: 600; }
#sources-panel .source-meta { color: var(--body-text-color-subdued); font-size: 0.85em; }
#sources-panel blockquote.passage { margin: 6px 0 0; white-space: pre-wrap; }
#sources-panel mark { background: #fde68a; color: inherit; padding: 0 1px; }
#sources-panel .declined { color: #b45309; font-weight: 600; }
#sources-panel .also { margin-top: 12px; font-weight: 600; color: var(--body-text-color-subdued); }
#sources-panel ul.uncited li.source { opacity: 0.8; }
#sources-panel .claims-head { margin-top: 12px; font-weight: 600; }
#sources-panel ol.claims { padding-left: 0; list-style: none; }
#sources-panel li.claim { border-left: 4px solid #16a34a; padding: 4px 8px; margin-bottom: 6px; }
#sources-panel li.claim.flagged { border-left-color: #dc2626; }
#sources-panel li.claim.flash { outline: 3px solid var(--color-accent); }
#sources-panel .claim-status { font-weight: 700; margin-right: 6px; }
#sources-panel .claim-detail { color: #b91c1c; }
#sources-panel blockquote.support { margin: 4px 0 0; }
"""

# Citation links jump to their source in the panel instead of navigating; the click still reaches
# the chat, whose select event first switches the panel to the clicked answer, hence the retries.
HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#src-"], a[href^="#claim-"]');
  if (!link) return;
  event.preventDefault();
  const id = link.getAttribute("href").slice(1);
  const show = (tries) => {
    const el = document.getElementById(id);
    if (el) {
      el.scrollIntoView({ behavior: "smooth", block: "nearest" });
      el.classList.add("flash");
      setTimeout(() => el.classList.remove("flash"), 1500);
    } else if (tries > 0) {
      setTimeout(() => show(tries - 1), 150);
    }
  };
  show(20);
}, true);
</script>
"""
