"""Start-up: a one-shot `assistant ask`, the chat app until it serves its page and answers, ask() latency.

    .venv/bin/python benchmarks/startup.py [--baseline fac1bc7]

Uses a store built here on first use (then reused), so it times a later start, not the first one
that embeds the corpus. With ``--baseline REF`` the same figures are taken, in the same run, for the
code at REF (a git worktree on this virtual environment; a package REF needs that this one dropped is
installed beside it, never into the venv), and each figure is printed with its ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from _util import ROOT, free_port, machine, pct, wait_http

QUESTION = "How many questions does the AstroMLab-1 benchmark comprise?"
CACHE = Path("/tmp/assistant-bench")


def figures(code: Path, env: dict[str, str]) -> dict[str, float]:
    run_env = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))}
    # As on a user's machine, the package's bytecode is written by its first run (the ingest below) and
    # reused: a shell that sets PYTHONDONTWRITEBYTECODE would make every timed run compile it anew.
    run_env.pop("PYTHONDONTWRITEBYTECODE", None)
    # `python -m assistant` since the faces moved into a subpackage; older trees had assistant/cli.py
    module = "assistant" if (code / "assistant" / "__main__.py").exists() else "assistant.cli"
    cli = [sys.executable, "-m", module]
    subprocess.run([*cli, "ingest", "--quiet"], check=True, cwd=code, env=run_env, capture_output=True)
    out: dict[str, float] = {}
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([*cli, "ask", QUESTION], check=True, cwd=code, env=run_env, capture_output=True)
        runs.append(time.perf_counter() - t)
    out["one-shot `assistant ask` (s, median of 3)"] = sorted(runs)[1]

    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import chromadb"], check=True, env=run_env)
    out["`import chromadb` alone (s)"] = time.perf_counter() - t

    from gradio_client import Client

    port = free_port()
    t = time.perf_counter()
    app = subprocess.Popen([sys.executable, str(code / "app.py")], cwd=code, env={**run_env, "ASSISTANT_PORT": str(port)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        out["app: page served after launch (s)"] = wait_http(url, 120, app)
        Client(url, verbose=False).predict(QUESTION, "auto", 5, api_name="/ask")
        out["app: first answer after launch (s)"] = time.perf_counter() - t
    finally:
        app.terminate()
        app.wait(timeout=30)

    script = ("import json, time\nfrom assistant import Assistant\nfrom assistant.evalset import load_questions\n"
              "a = Assistant(); a.warm_up(); t = []\n"
              f"qs = [q.question for q in load_questions({str(ROOT / 'evals' / 'handwritten.jsonl')!r})]\n"
              "for q in qs:\n    s = time.perf_counter(); a.ask(q, mode='extractive'); t.append(time.perf_counter() - s)\n"
              "print(json.dumps(t))\n")
    result = subprocess.run([sys.executable, "-c", script], check=True, cwd=code, env=run_env, capture_output=True,
                            text=True)
    times = json.loads(result.stdout.strip().splitlines()[-1])
    out["ask() p50, warm process (ms)"] = pct(times, 50) * 1000
    out["ask() p95, warm process (ms)"] = pct(times, 95) * 1000
    return out


def baseline_tree(ref: str) -> tuple[Path, dict[str, str]]:
    tree = CACHE / f"code-{ref}"
    if not tree.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), ref], check=True, cwd=ROOT, capture_output=True)
    extra = CACHE / "baseline-packages"
    if not extra.exists():  # the torch-based embedding wrapper this project no longer depends on
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(extra),
                        "llama-index-embeddings-huggingface==0.8.0"], check=True)
    return tree, {"PYTHONPATH": str(extra), "ASSISTANT_VECTORSTORE_DIR": str(CACHE / "store-baseline")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", help="a git ref to measure beside the working tree")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    now = figures(ROOT, {"ASSISTANT_VECTORSTORE_DIR": str(CACHE / "store")})
    before = figures(*baseline_tree(args.baseline)) if args.baseline else {}
    print(f"| figure | this code |{f' {args.baseline} | ratio |' if before else ''}")
    print(f"|---|---:|{'---:|---:|' if before else ''}")
    for name, value in now.items():
        row = f"| {name} | {value:.2f} |"
        if before:
            row += f" {before[name]:.2f} | {value / before[name]:.2f} |"
        print(row)


if __name__ == "__main__":
    main()
