from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from tests.fake_llm import FakeLLM

FIXTURES = Path(__file__).parent / "fixtures"
MINI_FEED = FIXTURES / "mini_feed.txt"
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No test reads the developer's .env, API keys or real vector store."""
    for name in list(os.environ):
        if name.startswith("ASSISTANT_") or name in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_VECTORSTORE_DIR", str(tmp_path / "vectorstore"))


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Deterministic hash embedding, a private store, the small fixture corpus."""
    return Settings(
        vectorstore_dir=tmp_path / "vectorstore",
        corpus_dir=FIXTURES,
        embed_model="hash",
        min_support=0.2,  # the hash embedding's similarities run lower than the real model's
    )


@pytest.fixture
def assistant(settings) -> Assistant:
    assistant = Assistant(settings)
    assistant.ingest([MINI_FEED], progress=False)
    return assistant


@pytest.fixture
def fake_llm():
    server = FakeLLM().start()
    yield server
    server.stop()


@pytest.fixture
def llm_assistant(settings, fake_llm) -> Assistant:
    """An assistant in LLM mode whose model is the scripted fake server, with short deadlines."""
    llm_settings = settings.with_overrides(
        llm_base_url=fake_llm.base_url,
        llm_model="fake-model",
        mode="llm",
        llm_first_token_timeout=1.5,
        llm_total_timeout=3.0,
    )
    assistant = Assistant(llm_settings)
    assistant.ingest([MINI_FEED], progress=False)
    return assistant


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory) -> Assistant:
    """The real embedding model over the whole bundled corpus: built once per run (about a minute)."""
    real = Assistant(Settings(vectorstore_dir=tmp_path_factory.mktemp("real-vectorstore")))
    report = real.ensure_corpus(progress=False)
    assert report is not None and report.added == 461
    return real


@pytest.fixture
def browser():
    """Debian's chromium driven by Playwright (``playwright install`` cannot download browsers offline)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        pytest.fail("chromium is missing: `apt-get install chromium` (`make test` and .ci/run do it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        yield browser
        browser.close()
