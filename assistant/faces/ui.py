"""The chat page: a conversation and its settings beside the sources panel, each event wired to a
handler of ``Chat`` (``chat.py``), and the API endpoints that double as MCP tools (``tools.py``)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..corpus import load_papers
from ..errors import AssistantError
from ..index.terms import content_words
from .chat import Chat
from .gradio_import import gr
from .render import sources_html

_NAMED_TITLE = re.compile(r"^([\w.+-]{2,24}):\s")


class ChatApp(Chat):
    """The chat as a Gradio page: ``build()`` lays it out, ``launch()`` serves it."""

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
            # Off the queue: Gradio's MCP route then calls a tool in place, with the caller's request
            # (its sign-in counts it against the caller's rate limit); a queued tool is called through
            # a client Gradio opens to its own URL, which sign-in turns away.
            for tool in (self.tools.search_papers, self.tools.ask, self.tools.get_paper):
                gr.api(tool, api_name=tool.__name__, queue=False)

            demo.load(self.status, outputs=[status], api_visibility="private", show_progress="hidden")
            demo.load(self.facets, outputs=[categories, collections], api_visibility="private",
                      show_progress="hidden")
            timer = gr.Timer(1.0, active=self.busy())
            timer.tick(self.tick, outputs=[status, timer], api_visibility="private", show_progress="hidden")
        demo.queue(max_size=self.settings.max_queue, default_concurrency_limit=self.settings.concurrency)
        return demo


    def launch(self, demo: gr.Blocks, **kwargs: Any):
        from starlette.middleware import Middleware

        from .access import Accounts, Guard, check_exposure
        from .asgi import McpPath

        check_exposure(self.settings)
        middleware = [Middleware(McpPath)]
        if (accounts := Accounts.of(self.settings)) is not None:
            middleware.append(Middleware(Guard, accounts=accounts))  # every route, the MCP one included
        kwargs.setdefault("mcp_server", self.settings.mcp_server)
        kwargs.setdefault("app_kwargs", {"middleware": middleware})
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
#sources-panel details.reasoning { margin-top: 12px; color: var(--body-text-color-subdued); }
#sources-panel blockquote.thinking { white-space: pre-wrap; font-size: 0.9em; }
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
