"""A new user's first start: `python app.py` on an empty store, to its page, its first answer, and the
corpus fully embedded.

    .venv/bin/python benchmarks/first_start.py [--baseline a36575c] [--rounds 1]

Each launch gets an empty store of its own (the bundled corpus, the real embedding model) and is
asked one question through the app's `/ask` API as soon as it prints that its papers are searchable
(questions asked before are refused); the first answer is when that answer arrives. With ``--baseline REF`` the code at REF (a git
worktree, as in ``startup.py``) is launched the same way and the two take turns in each round.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _util import ROOT, free_port, machine, wait_http
from startup import QUESTION, baseline_tree

SEARCHABLE = "embedded in"  # the ingest's summary, printed once the papers are searchable
FILLED = "sentences of"  # the line the answering process prints once the sentence vectors are in


def launch(code: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to the page, to the first answer, and to the corpus fully embedded."""
    from gradio_client import Client

    store = Path(tempfile.mkdtemp(prefix="first-start-"))
    port = free_port()
    env = {**os.environ, **env, "ASSISTANT_VECTORSTORE_DIR": str(store / "vectorstore"), "ASSISTANT_PORT": str(port),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    app = subprocess.Popen([sys.executable, str(code / "app.py")], cwd=code, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: [lines.append((time.perf_counter() - started, line)) for line in app.stdout],
                              daemon=True)
    reader.start()
    try:
        url = f"http://127.0.0.1:{port}/"
        page = wait_http(url, 300, app)
        client = Client(url, verbose=False)
        # The question is asked once the app says its papers are searchable: asking every half second
        # instead took 17 s longer, the polling client's own work taking the cores from the ingest.
        deadline = time.monotonic() + 600
        while not any(SEARCHABLE in line for _, line in lines):
            if app.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app stopped:\n" + "".join(line for _, line in lines))
            time.sleep(0.2)
        client.predict(QUESTION, "auto", 5, api_name="/ask")
        first = time.perf_counter() - started
        complete = first  # a tree without the fill in behind has every vector once it answers
        if (code / "assistant" / "index" / "backfill.py").exists():
            deadline = time.monotonic() + 600
            while not any(FILLED in line for _, line in lines) and time.monotonic() < deadline:
                time.sleep(0.5)
            complete = next(t for t, line in lines if FILLED in line)
        return {"page served (s)": page, "first answer (s)": first, "every vector stored (s)": complete}
    finally:
        app.terminate()
        app.wait(timeout=30)
        shutil.rmtree(store, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", help="a git ref to launch beside the working tree")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    trees = [("this code", ROOT, {})]
    if args.baseline:
        code, env = baseline_tree(args.baseline)
        env.pop("ASSISTANT_VECTORSTORE_DIR", None)
        trees.append((args.baseline, code, env))
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in trees}
    for _ in range(args.rounds):
        for name, code, env in trees:
            results[name].append(launch(code, env))
            print(name, {k: round(v, 1) for k, v in results[name][-1].items()}, flush=True)
    print(f"| figure | {' | '.join(results)} |")
    print(f"|---|{'---:|' * len(results)}")
    for figure in next(iter(results.values()))[0]:
        cells = [", ".join(f"{run[figure]:.1f}" for run in runs) for runs in results.values()]
        print(f"| {figure} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
