"""Start-up: a one-shot `assistant ask`, the chat app until it serves its page and answers, ask() latency.

    .venv/bin/python benchmarks/startup.py [--baseline fac1bc7] [--rounds 3]

Uses a store built here on first use (then reused), so it times a later start, not the first one
that embeds the corpus. With ``--baseline REF`` the same figures are taken, in the same run, for the
code at REF (a git worktree on this virtual environment; a package REF needs that this one dropped is
installed beside it, never into the venv), the two take turns in every round, and each figure is
printed as a median with its ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _util import ROOT, free_port, machine, pct, wait_http

QUESTION = "How many questions does the AstroMLab-1 benchmark comprise?"
CACHE = Path("/tmp/assistant-bench")


class Tree:
    """One checkout to time: its code, its own store, and the environment its commands run in."""

    def __init__(self, code: Path, env: dict[str, str]) -> None:
        self.code = code
        self.env = {**os.environ, **env,
                    "PYTHONPATH": os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))}
        # As on a user's machine, the package's bytecode is written by its first run (the ingest below)
        # and reused: a shell that sets PYTHONDONTWRITEBYTECODE would make every timed run compile it anew.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        # `python -m assistant` since the faces moved into a subpackage; older trees had assistant/cli.py
        module = "assistant" if (code / "assistant" / "__main__.py").exists() else "assistant.cli"
        self.cli = [sys.executable, "-m", module]
        subprocess.run([*self.cli, "ingest", "--quiet"], check=True, cwd=code, env=self.env, capture_output=True)

    def one_shot(self) -> float:
        t = time.perf_counter()
        subprocess.run([*self.cli, "ask", QUESTION], check=True, cwd=self.code, env=self.env, capture_output=True)
        return time.perf_counter() - t

    def import_chromadb(self) -> float:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import chromadb"], check=True, env=self.env)
        return time.perf_counter() - t

    def app(self) -> tuple[float, float]:
        """Seconds from launching ``app.py`` to its page being served, and to its first answer."""
        from gradio_client import Client

        port = free_port()
        t = time.perf_counter()
        app = subprocess.Popen([sys.executable, str(self.code / "app.py")], cwd=self.code,
                               env={**self.env, "ASSISTANT_PORT": str(port)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/"
            page = wait_http(url, 120, app)
            Client(url, verbose=False).predict(QUESTION, "auto", 5, api_name="/ask")
            return page, time.perf_counter() - t
        finally:
            app.terminate()
            app.wait(timeout=30)

    def ask_latency(self) -> list[float]:
        script = ("import json, time\nfrom assistant import Assistant\nfrom assistant.eval.sets import load_questions\n"
                  "a = Assistant(); a.warm_up(); t = []\n"
                  f"qs = [q.question for q in load_questions({str(ROOT / 'evals' / 'handwritten.jsonl')!r})]\n"
                  "for q in qs:\n    s = time.perf_counter(); a.ask(q, mode='extractive'); t.append(time.perf_counter() - s)\n"
                  "print(json.dumps(t))\n")
        result = subprocess.run([sys.executable, "-c", script], check=True, cwd=self.code, env=self.env,
                                capture_output=True, text=True)
        return json.loads(result.stdout.strip().splitlines()[-1])


def figures(trees: list[Tree], rounds: int) -> list[dict[str, float]]:
    """The trees take turns within every round, so a machine that speeds up or slows down mid-run
    (a shared one does, by 2x) moves both columns alike; each figure is a median over the rounds."""
    runs: list[dict[str, list[float]]] = [{} for _ in trees]
    for _ in range(rounds):
        for tree, run in zip(trees, runs):
            chromadb = tree.import_chromadb()
            one_shot = tree.one_shot()
            page, first = tree.app()
            for name, value in [("`import chromadb` alone (s)", chromadb), ("one-shot `assistant ask` (s)", one_shot),
                                ("app: page served after launch (s)", page),
                                ("app: first answer after launch (s)", first),
                                ("one-shot / `import chromadb` (same round)", one_shot / chromadb),
                                ("page / `import chromadb` (same round)", page / chromadb)]:
                run.setdefault(name, []).append(value)
    out = [{name: statistics.median(values) for name, values in run.items()} for run in runs]
    for tree, figure in zip(trees, out):
        times = tree.ask_latency()
        figure["ask() p50, warm process (ms)"] = pct(times, 50) * 1000
        figure["ask() p95, warm process (ms)"] = pct(times, 95) * 1000
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
    parser.add_argument("--rounds", type=int, default=3, help="launches of each kind per tree (medians)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    trees = [Tree(ROOT, {"ASSISTANT_VECTORSTORE_DIR": str(CACHE / "store")})]
    if args.baseline:
        trees.append(Tree(*baseline_tree(args.baseline)))
    now, *before = figures(trees, args.rounds)
    print(f"medians of {args.rounds} rounds")
    print(f"| figure | this code |{f' {args.baseline} | ratio |' if before else ''}")
    print(f"|---|---:|{'---:|---:|' if before else ''}")
    for name, value in now.items():
        row = f"| {name} | {value:.2f} |"
        if before:
            row += f" {before[0][name]:.2f} | {value / before[0][name]:.2f} |"
        print(row)


if __name__ == "__main__":
    main()
