"""Start-up: the collector paused while a program imports, the model and the store loaded on threads."""

import gc
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant import Settings, SettingsError, StoreError
from assistant.index import encoder
from assistant.faces import startup
from assistant.index.embedding import make_embedding
from assistant.faces.cli import main
from assistant.settings import LOCAL_EMBED_MODEL
from tests.app_server import free_port
from tests.conftest import FIXTURES, MINI_FEED, PROJECT

_ONE_SHOT = """
import atexit, gc, json, sys
full = []
gc.callbacks.append(lambda phase, info: phase == "start" and info["generation"] == 2 and full.append(1))
atexit.register(lambda: print(json.dumps({"full": len(full), "frozen": gc.get_freeze_count()}), file=sys.stderr))
sys.argv = ["assistant", *sys.argv[1:]]
from assistant.faces.cli import run
run()
"""


def _hash_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_CORPUS_DIR=str(FIXTURES),
               ASSISTANT_VECTORSTORE_DIR=str(tmp_path / "vs"), ASSISTANT_MIN_SUPPORT="0.15")
    return env


@pytest.mark.heavy
def test_a_one_shot_ask_walks_no_full_collection_and_exits_with_start_up_frozen(tmp_path):
    env = _hash_env(tmp_path)
    ingest = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(MINI_FEED), "--quiet"], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert ingest.returncode == 0, ingest.stderr
    done = subprocess.run([sys.executable, "-c", _ONE_SHOT, "ask", "Muon optimizer scalability for LLM training"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "[1] Muon is Scalable for LLM Training" in done.stdout
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    # Importing llama-index and chromadb with the collector on walks the whole heap several times over.
    assert figures["full"] == 0, figures
    assert figures["frozen"] > 100_000, figures  # start-up's objects, out of every later collection's way


def test_main_called_in_process_leaves_the_collector_as_it_found_it(tmp_path, monkeypatch, capsys):
    for name, value in _hash_env(tmp_path).items():
        if name.startswith("ASSISTANT_"):
            monkeypatch.setenv(name, value)
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    assert main(["ask", "Muon optimizer scalability for LLM training", "--json"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        assert main(["ask", "   "]) == 1
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert "Please type a question" in capsys.readouterr().err


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


@pytest.mark.heavy
def test_the_encoder_loading_in_the_background_is_the_one_the_embedding_uses(model_cache, monkeypatch):
    made = []
    real = encoder.Encoder

    class Counted(real):
        def __init__(self, *args):
            made.append(threading.current_thread().name)
            super().__init__(*args)

    monkeypatch.setattr(encoder, "Encoder", Counted)
    monkeypatch.setattr(encoder, "_loading", {})
    assert encoder.load(LOCAL_EMBED_MODEL, model_cache, wait=False) is None
    got: list = []
    askers = [threading.Thread(target=lambda: got.append(encoder.load(LOCAL_EMBED_MODEL, model_cache)))
              for _ in range(4)]
    for thread in askers:
        thread.start()
    embedding = make_embedding(Settings(model_cache_dir=model_cache))
    for thread in askers:
        thread.join()
    assert made == ["load-encoder"]  # one session, built on the background thread
    assert all(e is embedding._encoder for e in got)
    vector = embedding.get_query_embedding("mixture of experts")
    assert len(vector) == 384 and abs(sum(v * v for v in vector) - 1) < 1e-4


def test_a_failed_encoder_load_is_forgotten_and_the_next_one_tries_again(tmp_path, monkeypatch):
    monkeypatch.setattr(encoder, "_loading", {})
    cache = tmp_path / "cache"
    cache.write_text("a file where the model cache folder should be")
    with pytest.raises(OSError):
        encoder.load(LOCAL_EMBED_MODEL, cache)
    cache.unlink()
    assert encoder.load(LOCAL_EMBED_MODEL, cache).encode(["a sentence"])[0]


def test_a_missing_embedding_model_stops_the_app_before_it_serves(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL=str(tmp_path / "no-such-model"), ASSISTANT_PORT=str(free_port()),
               ASSISTANT_VECTORSTORE_DIR=str(tmp_path / "vs"))
    done = subprocess.run([sys.executable, str(PROJECT / "app.py")], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert f"error: embedding model '{tmp_path / 'no-such-model'}' is neither" in done.stderr
    assert "Traceback" not in done.stderr and "Running on" not in done.stdout


def test_a_store_opened_in_the_background_raises_its_error_where_it_is_awaited():
    port = free_port()
    opening = startup.open_store(Settings(chroma_host="127.0.0.1", chroma_port=port, embed_model="hash"))
    with pytest.raises(StoreError, match=rf"http://127\.0\.0\.1:{port}"):
        opening.result(timeout=60)


def test_preloading_a_model_that_is_not_there_is_a_settings_error(tmp_path):
    with pytest.raises(SettingsError, match="neither the bundled"):
        startup.preload_encoder(Settings(embed_model=str(tmp_path / "missing")))
