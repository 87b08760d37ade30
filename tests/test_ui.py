"""The chat app, launched for real on a loopback port and driven through gradio_client."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client

from assistant import Assistant
from assistant.faces.ui import ChatApp
from tests.app_server import hostile_llm_assistant, running_app
from tests.fake_llm import Reply

QUESTION = "How does upcycling turn dense models into mixture of experts?"
NO_FILTERS = ("", "", [], [])  # since, until, categories, collections


def _client(url: str) -> Client:
    return Client(url, verbose=False, download_files=False)


def _text(message: dict) -> str:
    """A chat message's text (gradio 6 sends content as a list of typed parts)."""
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def _markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


@pytest.fixture
def extractive_app(assistant):
    with running_app(assistant) as running:
        yield running


@pytest.fixture
def llm_app(llm_assistant, fake_llm):
    fake_llm.reply = lambda request: Reply(text="Upcycling reuses dense checkpoints [1], at a fraction of the cost [2].",
                                           delay=0.01)
    with running_app(llm_assistant) as running:
        yield running


def test_ask_endpoint_returns_the_answer_dict_of_the_same_assistant(extractive_app, assistant):
    result = json.loads(_client(extractive_app.url).predict(QUESTION, "auto", 3, api_name="/ask"))
    direct = assistant.ask(QUESTION, top_k=3).to_dict()
    assert result["mode"] == "extractive" and not result["abstained"]
    assert [s["title"] for s in result["sources"]] == [s["title"] for s in direct["sources"]]
    assert result["text"] == direct["text"]
    assert _markers(result["text"]) == set(range(1, len(result["sources"]) + 1))


def test_ask_endpoint_reports_bad_questions_as_sentences(extractive_app):
    with pytest.raises(Exception, match="Please type a question"):
        _client(extractive_app.url).predict("   ", "auto", 5, api_name="/ask")


def test_chat_streams_llm_tokens_then_links_citations_to_the_sources_panel(llm_app):
    job = _client(llm_app.url).submit(QUESTION, "auto", 5, *NO_FILTERS, api_name="/chat")
    updates = list(job)
    final_chat, panel, box = job.result()
    bubbles = [_text(u[0][-1]) for u in updates if u[0] and u[0][-1]["role"] == "assistant"]
    partial = [b for b in bubbles if b.endswith("▍")]
    assert len(partial) >= 3, "the LLM answer should arrive piece by piece"
    assert len({len(b) for b in partial}) == len(partial), "each update adds text"

    answer = _text(final_chat[-1])
    links = re.findall(r"\(#(src-0-\d+)\)", answer)
    assert links == ["src-0-1", "src-0-2"]
    for anchor in links:
        assert f'id="{anchor}"' in panel
    assert box == ""


def test_followup_is_condensed_with_the_conversation(llm_app, fake_llm):
    client = _client(llm_app.url)
    client.predict(QUESTION, "auto", 5, *NO_FILTERS, api_name="/chat")
    fake_llm.requests.clear()
    chat, panel, _ = client.predict("And how much does it cost?", "auto", 5, *NO_FILTERS, api_name="/chat")
    condense = fake_llm.requests[0]["messages"][-1]["content"]
    assert QUESTION in condense and "And how much does it cost?" in condense
    assert [m["role"] for m in chat] == ["user", "assistant"] * 2
    assert "Searched for" in panel


def test_followup_in_extractive_mode_searches_with_the_previous_question(extractive_app):
    client = _client(extractive_app.url)
    client.predict(QUESTION, "extractive", 5, *NO_FILTERS, api_name="/chat")
    _, panel, _ = client.predict("What does it cost?", "extractive", 5, *NO_FILTERS, api_name="/chat")
    assert f"Searched for <q>{html.escape(QUESTION)} What does it cost?</q>" in panel
    assert "Upcycling Large Language Models into Mixture of Experts" in panel


def test_sessions_do_not_share_conversations(extractive_app):
    first, second = _client(extractive_app.url), _client(extractive_app.url)
    first.predict(QUESTION, "extractive", 5, *NO_FILTERS, api_name="/chat")
    chat, panel, _ = second.predict("Which papers study layer normalization?", "extractive", 5, *NO_FILTERS, api_name="/chat")
    assert len(chat) == 2 and "Searched for" not in panel


@pytest.mark.heavy
def test_twenty_concurrent_clients_all_get_cited_answers(llm_app, fake_llm):
    answer = "Upcycling reuses dense checkpoints [1], at a fraction of the cost [2]."
    fake_llm.reply = lambda request: Reply(text=answer, delay=1.0 / 20)  # about 20 chunks: ~1 s an answer

    def one(i: int):
        chat, panel, _ = _client(llm_app.url).predict(f"{QUESTION} ({i})", "auto", 5, *NO_FILTERS, api_name="/chat")
        return _text(chat[-1]), panel

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(one, range(20)))
    assert len(results) == 20
    for answer, panel in results:
        assert "(#src-0-1)" in answer and 'id="src-0-1"' in panel


@pytest.mark.heavy
def test_a_full_queue_turns_questions_away_with_a_message(llm_assistant, fake_llm):
    fake_llm.reply = lambda request: Reply(text="Slow answer [1].", delay=0.05)
    slow = Assistant(llm_assistant.settings.with_overrides(concurrency=1, max_queue=1),
                     embedding=llm_assistant.embedding, store=llm_assistant.store)
    errors: list[str] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        try:
            _client(running.url).predict(f"{QUESTION} {i}", "auto", 5, api_name="/ask")
        except Exception as exc:  # noqa: BLE001 - the message is what the test reads
            with lock:
                errors.append(str(exc))

    with running_app(slow) as running:
        with ThreadPoolExecutor(6) as pool:
            list(pool.map(one, range(6)))
    assert errors, "six questions at once cannot all fit a queue of one"
    assert all("queue is full" in e.lower() for e in errors)


def test_hostile_abstract_and_model_output_reach_the_page_inert(settings, fake_llm, tmp_path):
    llm, _ = hostile_llm_assistant(settings, fake_llm, tmp_path, lambda tracker: (
        f"Quarantine keeps scripts as text [1]. <script>alert(1)</script> ![pixel]({tracker})"))
    with running_app(llm) as running:
        chat, panel, _ = _client(running.url).predict(
            "How does hostile markup quarantine keep scripts as text?", "auto", 5, *NO_FILTERS, api_name="/chat"
        )
    answer = _text(chat[-1])
    assert "<script" not in answer and "&lt;script&gt;" in answer
    assert "![" not in answer and "[image not shown: pixel]" in answer
    assert "Hostile Markup Quarantine" in panel
    assert "<script" not in panel and "<img" not in panel and "&lt;script&gt;" in panel
    assert not [path for path in fake_llm.gets if "pixel" in path]


def test_first_start_indexes_in_the_background_and_refuses_questions_until_done(settings):
    app = ChatApp(Assistant(settings))
    thread = app.start_indexing()
    assert thread is not None and "Indexing" in app.status()
    thread.join(timeout=60)
    assert re.search(r"\*\*Corpus:\*\* 8 papers, \d+ chunks", app.status())
    assert app.start_indexing() is None  # a later start finds the store full
    assert json.loads(app.tools.ask(QUESTION))["sources"]


def test_questions_wait_for_the_first_index(settings):
    app = ChatApp(Assistant(settings))
    indexing = app.answering.indexing
    indexing.running, indexing.done, indexing.total = True, 64, 120
    with pytest.raises(Exception, match="still being indexed"):
        app.tools.ask(QUESTION)


def test_extractive_followup_in_the_chat_stays_on_the_previous_answers_papers(extractive_app):
    from assistant.corpus import read_file
    from tests.conftest import MINI_FEED

    titles = [html.escape(p.title) for p in read_file(MINI_FEED)]
    client = _client(extractive_app.url)
    _, first, _ = client.predict("Which papers discuss speculative decoding or layer normalization?", "extractive", 2,
                                 *NO_FILTERS, api_name="/chat")
    before = {t for t in titles if t in first}
    assert {"Parallel Speculative Decoding with Adaptive Draft Length", "Root Mean Square Layer Normalization"} <= before
    chat, panel, _ = client.predict("How much faster are they?", "extractive", 5, *NO_FILTERS, api_name="/chat")
    assert {t for t in titles if t in panel} <= before
    reply = _text(chat[-1])
    assert "](#src-" in reply and "times" in reply  # cited, with the speed-up figures


def test_a_claim_its_source_does_not_support_is_marked_in_the_chat_and_listed_in_the_panel(llm_assistant, fake_llm):
    fake_llm.reply = lambda request: Reply(text="Upcycling reaches 99.9% on every benchmark [1].", delay=0.01)
    with running_app(llm_assistant) as running:
        chat, panel, _ = _client(running.url).predict(QUESTION, "auto", 5, *NO_FILTERS, api_name="/chat")
    reply = _text(chat[-1])
    assert "[⚠](#claim-0-1" in reply and "figure not in source" in reply
    assert 'id="claim-0-1"' in panel and "claim flagged" in panel


def test_filter_menus_offer_the_stores_categories_and_collections(settings):
    from tests.conftest import FIXTURES, MINI_FEED

    library = Assistant(settings)
    library.ingest([FIXTURES / "collections" / "arxiv-sample.json", MINI_FEED], progress=False)
    categories, collections = ChatApp(library).facets()
    assert {"cs.LG", "cs.CL", "math.OC", "stat.ML"} <= set(c for c, _ in categories.choices)
    assert [c for c, _ in collections.choices] == ["arxiv-sample", "mini_feed"]


def test_chat_with_filters_cites_only_papers_inside_them(settings):
    from tests.conftest import FIXTURES, MINI_FEED

    library = Assistant(settings)
    library.ingest([FIXTURES / "collections" / "arxiv-sample.json", MINI_FEED], progress=False)
    with running_app(library) as running:
        client = _client(running.url)
        _, panel, _ = client.predict("Which papers prune models?", "extractive", 5, "2023", "2024-06", ["cs.CL"], [],
                                     api_name="/chat")
        dates = re.findall(r"\b(20\d\d-\d\d-\d\d)\b", panel)
        assert dates and all("2023-01-01" <= d <= "2024-06-30" for d in dates)
        chat, _, box = client.predict("Which papers prune models?", "extractive", 5, "soon", "", [], [],
                                      api_name="/chat")
        assert box == "Which papers prune models?"  # a bad date keeps the question in the box (and warns)


def test_search_and_get_paper_endpoints_serve_gradio_clients_as_the_readme_shows(extractive_app):
    client = _client(extractive_app.url)
    hits = json.loads(client.predict("mixture of experts upcycling", 3, "", "", "", "", api_name="/search_papers"))
    assert len(hits) == 3 and hits[0]["title"] == "Upcycling Large Language Models into Mixture of Experts"
    paper = json.loads(client.predict(hits[0]["paper_id"], api_name="/get_paper"))
    assert paper["title"] == hits[0]["title"] and len(paper["abstract"]) > len(hits[0]["passage"]) / 2


_STUB_READS = (
    "import sys\n"
    "stubs = []\n"
    "sys.addaudithook(lambda event, args: stubs.append(str(args[0]))"
    " if event == 'open' and str(args[0]).endswith('.pyi') else None)\n"
    "{imports}\n"
    "import gradio\n"
    "print(len(stubs), len(gradio.Blocks.__subclasses__()) > 0)\n"
)


@pytest.mark.heavy
@pytest.mark.parametrize("imports, reads_stubs", [("import gradio", True), ("import assistant.faces.ui", False)])
def test_the_app_imports_gradio_without_rederiving_its_type_stubs(imports, reads_stubs):
    """Gradio compares each component's shipped ``.pyi`` with one it re-derives from the source on every
    import, a third of its import time; the faces import it without that (the plain import is the
    control, so the check fails when a gradio release moves the work)."""
    result = subprocess.run([sys.executable, "-c", _STUB_READS.format(imports=imports)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    stub_reads, has_blocks = result.stdout.split()
    assert (int(stub_reads) > 0) is reads_stubs and has_blocks == "True"
