"""The assistant as Model Context Protocol tools: ``search_papers``, ``ask`` and ``get_paper``.

Gradio serves them (``launch(mcp_server=True)``) next to the chat, at ``/gradio_api/mcp/``: each
public API endpoint is a tool named after its function, described by its docstring and typed by its
annotations, which is why these are plain functions with Google-style docstrings. They call the same
``Assistant`` as every other face, through ``Answering`` (which may hold it in another process). Bad
input raises ``gr.Error`` with a sentence for the client, which MCP returns as a tool error; nothing
else (paths, tracebacks, keys) leaves the server.

``assistant mcp`` serves the same three tools over stdio (``mcp_stdio.py``), through the functions
at the end of this module. Here they return JSON text rather than dicts: Gradio's MCP server hands a tool's output to the client
as ``str(output)``, which for a dict is a Python repr no JSON parser reads. The same endpoints
serve the HTTP API (``gradio_client``), where the text is one ``json.loads`` away.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..answer.filters import Filters
from ..errors import AssistantError, QuestionError
from ..settings import MAX_TOP_K
from .gradio_import import gr

if TYPE_CHECKING:
    from .answering import Answering, Remote


class Tools:
    def __init__(self, answering: Callable[[], Answering | Remote], ready: Callable[[], None] | None = None,
                 limit: Callable[[gr.Request | None], None] | None = None) -> None:
        self._answering = answering  # the app opens its answering side after serving the page
        self._ready = ready or (lambda: None)  # raises QuestionError while the first ingest runs
        self._limit = limit or (lambda request: None)  # raises RateLimited past ASSISTANT_RATE_LIMIT

    @property
    def answering(self) -> Answering | Remote:
        return self._answering()

    def search_papers(self, query: str, k: int = 5, since: str = "", until: str = "", categories: str = "",
                      collections: str = "", request: gr.Request = None) -> str:
        """Find the papers in the collection that best match a query, best first.

        Args:
            query: What to look for, in words (a topic, a method name, a question).
            k: How many papers to return, 1 to 20.
            since: Only papers dated on or after this date: YYYY, YYYY-MM or YYYY-MM-DD. Papers whose date has no year are then left out.
            until: Only papers dated on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.
            categories: Only papers in any of these categories, comma-separated (e.g. "cs.LG, cs.CL").
            collections: Only papers of any of these collections or source files, comma-separated.

        Returns:
            JSON: a list of papers with paper_id, title, date, url, the best-matching passage and its score (cosine similarity).
        """
        return self._call(lambda: search_papers(self.answering, query, k, since, until, categories, collections),
                          request)

    def ask(self, question: str, mode: str = "auto", top_k: int = 5, since: str = "", until: str = "",
            categories: str = "", collections: str = "", request: gr.Request = None) -> str:
        """Answer a question from the paper abstracts, citing them as [n], or decline when they do not cover it.

        Args:
            question: The question, in words.
            mode: "auto" (the LLM when one is configured), "extractive" (quotes from the papers) or "llm".
            top_k: Papers to draw on, 1 to 20.
            since: Only papers dated on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.
            until: Only papers dated on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.
            categories: Only papers in any of these categories, comma-separated.
            collections: Only papers of any of these collections or source files, comma-separated.

        Returns:
            JSON: the answer text with [n] markers, sources (sources[n-1] is [n]), whether it declined, and why.
        """
        return self._call(lambda: ask(self.answering, question, mode, top_k, since, until, categories, collections),
                          request)

    def get_paper(self, paper_id: str) -> str:
        """One paper of the collection: its title, whole abstract and metadata.

        Args:
            paper_id: The paper's id as search_papers and ask return it (16 hexadecimal characters), or its arXiv id.

        Returns:
            JSON: paper_id, title, abstract, url, date, authors, categories, doi, arxiv_id, collection, source.
        """
        return self._call(lambda: get_paper(self.answering, paper_id))

    def _call(self, run, counted: gr.Request | None | bool = False) -> str:
        """``counted``: the request of a search or an answer, which the rate limit counts (reading a
        paper does not)."""
        try:
            self._ready()
            if counted is not False:
                self._limit(counted)
            return json.dumps(run(), ensure_ascii=False)
        except AssistantError as exc:
            raise gr.Error(str(exc), print_exception=False) from None


# The tools' work, shared by Gradio's MCP route (above) and ``assistant mcp`` over stdio (``mcp_stdio.py``):
# plain data out, ``AssistantError`` with one sentence for bad input.

def search_papers(answering: Answering | Remote, query: str, k: int = 5, since: str = "", until: str = "",
                  categories: str = "", collections: str = "") -> list[dict]:
    filters = Filters.make(since, until, categories, collections)
    return [_found(s.to_dict()) for s in answering.search(query, k=_count("k", k), filters=filters)]


def ask(answering: Answering | Remote, question: str, mode: str = "auto", top_k: int = 5, since: str = "",
        until: str = "", categories: str = "", collections: str = "") -> dict:
    filters = Filters.make(since, until, categories, collections)
    return answering.ask(question, mode=mode, top_k=_count("top_k", top_k), filters=filters).to_dict()


def get_paper(answering: Answering | Remote, paper_id: str) -> dict:
    return answering.paper(paper_id)


def _count(name: str, value: object) -> int:
    """A whole number from 1 to MAX_TOP_K (JSON clients may send 5.0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_TOP_K:
        raise QuestionError(f"{name} must be a whole number from 1 to {MAX_TOP_K}; got {value!r}.")
    return value


def _found(source: dict) -> dict:
    """A search hit for a client: the best passage once, not every passage and highlight."""
    keep = ("paper_id", "title", "date", "url", "score", "rank", "authors", "categories", "collection", "arxiv_id", "doi")
    return {**{key: source[key] for key in keep}, "passage": source["passages"][0] if source["passages"] else ""}
