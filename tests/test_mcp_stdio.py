"""``assistant mcp``: the three tools over stdio, launched as Claude Desktop launches a server, by the
Python SDK's stdio client and by the official Inspector CLI; output schemas and structured content."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from assistant import Assistant, Settings
from tests.conftest import FIXTURES, HASH_SUPPORT, MINI_FEED, PROJECT
from tests.inspector import inspector

pytestmark = pytest.mark.heavy

ARXIV = FIXTURES / "collections" / "arxiv-sample.json"
SECRET = "sk-secret-stdio-key-0000"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("stdio")
    settings = Settings(vectorstore_dir=root / "vs", corpus_dir=FIXTURES, embed_model="hash", min_support=HASH_SUPPORT)
    Assistant(settings).ingest([ARXIV, MINI_FEED], progress=False)
    return {"ASSISTANT_EMBED_MODEL": "hash", "ASSISTANT_MIN_SUPPORT": str(HASH_SUPPORT), "ASSISTANT_MODE": "extractive",
            "ASSISTANT_VECTORSTORE_DIR": str(root / "vs"), "ASSISTANT_LLM_API_KEY": SECRET}


def _session(env, work):
    async def main():
        base = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        params = StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp"],
                                       env={**base, **env}, cwd=str(PROJECT))
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await work(session)

    return asyncio.run(main())


def test_tools_declare_output_schemas_and_return_structured_content(env):
    async def work(session):
        tools = {tool.name: tool for tool in (await session.list_tools()).tools}
        found = await session.call_tool("search_papers", {"query": "speculative decoding with a tree of drafts", "k": 2})
        answer = await session.call_tool("ask", {"question": "How much does a tree of drafts speed up speculative "
                                                             "decoding?"})
        paper = await session.call_tool("get_paper", {"paper_id": "2202.01932"})
        return tools, found, answer, paper

    tools, found, answer, paper = _session(env, work)
    assert set(tools) == {"search_papers", "ask", "get_paper"}
    assert tools["search_papers"].outputSchema["properties"]["papers"]["type"] == "array"
    assert {"text", "sources", "abstained"} <= set(tools["ask"].outputSchema["required"])
    assert "abstract" in tools["get_paper"].outputSchema["properties"]
    assert "best match" in tools["search_papers"].description  # the app's own descriptions
    for result in (found, answer, paper):
        assert not result.isError
        assert json.loads(result.content[0].text) == result.structuredContent  # the text for older clients
    hits = found.structuredContent["papers"]
    assert [h["rank"] for h in hits] == [1, 2] and hits[0]["title"] == "Draft Trees for Speculative Decoding"
    assert "[1]" in answer.structuredContent["text"]
    assert answer.structuredContent["sources"][0]["title"] == hits[0]["title"]
    assert "evidence" in answer.structuredContent  # the whole Answer.to_dict(), not only the fields named
    assert paper.structuredContent["paper_id"] == hits[0]["paper_id"]


def test_bad_input_is_one_sentence_and_the_server_goes_on(env):
    async def work(session):
        results = [await session.call_tool(tool, arguments) for tool, arguments in [
            ("search_papers", {"query": "quantization", "k": 500}),
            ("ask", {"question": "   "}),
            ("get_paper", {"paper_id": "0000000000000000"})]]
        return results, await session.call_tool("search_papers", {"query": "quantization", "k": 1})

    results, after = _session(env, work)
    texts = [r.content[0].text for r in results]
    assert all(r.isError for r in results)
    assert texts == ["Error executing tool search_papers: k must be a whole number from 1 to 20; got 500.",
                     "Error executing tool ask: Please type a question.",
                     "Error executing tool get_paper: No paper with id '0000000000000000' in the collection."]
    assert not any(SECRET in t or "Traceback" in t or env["ASSISTANT_VECTORSTORE_DIR"] in t for t in texts)
    assert len(after.structuredContent["papers"]) == 1


def test_the_inspector_cli_launches_it_and_calls_each_tool(env):
    environment = [arg for k, v in env.items() for arg in ("-e", f"{k}={v}")]

    def call(*method: str) -> dict:  # the server's command after "--", as the Inspector launches it
        return inspector(*environment, *method, "--", sys.executable, "-m", "assistant", "mcp")

    listed = call("--method", "tools/list")
    assert {tool["name"] for tool in listed["tools"]} == {"search_papers", "ask", "get_paper"}
    assert all(tool.get("outputSchema") for tool in listed["tools"])
    found = call("--method", "tools/call", "--tool-name", "search_papers",
                      "--tool-arg", "query=speculative decoding with a tree of drafts", "--tool-arg", "k=1")
    assert found["structuredContent"]["papers"][0]["title"] == "Draft Trees for Speculative Decoding"
    answer = call("--method", "tools/call", "--tool-name", "ask",
                       "--tool-arg", "question=How much does a tree of drafts speed up speculative decoding?")
    assert "[1]" in answer["structuredContent"]["text"]
    # The Inspector reads an argument as JSON when it can: an arXiv id is quoted to stay a string.
    paper = call("--method", "tools/call", "--tool-name", "get_paper", "--tool-arg", 'paper_id="2202.01932"')
    assert "accepted length from 2.3 to 3.4" in paper["structuredContent"]["abstract"]


def test_an_empty_store_is_indexed_while_the_server_already_answers(tmp_path):
    env = {"ASSISTANT_EMBED_MODEL": "hash", "ASSISTANT_MIN_SUPPORT": str(HASH_SUPPORT),
           "ASSISTANT_VECTORSTORE_DIR": str(tmp_path / "vs"), "ASSISTANT_CORPUS_DIR": str(FIXTURES / "collections")}

    async def work(session):
        first = await session.call_tool("search_papers", {"query": "speculative decoding", "k": 1})
        for _ in range(600):
            later = await session.call_tool("search_papers", {"query": "speculative decoding", "k": 1})
            if not later.isError:
                return first, later
            await asyncio.sleep(0.1)
        return first, later

    first, later = _session(env, work)
    if first.isError:  # the ingest was still running: the client was told so, in a sentence
        assert "still being indexed" in first.content[0].text
    assert not later.isError and later.structuredContent["papers"]
