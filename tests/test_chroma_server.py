"""Server mode: a real `chroma run` on a loopback port, with ingest, ask() and the app against it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
from gradio_client import Client

from assistant.index import keywords

from assistant import Assistant, Settings, StoreError
from assistant.api import ask
from tests.app_server import free_port, running_app, wait_for_http
from tests.conftest import FIXTURES, HASH_SUPPORT, MINI_FEED

QUESTION = "What is the virtual group initialization for upcycling mixture of experts?"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    chroma = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", process, timeout=60)
    yield port
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def server_settings(chroma_server, tmp_path, request):
    return Settings(chroma_host="127.0.0.1", chroma_port=chroma_server, embed_model="hash", min_support=HASH_SUPPORT,
                    corpus_dir=FIXTURES, vectorstore_dir=tmp_path / "unused",
                    collection_prefix=f"t{abs(hash(request.node.name)) % 10**8}")  # a collection per test


def test_ingest_is_idempotent_against_the_server(server_settings, tmp_path):
    assistant = Assistant(server_settings)
    assert assistant.ingest([MINI_FEED], progress=False).added == 8
    assert assistant.ingest([MINI_FEED], progress=False).chunks_written == 0
    assert assistant.store.location.startswith("http://127.0.0.1:")
    # nothing written locally but this host's copy of the keyword index, keyed by server and version
    local = tmp_path / "unused"
    assert [p.name for p in local.iterdir()] == ["keywords"]
    (cache,) = (local / "keywords").iterdir()
    assert cache.name.endswith(f"@127.0.0.1-{server_settings.chroma_port}")


def test_ask_answers_from_the_server_store(server_settings):
    answer = ask(QUESTION, **server_settings.model_dump(exclude={"llm_api_key"}))
    assert answer.sources[0].title == "Upcycling Large Language Models into Mixture of Experts"
    assert "[1]" in answer.text


def test_two_clients_of_one_server_see_each_others_papers(server_settings, tmp_path):
    reader, writer = Assistant(server_settings), Assistant(server_settings)
    reader.ingest([MINI_FEED], progress=False)
    reader.retriever.retrieve(QUESTION)
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"title": "Markup Quarantine for Scripts", "abstract": "Hostile markup quarantine keeps scripts inert."}\n')
    writer.ingest([extra], progress=False)
    assert reader.retriever.retrieve("hostile markup quarantine scripts").papers[0].title == "Markup Quarantine for Scripts"


def test_the_app_runs_against_the_server(server_settings):
    assistant = Assistant(server_settings)
    assistant.ingest([MINI_FEED], progress=False)
    with running_app(assistant) as running:
        result = json.loads(Client(running.url, verbose=False).predict(QUESTION, "auto", 3, api_name="/ask"))
        assert result["sources"][0]["title"] == "Upcycling Large Language Models into Mixture of Experts"
        assert "8 papers" in running.app.status()


def test_an_unreachable_server_is_a_store_error_naming_it():
    with pytest.raises(StoreError, match=r"http://127\.0\.0\.1:\d+"):
        Assistant(Settings(chroma_host="127.0.0.1", chroma_port=free_port(), embed_model="hash"))


def test_a_one_shot_ask_against_a_server_that_does_not_answer_is_a_message_naming_it(tmp_path):
    """The CLI opens the store on a thread while it imports; the error still reaches the user whole."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_CHROMA_HOST="127.0.0.1", ASSISTANT_CHROMA_PORT=str(port))
    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "What does Muon do?"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"error: cannot open the Chroma store at http://127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.heavy
def test_the_app_stops_with_a_message_when_its_server_does_not_answer(tmp_path):
    """The page is served before the store is opened; a store that cannot be opened still stops the app."""
    project = Path(__file__).resolve().parent.parent
    port, app_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_CHROMA_HOST="127.0.0.1", ASSISTANT_CHROMA_PORT=str(port),
               ASSISTANT_PORT=str(app_port), ASSISTANT_VECTORSTORE_DIR=str(tmp_path / "vs"))
    done = subprocess.run([sys.executable, str(project / "app.py")], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert f"error: cannot open the Chroma store at http://127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.heavy
def test_two_app_processes_answer_a_paper_another_process_ingested(server_settings, tmp_path):
    """Two `python app.py` hosts and a CLI ingest share one Chroma server; no restart."""
    Assistant(server_settings).ingest([MINI_FEED], progress=False)
    base = {**os.environ, "ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(server_settings.chroma_port),
            "ASSISTANT_EMBED_MODEL": "hash", "ASSISTANT_MIN_SUPPORT": str(HASH_SUPPORT), "ASSISTANT_CORPUS_DIR": str(FIXTURES),
            "ASSISTANT_COLLECTION_PREFIX": server_settings.collection_prefix}
    project = Path(__file__).resolve().parent.parent
    urls = []
    with ExitStack() as stack:
        for n in range(2):
            port = free_port()
            env = {**base, "ASSISTANT_PORT": str(port), "ASSISTANT_VECTORSTORE_DIR": str(tmp_path / f"host{n}")}
            app = subprocess.Popen([sys.executable, str(project / "app.py")], env=env, cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            stack.callback(lambda p=app: (p.terminate(), p.wait(timeout=30)))
            wait_for_http(f"http://127.0.0.1:{port}/", app, timeout=120)
            urls.append(f"http://127.0.0.1:{port}/")
        clients = [Client(url, verbose=False) for url in urls]
        for client in clients:  # each host has answered once before the new paper exists
            assert json.loads(client.predict(QUESTION, "auto", 3, api_name="/ask"))["sources"]
        extra = tmp_path / "extra.jsonl"
        extra.write_text('{"title": "Quokka Kernels for Sparse Decoding", '
                         '"abstract": "Quokka kernels make sparse decoding of zebrafish models fast."}\n')
        ingest = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(extra), "--quiet"],
                                env={**base, "ASSISTANT_VECTORSTORE_DIR": str(tmp_path / "ingester")},
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert ingest.returncode == 0, ingest.stderr
        for client in clients:
            answer = json.loads(client.predict("quokka kernels zebrafish sparse decoding", "auto", 3, api_name="/ask"))
            assert answer["sources"][0]["title"] == "Quokka Kernels for Sparse Decoding"
        # each host builds its own keyword index for the new version in the background
        def versions(n: int) -> list[str]:
            return [p.name for p in (tmp_path / f"host{n}" / "keywords").glob("*/v*") if keywords.VERSION_FOLDER.match(p.name)]

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(len(versions(n)) >= 2 for n in range(2)):
            time.sleep(0.5)
        assert all(len(versions(n)) >= 2 for n in range(2))


def test_a_failed_background_keyword_build_is_retried_and_dense_search_answers_meanwhile(server_settings, tmp_path,
                                                                                         monkeypatch):
    from assistant.index import keywords

    Assistant(server_settings).ingest([MINI_FEED], progress=False)
    real_build, calls = keywords.build, []

    def flaky(*args):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("server went away for a moment")
        return real_build(*args)

    monkeypatch.setattr(keywords, "build", flaky)
    host = Assistant(server_settings.with_overrides(vectorstore_dir=tmp_path / "another-host"))
    assert host.retriever.retrieve(QUESTION).papers  # dense only, while the index is (not) being built
    host.retriever._builder.join(timeout=30)
    assert "building" in host.retriever.keyword_status
    deadline = time.monotonic() + 30
    while host.retriever.keyword_status and time.monotonic() < deadline:
        host.retriever.retrieve(QUESTION)  # the next questions retry the build, then open the index
        time.sleep(0.2)
    assert host.retriever.keyword_status == "" and len(calls) == 2
    assert host.retriever.retrieve("Muon optimizer", kind="bm25").papers[0].title == "Muon is Scalable for LLM Training"


@pytest.mark.heavy
def test_a_token_reaches_a_chroma_server_that_requires_one_and_a_wrong_one_stops_with_a_sentence(
        chroma_server, tmp_path):
    """Chroma 1.x's own server has no sign-in (chroma-core/chroma#4965): a lab puts a proxy that
    checks a bearer token in front of it, as here."""
    from tests.token_proxy import TokenProxy

    proxy = TokenProxy(chroma_server, "lab-token-17")
    try:
        settings = Settings(chroma_host="127.0.0.1", chroma_port=proxy.port, chroma_token="lab-token-17",
                            embed_model="hash", min_support=HASH_SUPPORT, corpus_dir=FIXTURES,
                            vectorstore_dir=tmp_path / "unused", collection_prefix="tokened")
        assert Assistant(settings).ingest([MINI_FEED], progress=False).added == 8
        assert ask(QUESTION, **settings.model_dump()).sources[0].title.startswith("Upcycling")
        assert set(proxy.seen) == {"Bearer lab-token-17"}
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env.update(ASSISTANT_CHROMA_HOST="127.0.0.1", ASSISTANT_CHROMA_PORT=str(proxy.port),
                   ASSISTANT_EMBED_MODEL="hash", ASSISTANT_PORT=str(free_port()))
        where = f"http://127.0.0.1:{proxy.port}"
        for token, why in [("wrong", "refused the token in ASSISTANT_CHROMA_TOKEN"),
                           (None, "requires a token and none was sent (set ASSISTANT_CHROMA_TOKEN)")]:
            run_env = {**env, **({"ASSISTANT_CHROMA_TOKEN": token} if token else {})}
            for command in ([sys.executable, "-m", "assistant", "status"], [sys.executable, "app.py"]):
                done = subprocess.run(command, cwd=Path(__file__).parent.parent, env=run_env, capture_output=True,
                                      text=True, timeout=120)
                assert done.returncode == 1, command
                assert done.stderr.strip().splitlines()[-1] == f"error: the Chroma server at {where} {why}", command
                assert "Traceback" not in done.stderr + done.stdout
    finally:
        proxy.stop()


def test_sentence_vectors_are_filled_in_behind_on_a_server_as_on_disk(server_settings):
    from assistant.index import backfill

    assistant = Assistant(server_settings)
    assistant.ingest([MINI_FEED], progress=False, sentences_now=False)
    before = assistant.ask(QUESTION, mode="extractive")
    assert backfill.count(assistant.store) == 8
    assert assistant.fill_sentences() == 8 and backfill.count(assistant.store) == 0  # the server cleared the marks
    after = assistant.ask(QUESTION, mode="extractive")
    assert (after.text, after.sources) == (before.text, before.sources)
