"""``assistant mcp``: the three MCP tools over stdio, for clients that launch their servers
(Claude Desktop's ``command``/``args``, Cursor, VS Code, the MCP Inspector).

The tools are the app's (``tools.py``: the same work, names and descriptions); here the ``mcp`` SDK
serves them, so each declares an output schema and returns structured content beside the JSON
text. Bad input is a tool error with the same one sentence as over HTTP.

stdout is the protocol's: the process's own file descriptor 1 (and ``sys.stdout``) is pointed at
stderr before anything else runs, so that no print, progress line or library message can corrupt
a message. A store that is empty is filled with the bundled corpus on a thread, as in the app,
while the server already answers (a tool says to ask again in a moment).
"""

from __future__ import annotations

import os
import sys
from io import TextIOWrapper
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ..errors import AssistantError, QuestionError
from . import tools

if TYPE_CHECKING:
    from mcp.server.fastmcp import FastMCP

    from ..settings import Settings
    from .answering import Answering


class Hit(BaseModel):
    """A paper search_papers found."""

    paper_id: str
    title: str
    date: str
    url: str
    score: float = Field(description="cosine similarity of the best passage")
    rank: int
    authors: list[str]
    categories: list[str]
    collection: str
    arxiv_id: str
    doi: str
    passage: str = Field(description="the best-matching passage of the abstract")


class Papers(BaseModel):
    papers: list[Hit]


class Paper(BaseModel):
    paper_id: str
    title: str
    abstract: str
    url: str
    date: str
    authors: list[str]
    categories: list[str]
    doi: str
    arxiv_id: str
    collection: str
    source: str


class Cited(BaseModel):
    """A paper an answer cites: sources[n-1] is [n]."""

    model_config = ConfigDict(extra="allow")
    paper_id: str
    title: str
    url: str
    date: str
    snippet: str


class AnswerRecord(BaseModel):
    """An answer as ``Answer.to_dict()`` gives it; the fields named here are the ones to rely on."""

    model_config = ConfigDict(extra="allow")
    question: str
    text: str = Field(description="the answer, citing sources as [n]")
    sources: list[Cited]
    mode: str
    abstained: bool = Field(description="true when the papers do not cover the question and the answer says so")
    notice: str


def _description(method) -> str:
    return (method.__doc__ or "").replace("JSON: ", "")


def server(answering: Answering, ready=lambda: None) -> FastMCP:
    from anyio import to_thread
    from mcp.server.fastmcp import FastMCP
    from mcp.server.fastmcp.exceptions import ToolError

    mcp = FastMCP("research-assistant", log_level="WARNING", instructions="Search, read and ask about the research papers in the "
                  "collection; answers cite their papers as [n] and decline what the papers do not cover.")

    async def call(work, *args: Any):
        def run():
            ready()
            return work(answering, *args)

        try:
            return await to_thread.run_sync(run)  # a long answer does not stop the server answering pings
        except AssistantError as exc:
            raise ToolError(str(exc)) from None

    @mcp.tool(description=_description(tools.Tools.search_papers))
    async def search_papers(query: str, k: int = 5, since: str = "", until: str = "",
                            categories: str = "", collections: str = "") -> Papers:
        return Papers(papers=await call(tools.search_papers, query, k, since, until, categories, collections))

    @mcp.tool(description=_description(tools.Tools.ask))
    async def ask(question: str, mode: str = "auto", top_k: int = 5, since: str = "",
                  until: str = "", categories: str = "", collections: str = "") -> AnswerRecord:
        return AnswerRecord(**await call(tools.ask, question, mode, top_k, since, until, categories, collections))

    @mcp.tool(description=_description(tools.Tools.get_paper))
    async def get_paper(paper_id: str) -> Paper:
        return Paper(**await call(tools.get_paper, paper_id))

    return mcp


def serve(settings: Settings) -> int:
    """Serve the tools on this process's stdin and stdout until the client closes them."""
    import anyio
    from mcp.server.stdio import stdio_server

    protocol = TextIOWrapper(os.fdopen(os.dup(1), "wb"), encoding="utf-8")
    os.dup2(2, 1)  # fd 1 (and so every print and library message) now reaches stderr
    sys.stdout = sys.stderr

    from . import startup
    from .answering import Answering

    answering = Answering(startup.open_assistant(settings))
    startup.resume_collector()
    if answering.begin():
        print("the store is empty: indexing the bundled corpus; tools answer when it is done", file=sys.stderr)

    def ready() -> None:
        indexing = answering.progress()
        if indexing.error:
            raise QuestionError(f"The corpus could not be indexed: {indexing.error}")
        if indexing.running:
            raise QuestionError(f"The corpus is still being indexed ({indexing.done} / {indexing.total or '…'} "
                                "papers); please ask again in a moment.")

    mcp = server(answering, ready)

    async def run() -> None:
        async with stdio_server(stdout=anyio.wrap_file(protocol)) as (read, write):
            await mcp._mcp_server.run(read, write, mcp._mcp_server.create_initialization_options())

    anyio.run(run)
    return 0
