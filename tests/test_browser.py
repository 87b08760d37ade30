"""The page in a real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import pytest

from tests.app_server import ask_in_page as _ask, hostile_llm_assistant, running_app
from tests.conftest import PROJECT

pytestmark = [pytest.mark.browser, pytest.mark.heavy]

ARTIFACTS = PROJECT / "test-artifacts"


def test_question_in_the_browser_gets_a_cited_answer_and_its_sources(browser, assistant):
    ARTIFACTS.mkdir(exist_ok=True)
    with running_app(assistant) as running:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(running.url)
        page.wait_for_selector("#status-line :text('8 papers')")
        _ask(page, "How does upcycling turn dense models into mixture of experts?")

        citation = page.locator('#chat a[href="#src-0-1"]').first
        citation.wait_for(timeout=30_000)
        assert page.locator("#sources-panel li#src-0-1").count() == 1
        assert page.locator("#sources-panel li#src-0-1 mark").count() >= 1
        assert "Upcycling Large Language Models" in page.inner_text("#sources-panel li#src-0-1")
        citation.click()
        assert page.url == running.url  # a citation jumps within the page, it does not navigate

        _ask(page, "Which papers study layer normalization?")
        page.locator('#chat a[href="#src-1-1"]').first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)

        page.locator('#chat a[href="#src-0-1"]').first.click()  # the panel follows the selected answer
        page.wait_for_selector("#sources-panel li#src-0-1")

        page.click("#new-chat")
        page.wait_for_function("document.querySelectorAll('#chat a[href^=\"#src-\"]').length === 0")


def test_hostile_markup_stays_inert_in_the_browser(browser, settings, fake_llm, tmp_path):
    llm, _ = hostile_llm_assistant(settings, fake_llm, tmp_path, lambda tracker: (
        f"It keeps scripts as text [1]. <img src=\"{tracker}\" onerror=\"window.pwned=3\"> ![p]({tracker})"))
    with running_app(llm) as running:
        page = browser.new_page()
        page.goto(running.url)
        _ask(page, "How does hostile markup quarantine keep scripts as text?")
        page.locator('#chat a[href="#src-0-1"]').first.wait_for(timeout=30_000)
        page.wait_for_selector("#sources-panel :text('Hostile Markup Quarantine')")
        page.wait_for_timeout(500)
        assert page.evaluate("window.pwned") is None
        assert page.locator("#chat img[src*='pixel'], #sources-panel img, #sources-panel script").count() == 0
        assert "<script>window.pwned = 1</script>" in page.inner_text("#sources-panel")
    assert not [path for path in fake_llm.gets if "pixel" in path]


def test_filters_in_the_settings_and_downloads_of_the_selected_answer(browser, settings, tmp_path):
    import bibtexparser
    from pylatexenc.latex2text import LatexNodes2Text

    from assistant import Assistant
    from tests.conftest import FIXTURES, MINI_FEED

    library = Assistant(settings)
    library.ingest([FIXTURES / "collections" / "arxiv-sample.json", MINI_FEED], progress=False)
    with running_app(library) as running:
        page = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
        page.goto(running.url)
        page.wait_for_selector("#status-line :text('57 papers')")
        _ask(page, "Which papers quantize the KV cache?")
        page.locator('#chat a[href="#src-0-1"]').first.wait_for(timeout=30_000)

        page.get_by_text("Settings", exact=True).click()
        page.fill("#since textarea, #since input", "2024")
        page.locator("#categories input").fill("cs.CL")
        page.keyboard.press("Enter")
        # the category is a chip once the dropdown has taken it; asking before that asks without it
        page.locator("#categories").get_by_text("cs.CL", exact=True).wait_for(timeout=10_000)
        _ask(page, "How much does quantizing the KV cache save?")
        page.locator('#chat a[href="#src-1-1"]').first.wait_for(timeout=30_000)
        panel = page.inner_text("#sources-panel")
        assert "2024" in panel or "2025" in panel

        page.locator("#save-bibtex").wait_for(state="visible", timeout=10_000)
        with page.expect_download() as download:
            page.click("#save-bibtex")
        entries = bibtexparser.loads(download.value.path().read_text()).entries
        assert entries and all(int(e["year"]) >= 2024 for e in entries)
        cited = [LatexNodes2Text().latex_to_text(e["title"]) for e in entries]
        assert all(title in panel for title in cited)

        with page.expect_download() as download:
            page.click("#save-markdown")
        text = download.value.path().read_text()
        assert text.startswith("## How much does quantizing the KV cache save?")
        assert "### References" in text and "_Filters: since 2024-01-01; categories cs.cl_" in text

        page.locator('#chat a[href="#src-0-1"]').first.click()  # select the first answer: downloads follow it
        for _ in range(50):  # the download button is replaced once the select event has run
            with page.expect_download() as download:
                page.click("#save-markdown")
            if download.value.path().read_text().startswith("## Which papers quantize the KV cache?"):
                break
            page.wait_for_timeout(200)
        else:
            pytest.fail("the markdown download did not follow the selected answer")
