"""The app's answering process: the same answers as the Assistant in-process, its errors with their
types, and no process left behind whatever ends first."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

import assistant.errors as errors
from assistant import Assistant
from assistant.errors import AssistantError, PaperNotFound, QuestionError, StoreError
from assistant.faces import answering
from assistant.faces.ui import ChatApp
from assistant.models import Answer, Delta
from assistant.settings import Settings
from tests.app_server import free_port
from tests.conftest import FIXTURES, HASH_SUPPORT, MINI_FEED, PROJECT
from tests.fake_llm import Reply

QUESTIONS = ["How does upcycling turn dense models into mixture of experts?", "How do I bake sourdough bread?"]


@pytest.fixture(scope="module")
def store_settings(tmp_path_factory) -> Settings:
    settings = Settings(vectorstore_dir=tmp_path_factory.mktemp("answering") / "vectorstore", corpus_dir=FIXTURES,
                        embed_model="hash", min_support=HASH_SUPPORT)
    Assistant(settings).ingest([MINI_FEED], progress=False)
    return settings


@pytest.fixture(scope="module")
def remote(store_settings):
    process = answering.start("spawn")  # pytest runs threads: the app's fork is tested through app.py
    process.open(store_settings)
    yield process
    process.shutdown()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state  # a zombie has ended; only its parent has not read its status yet


@pytest.mark.heavy
def test_the_answering_process_gives_the_assistants_own_answers(remote, store_settings):
    local = Assistant(store_settings)
    for question in QUESTIONS:
        there = remote.ask(question, mode="extractive")
        here = local.ask(question, mode="extractive")
        assert (there.text, there.sources, there.abstained) == (here.text, here.sources, here.abstained)
        assert there.abstained == (question == QUESTIONS[1])
    events = list(remote.stream(QUESTIONS[0], mode="extractive", top_k=3))
    assert isinstance(events[-1], Answer) and all(isinstance(e, Delta) for e in events[:-1])
    assert events[-1].sources == local.ask(QUESTIONS[0], mode="extractive", top_k=3).sources
    found = remote.search("speculative decoding", k=2)
    assert [s.paper_id for s in found] == [s.paper_id for s in local.search("speculative decoding", k=2)]
    assert remote.paper(found[0].paper_id) == local.paper(found[0].paper_id)
    assert remote.overview()["papers"] == local.store.stats()["papers"] == 8
    assert remote.progress() == answering.Progress()


@pytest.mark.heavy
def test_an_llm_answer_streams_from_the_answering_process_and_a_reader_may_stop_early(llm_assistant, fake_llm):
    fake_llm.reply = lambda request: Reply(text="Upcycling starts from a dense checkpoint [1]. Experts are copies [1].",
                                           delay=0.01)
    process = answering.start("spawn")
    try:
        process.open(llm_assistant.settings)
        assert "fake-model" in process.overview()["llm"]
        events = list(process.stream(QUESTIONS[0]))
        deltas, answer = events[:-1], events[-1]
        assert len(deltas) > 3 and all(isinstance(e, Delta) for e in deltas)
        assert answer.mode == "llm" and answer.sources and "dense checkpoint" in "".join(d.text for d in deltas)
        stream = process.stream(QUESTIONS[0])
        assert isinstance(next(stream), Delta)
        stream.close()  # the user left mid-answer: the answer there ends too
        assert process.ask(QUESTIONS[0]).mode == "llm"
    finally:
        process.shutdown()


def test_an_error_raised_in_the_answering_process_is_raised_here_with_its_type(remote):
    with pytest.raises(QuestionError, match="Please type a question"):
        remote.ask("   ")
    with pytest.raises(QuestionError, match="Please type a question"):
        list(remote.stream(""))
    with pytest.raises(PaperNotFound, match="No paper with id 'nope'"):
        remote.paper("nope")
    assert remote.ask(QUESTIONS[0], mode="extractive").sources  # and it goes on answering


@pytest.mark.parametrize("name", errors.__all__)
def test_every_error_of_the_tree_crosses_between_processes(name):
    cls = getattr(errors, name)
    error = cls("corpus.txt", 7, "no abstract") if issubclass(cls, errors.CorpusError) else cls("a sentence")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls and str(back) == str(error)


def test_a_store_that_cannot_be_opened_is_its_error_and_the_process_ends(tmp_path):
    port = free_port()
    before = set(multiprocessing.active_children())
    process = answering.start("spawn")
    worker = set(multiprocessing.active_children()) - before
    with pytest.raises(StoreError, match=rf"http://127\.0\.0\.1:{port}"):
        process.opening(Settings(chroma_host="127.0.0.1", chroma_port=port, embed_model="hash")).result(timeout=120)
    deadline = time.monotonic() + 10
    while any(_alive(p.pid) for p in worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p.pid) for p in worker)


def test_a_stopped_answering_process_is_a_sentence_in_the_chat_not_a_traceback(store_settings):
    before = set(multiprocessing.active_children())
    process = answering.start("spawn")
    (worker,) = set(multiprocessing.active_children()) - before
    process.open(store_settings)
    opened: Future = Future()
    opened.set_result(process)
    app = ChatApp(settings=store_settings, opening=opened)
    app.start_indexing().join(timeout=60)
    assert "8 papers" in app.status()
    worker.kill()
    worker.join(timeout=10)
    with pytest.raises(AssistantError, match="answering process has stopped"):
        process.ask(QUESTIONS[0])
    *_, (chat, _, _, box, _) = app.chat(QUESTIONS[0], "extractive", 3)
    assert "answering process has stopped" in chat[-1]["content"] and box == QUESTIONS[0]
    assert "**Cannot answer:** The answering process has stopped" in app.status()


def test_no_question_slips_through_before_the_answering_side_has_begun_its_first_ingest(settings):
    """The page lets questions through once the answering side is open; if that came before the side
    had begun ingesting, a question found an empty store and no ingest running, and was declined."""
    import threading

    class SlowToBegin(answering.Answering):
        release = threading.Event()

        def begin(self) -> bool:
            time.sleep(0.3)  # an answering process on a busy machine
            return super().begin()

        def _first_ingest(self) -> None:
            self.release.wait(30)
            super()._first_ingest()

    side = SlowToBegin(Assistant(settings))
    opened: Future = Future()
    opened.set_result(side)
    app = ChatApp(settings=settings, opening=opened)
    loading = app.start_indexing()
    assert app._loaded.wait(10)
    with pytest.raises(QuestionError, match="still being indexed"):
        app._check_ready()
    side.release.set()
    loading.join(timeout=60)
    app._check_ready()
    assert not side.progress().running


def test_a_question_asked_while_the_answering_side_is_still_opening_waits_and_is_refused_during_the_ingest(settings):
    """Asked before the answering side is open (the first moments of the app), a question used to pass the
    check, since no ingest was marked yet, and was answered from the empty store: declined."""
    import threading

    class SlowToOpen(answering.Answering):
        release = threading.Event()

        def _first_ingest(self) -> None:
            self.release.wait(30)
            super()._first_ingest()

    side = SlowToOpen(Assistant(settings))
    opened: Future = Future()
    app = ChatApp(settings=settings, opening=opened)
    loading = app.start_indexing()  # waits for the opening
    refused: list[BaseException] = []

    def ask() -> None:
        try:
            app._check_ready()
        except QuestionError as exc:
            refused.append(exc)

    asking = threading.Thread(target=ask)
    asking.start()
    time.sleep(0.3)  # the question arrives while the answering process is still opening
    opened.set_result(side)
    asking.join(timeout=30)
    assert refused and "still being indexed" in str(refused[0])
    side.release.set()
    loading.join(timeout=60)
    app._check_ready()


def test_the_answering_process_ends_when_the_app_is_killed(tmp_path):
    """A `kill -9` of the app leaves no process holding the store (this is also the fork path)."""
    script = textwrap.dedent("""
        import multiprocessing, sys, time
        from assistant.faces import answering
        process = answering.start()
        print(multiprocessing.active_children()[0].pid, flush=True)
        time.sleep(120)
    """)
    app = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    try:
        worker = int(app.stdout.readline())
        assert _alive(worker)
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _maps_chroma(pid: int) -> bool:
    return "chromadb_rust_bindings" in Path(f"/proc/{pid}/maps").read_text()


@pytest.mark.heavy
def test_app_serves_the_page_from_one_process_and_answers_from_another_and_kill_ends_both(tmp_path):
    """On a fresh machine: the answering process ingests the corpus, then answers; `kill` ends both."""
    from gradio_client import Client

    from tests.app_server import wait_for_http

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_PORT=str(port), ASSISTANT_EMBED_MODEL="hash", ASSISTANT_MIN_SUPPORT=str(HASH_SUPPORT),
               ASSISTANT_VECTORSTORE_DIR=str(tmp_path / "vectorstore"), ASSISTANT_CORPUS_DIR=str(FIXTURES))
    app = subprocess.Popen([sys.executable, str(PROJECT / "app.py")], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", app)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        deadline = time.monotonic() + 120
        while True:  # questions are refused, with a sentence, until the first ingest is done
            try:
                answer = json.loads(client.predict(QUESTIONS[0], "extractive", 3, api_name="/ask"))
                break
            except Exception as exc:
                assert "still being indexed" in str(exc) and time.monotonic() < deadline
                time.sleep(0.5)
        assert answer["sources"] and not answer["abstained"]
        (worker,) = _children(app.pid)
        assert _maps_chroma(worker) and not _maps_chroma(app.pid)  # the page's process holds no index
    finally:
        app.terminate()
        out, _ = app.communicate(timeout=30)
    assert app.returncode == 0, out  # `kill` is a clean stop, as Ctrl-C is
    assert "Traceback" not in out and "8 papers" in out  # the ingest's summary, printed by the other process
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)
