"""Sharing the app with a lab: sign-in on every route (page, API, downloads, MCP), a refusal to serve
other machines without it, questions a minute per user, and secrets that never leave the server."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import httpx
import pytest
from playwright.sync_api import Error as PlaywrightError
from gradio_client import Client
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

from assistant import Assistant, Settings, SettingsError
from assistant.faces import access
from tests.app_server import free_port, running_app, wait_for_http
from tests.conftest import FIXTURES, HASH_SUPPORT, MINI_FEED, PROJECT

USER, PASSWORD = "alice", "correct horse battery"
TOKEN = "mcp-token-3b7c0e1f"
QUESTION = "How does upcycling turn dense models into mixture of experts?"


def _basic(user: str = USER, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _status(url: str, method: str = "GET", authorization: str | None = None, data: bytes | None = None) -> int:
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    if authorization:
        headers["Authorization"] = authorization
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers),
                                    timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code
    except urllib.error.URLError:  # nothing listening (yet)
        return 0


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    root = tmp_path_factory.mktemp("guarded")
    settings = Settings(vectorstore_dir=root / "vs", corpus_dir=FIXTURES, embed_model="hash", min_support=HASH_SUPPORT,
                        auth=f"{USER}:{PASSWORD}", mcp_token=TOKEN, rate_limit=4)
    assistant = Assistant(settings)
    assistant.ingest([MINI_FEED], progress=False)
    with running_app(assistant) as running:
        yield running


ROUTES = [("GET", ""), ("GET", "config"), ("GET", "gradio_api/info"), ("POST", "gradio_api/call/ask"),
          ("GET", "gradio_api/file=/etc/hostname"), ("POST", "gradio_api/queue/join"), ("POST", "gradio_api/mcp/"),
          ("POST", "gradio_api/mcp"), ("GET", "gradio_api/mcp/sse")]


@pytest.mark.heavy
@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_refuses_a_request_without_sign_in(guarded, method, path):
    url = guarded.url + path
    data = b"{}" if method == "POST" else None
    assert _status(url, method, None, data) == 401
    assert _status(url, method, _basic(password="wrong password"), data) == 401
    assert _status(url, method, f"Bearer {TOKEN}" if "mcp" not in path else "Bearer nope", data) == 401
    if method == "GET" and "file=" not in path and "sse" not in path:
        assert _status(url, method, _basic()) == 200


def test_the_refusal_asks_the_browser_to_sign_in_and_holds_no_data(guarded):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(guarded.url + "config", timeout=10)
    assert refused.value.headers["WWW-Authenticate"].startswith('Basic realm="Research assistant"')
    assert refused.value.read() == b"Sign in: this research assistant needs a user name and password.\n"


def test_gradio_client_and_the_mcp_sdk_work_signed_in(guarded):
    client = Client(guarded.url, headers={"Authorization": _basic()}, verbose=False)
    answer = json.loads(client.predict(QUESTION, "auto", 5, api_name="/ask"))
    assert answer["sources"][0]["title"] == "Upcycling Large Language Models into Mixture of Experts"

    async def tools(authorization: str) -> list[str]:
        async with httpx.AsyncClient(headers={"Authorization": authorization}, timeout=30) as http:
            async with streamable_http_client(f"{guarded.url}gradio_api/mcp/", http_client=http) as (read, write, _):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    return [t.name for t in (await session.list_tools()).tools]

    assert sorted(asyncio.run(tools(_basic()))) == ["ask", "get_paper", "search_papers"]
    assert sorted(asyncio.run(tools(f"Bearer {TOKEN}"))) == ["ask", "get_paper", "search_papers"]


@pytest.mark.heavy
def test_the_browser_signs_in_asks_and_downloads_and_the_download_is_refused_to_others(browser, guarded):
    context = browser.new_context(http_credentials={"username": USER, "password": PASSWORD}, accept_downloads=True)
    page = context.new_page()
    page.goto(guarded.url)
    page.wait_for_selector("#status-line :text('8 papers')")
    page.fill("#question textarea", "Which papers study layer normalization?")
    page.click("#ask")
    page.locator('#chat a[href="#src-0-1"]').first.wait_for(timeout=30_000)
    page.locator("#save-markdown").wait_for(state="visible", timeout=10_000)
    with page.expect_download() as download:
        page.click("#save-markdown")
    assert download.value.path().read_text().startswith("## Which papers study layer normalization?")
    assert _status(download.value.url) == 401  # the same file, without signing in
    assert _status(download.value.url, authorization=_basic()) == 200
    context.close()
    stranger = browser.new_context()  # no credentials: the sign-in challenge, and no page
    with pytest.raises(PlaywrightError, match="ERR_INVALID_AUTH_CREDENTIALS"):
        stranger.new_page().goto(guarded.url)
    response = stranger.request.get(guarded.url)
    assert response.status == 401 and response.text().startswith("Sign in")
    stranger.close()


def test_questions_past_the_rate_limit_are_refused_with_a_sentence_across_faces(tmp_path):
    settings = Settings(vectorstore_dir=tmp_path / "vs", corpus_dir=FIXTURES, embed_model="hash", min_support=HASH_SUPPORT,
                        auth=f"{USER}:{PASSWORD},bob:{PASSWORD}", rate_limit=3)
    assistant = Assistant(settings)
    assistant.ingest([MINI_FEED], progress=False)
    with running_app(assistant) as running:
        alice = Client(running.url, headers={"Authorization": _basic()}, verbose=False)
        first = [json.loads(alice.predict(QUESTION, "auto", 5, api_name="/ask")) for _ in range(2)][0]

        async def mcp_ask(authorization: str):
            async with httpx.AsyncClient(headers={"Authorization": authorization}, timeout=30) as http:
                async with streamable_http_client(f"{running.url}gradio_api/mcp/", http_client=http) as (r, w, _):
                    async with ClientSession(r, w) as session:
                        await session.initialize()
                        return [await session.call_tool("ask", {"question": QUESTION}) for _ in range(2)]

        third, fourth = asyncio.run(mcp_ask(_basic()))  # the same user, another face: the same count
        assert not third.isError
        assert fourth.isError and "You have asked 3 questions in the last minute" in fourth.content[0].text
        with pytest.raises(Exception, match="please ask again in"):
            alice.predict("What is pruning?", "auto", 5, api_name="/ask")
        paper = json.loads(alice.predict(first["sources"][0]["paper_id"], api_name="/get_paper"))
        assert paper["title"] == first["sources"][0]["title"]  # reading a paper is no question
        bob = Client(running.url, headers={"Authorization": _basic("bob")}, verbose=False)
        assert json.loads(bob.predict(QUESTION, "auto", 5, api_name="/ask"))["sources"]  # each user their own


def test_the_limit_window_slides():
    now = [0.0]
    limit = access.RateLimit(2, clock=lambda: now[0])
    limit.admit("a")
    now[0] = 30
    limit.admit("a")
    with pytest.raises(access.RateLimited, match="again in 31 s"):
        limit.admit("a")
    limit.admit("b")
    now[0] = 60.5  # the first question is a minute old
    limit.admit("a")
    assert access.RateLimit(0).admit("a") is None  # 0: no limit


@pytest.mark.parametrize(("host", "allowed"), [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                               ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.20", False),
                                               ("my-lab-host", False)])
def test_only_loopback_is_served_without_credentials(host, allowed):
    settings = Settings(host=host, embed_model="hash")
    if allowed:
        access.check_exposure(settings)
    else:
        with pytest.raises(SettingsError, match="set ASSISTANT_AUTH=user:password or ASSISTANT_AUTH_FILE"):
            access.check_exposure(settings)
    access.check_exposure(settings.with_overrides(auth=f"{USER}:{PASSWORD}"))


def _app_env(tmp_path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_MIN_SUPPORT=str(HASH_SUPPORT), ASSISTANT_CORPUS_DIR=str(FIXTURES),
               ASSISTANT_VECTORSTORE_DIR=str(tmp_path / "vs"), ASSISTANT_PORT=str(free_port()), **extra)
    return env


def test_app_refuses_to_serve_other_machines_without_credentials_in_one_sentence(tmp_path):
    done = subprocess.run([sys.executable, "app.py"], cwd=PROJECT, env=_app_env(tmp_path, ASSISTANT_HOST="0.0.0.0"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: ASSISTANT_HOST=0.0.0.0 serves other machines, so sign-in is required: set "
        "ASSISTANT_AUTH=user:password or ASSISTANT_AUTH_FILE=FILE (lines from `assistant passwd USER`)"]
    assert not (tmp_path / "vs").exists() or not any((tmp_path / "vs").iterdir())  # nothing opened, nothing served


def test_an_auth_file_holds_hashes_only_and_signs_its_users_in(tmp_path):
    done = subprocess.run([sys.executable, "-m", "assistant", "passwd", "carol"], input="a long passphrase\n",
                          capture_output=True, text=True, cwd=PROJECT, timeout=60)
    line = done.stdout.strip()
    assert line.startswith("carol:$2b$") and "a long passphrase" not in line
    (tmp_path / "users").write_text(f"# the lab\n{line}\n")
    accounts = access.Accounts.of(Settings(auth_file=tmp_path / "users", embed_model="hash"))
    assert accounts.user(_basic("carol", "a long passphrase"), "/") == "carol"
    assert accounts.user(_basic("carol", "wrong"), "/") is None
    (tmp_path / "clear").write_text("carol:a long passphrase\n")
    with pytest.raises(SettingsError, match="clear, line 1: expected user:bcrypt-hash"):
        access.Accounts.of(Settings(auth_file=tmp_path / "clear", embed_model="hash"))


@pytest.mark.heavy
def test_secrets_never_leave_the_server(tmp_path, fake_llm):
    """The LLM key, the Chroma token, a password and the MCP token: not in the page, its config, an
    answer, its exports, `assistant status`, `assistant settings` or the app's logs."""
    secrets = {"ASSISTANT_LLM_API_KEY": "sk-llm-key-5f1e2d", "ASSISTANT_CHROMA_TOKEN": "chroma-token-9a8b7c",
               "ASSISTANT_AUTH": f"{USER}:pw-secret-4d4d4d", "ASSISTANT_MCP_TOKEN": "mcp-token-e6e6e6"}
    leaks = ["sk-llm-key-5f1e2d", "chroma-token-9a8b7c", "pw-secret-4d4d4d", "mcp-token-e6e6e6"]
    env = _app_env(tmp_path, ASSISTANT_LLM_BASE_URL=fake_llm.base_url, ASSISTANT_LLM_MODEL="fake-model",
                   ASSISTANT_LLM_FIRST_TOKEN_TIMEOUT="5", **secrets)
    app = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{env['ASSISTANT_PORT']}/"
    seen = []
    try:
        signed = {"Authorization": _basic(USER, "pw-secret-4d4d4d")}
        deadline = time.monotonic() + 180
        while _status(url + "config", authorization=signed["Authorization"]) != 200:
            assert app.poll() is None and time.monotonic() < deadline
            time.sleep(0.5)
        for path in ("", "config", "gradio_api/info"):
            with urllib.request.urlopen(urllib.request.Request(url + path, headers=signed), timeout=30) as page:
                seen.append(page.read().decode())
        client = Client(url, headers=signed, verbose=False)
        for _ in range(60):  # the first ingest may still run
            try:
                answer = client.predict(QUESTION, "auto", 5, api_name="/ask")
                break
            except Exception as exc:  # noqa: BLE001 -- "still being indexed"
                assert "still being indexed" in str(exc)
                time.sleep(1)
        seen.append(answer)
        from assistant.faces import export

        data = json.loads(answer)
        seen += [export.markdown(data), export.bibtex(data["sources"])]
        for command in (["status"], ["settings"], ["settings", "--markdown"]):
            done = subprocess.run([sys.executable, "-m", "assistant", *command], cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=120)
            seen += [done.stdout, done.stderr]
    finally:
        app.terminate()
        logs, _ = app.communicate(timeout=60)
    seen.append(logs)
    assert "Research assistant: http://" in logs and data["mode"] == "llm"
    for text in seen:
        for secret in leaks:
            assert secret not in text
