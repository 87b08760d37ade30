"""Start-up times: the chat app until it serves its page and answers, and a one-shot `assistant ask`.

    .venv/bin/python benchmarks/startup.py

Uses the store in vectorstore/ (built by `make run`, or here on first use), so it times a later
start, not the first one that embeds the corpus.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from _util import ROOT, free_port, machine, wait_http

QUESTION = "How many questions does the AstroMLab-1 benchmark comprise?"


def main() -> None:
    print(f"machine: {machine()}")
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "assistant"), "ingest", "--quiet"], check=True, cwd=ROOT)

    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([str(bin_dir / "assistant"), "ask", QUESTION], check=True, cwd=ROOT, capture_output=True)
        runs.append(time.perf_counter() - t)
    print(f"one-shot `assistant ask` wall time: {min(runs):.2f} s best, {max(runs):.2f} s worst of 3")

    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import assistant.assistant, assistant.retrieve"], check=True, cwd=ROOT)
    print(f"importing the package (llama-index, chromadb, torch...): {time.perf_counter() - t:.2f} s")

    from gradio_client import Client

    port = free_port()
    env = {**os.environ, "ASSISTANT_PORT": str(port)}
    t = time.perf_counter()
    app = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        page = wait_http(url, 120, app)
        Client(url, verbose=False).predict(QUESTION, "auto", 5, api_name="/ask")
        answered = time.perf_counter() - t
        print(f"app: page served {page:.2f} s after launch; first answer {answered:.2f} s after launch")
    finally:
        app.terminate()
        app.wait(timeout=30)


if __name__ == "__main__":
    main()
