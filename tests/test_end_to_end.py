"""The real embedding model over the whole bundled corpus (about a minute to build, once per run)."""

import os
import re
import subprocess
import sys

import pytest

import assistant as package
from tests.app_server import ask_in_page, free_port, wait_for_http
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow


@pytest.fixture
def real(real_assistant):
    return real_assistant


@pytest.mark.parametrize(
    ("question", "title_part", "fact"),
    [
        ("How many questions does the AstroMLab-1 benchmark comprise?", "AstroMLab 4", "4,425"),
        ("What initialization scheme is proposed for upcycling dense language models into MoE?", "Upcycling Large Language Models into Mixture of Experts", "virtual group"),
        ("Which models does low-bit quantization favor according to the 100T training tokens study?", "Low-Bit Quantization Favors Undertrained", "undertrained"),
    ],
)
def test_factual_questions_cite_the_right_paper_and_quote_the_fact(real, question, title_part, fact):
    answer = real.ask(question)
    assert not answer.abstained
    assert any(title_part in s.title for s in answer.sources)
    assert fact.casefold() in answer.text.casefold()
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert numbers == set(range(1, len(answer.sources) + 1))


@pytest.mark.parametrize("question", ["How do I bake sourdough bread?", "What is the capital of France?"])
def test_questions_outside_the_collection_are_declined(real, question):
    answer = real.ask(question)
    assert answer.abstained and answer.sources == ()


def test_reingesting_the_bundled_corpus_adds_nothing(real):
    before = real.store.count()
    report = real.ingest(progress=False)
    assert report.chunks_written == 0 and report.unchanged == 461
    assert real.store.count() == before


def test_ask_function_uses_settings_overrides(real):
    answer = package.ask("What initialization scheme is proposed for upcycling into MoE?", vectorstore_dir=real.settings.vectorstore_dir, mode="extractive")
    assert answer.sources and answer.mode == "extractive"


@pytest.mark.browser
def test_app_process_answers_in_the_browser_with_nothing_configured(real, browser, tmp_path):
    port = free_port()
    env = {**os.environ, "ASSISTANT_VECTORSTORE_DIR": str(real.settings.vectorstore_dir), "ASSISTANT_PORT": str(port)}
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen([sys.executable, str(PROJECT / "app.py")], cwd=tmp_path, env=env, stdout=log,
                           stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, app)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_selector("#status-line :text('461 papers')")
        ask_in_page(page, "How many questions does the AstroMLab-1 benchmark comprise?")
        page.locator('#chat a[href="#src-0-1"]').first.wait_for(timeout=60_000)
        assert "4,425" in page.inner_text("#chat")
        assert "AstroMLab" in page.inner_text("#sources-panel")
        assert page.locator("#sources-panel mark").count() >= 1
    finally:
        app.terminate()
        app.wait(timeout=30)
