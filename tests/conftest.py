from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from assistant import Assistant, Settings
from tests.fake_llm import FakeLLM

FIXTURES = Path(__file__).parent / "fixtures"
MINI_FEED = FIXTURES / "mini_feed.txt"
# The decline threshold for the hash embedding, whose similarities run lower than the real model's.
HASH_SUPPORT = 0.21
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
        min_support=HASH_SUPPORT,
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


def build_real_store(built: Path) -> None:
    """The bundled corpus embedded for real into ``built``, once: whoever holds the lock first builds."""
    with FileLock(str(built) + ".lock"):
        if not (built / "complete").exists():
            report = Assistant(Settings(vectorstore_dir=built)).ensure_corpus(progress=False)
            assert report is not None and report.added == 461
            (built / "complete").touch()


@pytest.hookimpl(trylast=True)  # after pytest's own tmp_path set-up
def pytest_configure(config):
    """Under ``pytest -n`` the real corpus (a minute and more of embedding) starts building in a process
    of its own at once, beside the workers' first tests; the tests that need it run last."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    if "not slow" in (config.option.markexpr or "") or config.option.collectonly:
        return
    if any(Path(arg.split("::")[0]).name.startswith("test_") for arg in config.args):
        return  # chosen test files: a test of them that needs it builds it
    built = config._tmp_path_factory.getbasetemp() / "real-vectorstore"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    config._real_store_builder = subprocess.Popen(
        [sys.executable, "-c", f"from tests.conftest import build_real_store as b; from pathlib import Path; "
                               f"b(Path({str(built)!r}))"],
        cwd=PROJECT, env={**env, "PYTHONPATH": str(PROJECT)}, stdout=subprocess.DEVNULL)


def pytest_unconfigure(config):
    builder = getattr(config, "_real_store_builder", None)
    if builder is not None and builder.poll() is None:
        builder.kill()
        builder.wait()


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: "real_assistant" in getattr(item, "fixturenames", ()))  # stable: last, in order


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory, worker_id) -> Assistant:
    """The real embedding model over the whole bundled corpus: built once per run (about a minute).

    Under ``pytest -n`` it is built in the run's shared folder (``pytest_configure`` starts that at
    once; a worker that asks first builds it itself), and each worker works on a copy of its own."""
    mine = tmp_path_factory.mktemp("real-vectorstore")
    if worker_id == "master":
        build_real_store(mine)
        return Assistant(Settings(vectorstore_dir=mine))
    built = tmp_path_factory.getbasetemp().parent / "real-vectorstore"
    build_real_store(built)
    shutil.copytree(built, mine, dirs_exist_ok=True)
    return Assistant(Settings(vectorstore_dir=mine))


@pytest.fixture
def real_env(real_assistant, monkeypatch):
    """The CLI (``assistant eval``) reads the real store."""
    monkeypatch.setenv("ASSISTANT_VECTORSTORE_DIR", str(real_assistant.settings.vectorstore_dir))


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
