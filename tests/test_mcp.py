"""The MCP tools, served by the app beside the chat, driven by the official ``mcp`` client over
streamable HTTP: listed, called, and refusing bad input with a tool error that leaks nothing."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request

import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

from assistant import Assistant
from tests.app_server import running_app
from tests.inspector import inspector
from tests.conftest import FIXTURES, HASH_SUPPORT, MINI_FEED

ARXIV = FIXTURES / "collections" / "arxiv-sample.json"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from assistant import Settings

    root = tmp_path_factory.mktemp("mcp")
    settings = Settings(vectorstore_dir=root / "vs", corpus_dir=FIXTURES, embed_model="hash", min_support=HASH_SUPPORT,
                        llm_api_key="sk-secret-mcp-key-0000", mode="extractive")
    assistant = Assistant(settings)
    assistant.ingest([ARXIV, MINI_FEED], progress=False)
    with running_app(assistant) as running:
        yield running


def _session(running, work, path="gradio_api/mcp/"):
    """Run ``work(session)`` in a fresh MCP client session against the running app."""
    async def main():
        async with streamable_http_client(f"{running.url}{path}") as (read, write, *_):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await work(session)

    return asyncio.run(main())


def _payload(result):
    assert not result.isError, result.content
    text = "".join(part.text for part in result.content if part.type == "text")
    return json.loads(text)


def test_the_three_tools_are_listed_with_their_parameters(served):
    async def work(session):
        return (await session.list_tools()).tools

    tools = {tool.name: tool for tool in _session(served, work)}
    assert set(tools) == {"search_papers", "ask", "get_paper"}  # the stateful chat is not a tool
    search = tools["search_papers"]
    assert {"query", "k", "since", "until", "categories", "collections"} <= set(search.inputSchema["properties"])
    assert "best match" in search.description
    assert "paper_id" in tools["get_paper"].inputSchema["properties"]
    assert "question" in tools["ask"].inputSchema["properties"]


def test_search_ask_and_get_paper_answer_from_the_collection(served):
    async def work(session):
        found = await session.call_tool("search_papers", {"query": "speculative decoding with a tree of drafts",
                                                          "k": 3})
        answer = await session.call_tool("ask", {"question": "How much does a tree of drafts speed up "
                                                             "speculative decoding?"})
        first = _payload(found)[0]
        paper = await session.call_tool("get_paper", {"paper_id": first["paper_id"]})
        by_arxiv = await session.call_tool("get_paper", {"paper_id": "2202.01932"})
        return _payload(found), _payload(answer), _payload(paper), _payload(by_arxiv)

    found, answer, paper, by_arxiv = _session(served, work)
    assert len(found) == 3 and [hit["rank"] for hit in found] == [1, 2, 3]
    top = found[0]
    assert top["title"] == "Draft Trees for Speculative Decoding"
    assert top["url"] == "https://arxiv.org/abs/2202.01932" and top["date"] == "2022-02-04"
    assert "draft" in top["passage"].lower() and 0 < top["score"] <= 1
    assert answer["sources"][0]["title"] == top["title"] and "[1]" in answer["text"] and not answer["abstained"]
    assert paper["title"] == top["title"] and "accepted length from 2.3 to 3.4" in paper["abstract"]
    assert paper["categories"] == ["cs.CL", "cs.LG"] and paper["authors"] == ["Camille Moreau"]
    assert by_arxiv == paper


def test_filters_apply_to_the_tools(served):
    async def work(session):
        early = await session.call_tool("search_papers", {"query": "speculative decoding", "k": 5,
                                                          "until": "2021", "categories": "cs.CL"})
        answer = await session.call_tool("ask", {"question": "How much does a tree of drafts speed up "
                                                             "speculative decoding?", "since": "2024"})
        return _payload(early), _payload(answer)

    early, answer = _session(served, work)
    assert early and all(hit["date"] <= "2021-12-31" and "cs.CL" in hit["categories"] for hit in early)
    assert answer["filters"]["since"] == "2024-01-01"
    assert all(s["date"] >= "2024" for s in answer["sources"] + answer["uncited"])


@pytest.mark.parametrize(("tool", "arguments", "message"), [
    ("search_papers", {"query": ""}, "Please type a question"),
    ("search_papers", {"query": "x" * 5000}, "the limit is 2,000"),
    ("search_papers", {"query": "quantization", "k": 0}, "k must be a whole number from 1 to 20"),
    ("search_papers", {"query": "quantization", "k": 500}, "k must be a whole number from 1 to 20"),
    ("search_papers", {"query": "quantization", "since": "last week"}, "write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("ask", {"question": "   "}, "Please type a question"),
    ("ask", {"question": "What is pruning?", "mode": "poetry"}, "Unknown answer mode"),
    ("get_paper", {"paper_id": "0000000000000000"}, "No paper with id '0000000000000000'"),
    ("get_paper", {"paper_id": "not an id"}, "No paper with id 'not an id'"),
    ("get_paper", {"paper_id": ""}, "Give a paper id"),
])
def test_bad_input_is_a_tool_error_with_a_sentence_and_nothing_leaked(served, tool, arguments, message):
    async def work(session):
        result = await session.call_tool(tool, arguments)
        after = await session.call_tool("search_papers", {"query": "quantization", "k": 1})
        return result, after

    result, after = _session(served, work)
    assert result.isError
    text = " ".join(part.text for part in result.content if part.type == "text")
    assert message in text
    for secret in ("Traceback", "sk-secret-mcp-key-0000", str(served.app.settings.vectorstore_dir), "File \""):
        assert secret not in text
    assert len(_payload(after)) == 1  # the server goes on serving


@pytest.mark.parametrize("path", ["gradio_api/mcp/", "gradio_api/mcp"])
def test_the_endpoint_answers_with_and_without_its_trailing_slash_and_redirects_neither(served, path):
    async def work(session):
        return (await session.list_tools()).tools, await session.call_tool("get_paper", {"paper_id": "2202.01932"})

    tools, paper = _session(served, work, path)
    assert len(tools) == 3 and _payload(paper)["title"] == "Draft Trees for Speculative Decoding"
    request = urllib.request.Request(f"{served.url}{path}", method="POST", data=b"{}",
                                     headers={"Content-Type": "application/json",
                                              "Accept": "application/json, text/event-stream"})
    with pytest.raises(urllib.error.HTTPError) as refused:  # an empty message: refused by the MCP server itself
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (400, 406) and not refused.value.headers.get("Location")


@pytest.mark.heavy
@pytest.mark.parametrize("path", ["gradio_api/mcp/", "gradio_api/mcp"])
def test_the_official_inspector_cli_lists_and_calls_every_tool(served, path):
    url = f"{served.url}{path}"
    listed = inspector(url, "--transport", "http", "--method", "tools/list")
    assert {tool["name"] for tool in listed["tools"]} == {"search_papers", "ask", "get_paper"}
    found = inspector(url, "--transport", "http", "--method", "tools/call", "--tool-name", "search_papers",
                      "--tool-arg", "query=speculative decoding with a tree of drafts", "--tool-arg", "k=2")
    hits = json.loads(found["content"][0]["text"])
    assert [hit["rank"] for hit in hits] == [1, 2] and hits[0]["title"] == "Draft Trees for Speculative Decoding"
    answer = inspector(url, "--transport", "http", "--method", "tools/call", "--tool-name", "ask",
                       "--tool-arg", "question=How much does a tree of drafts speed up speculative decoding?")
    assert "[1]" in json.loads(answer["content"][0]["text"])["text"]
    paper = inspector(url, "--transport", "http", "--method", "tools/call", "--tool-name", "get_paper",
                      "--tool-arg", f"paper_id={hits[0]['paper_id']}")
    assert "accepted length from 2.3 to 3.4" in json.loads(paper["content"][0]["text"])["abstract"]
