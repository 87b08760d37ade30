"""Retrieval latency, ask() overhead without an LLM, and memory: bundled corpus and 100,000 chunks,
embedded Chroma and a Chroma server.

    .venv/bin/python benchmarks/retrieval.py [--chunks 100000]

The large store is synthetic: copies of the bundled papers under new titles, each chunk vector the
real one plus small noise (embedding 100,000 texts would take hours on two cores). Each (size,
backend) is measured in a fresh process: time to be ready (model load, BM25 build), retrieval and
extractive ask() latency over the hand-written questions, and resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _util import ROOT, chroma_server, machine, ms, pct, rss_mib


def build_bundled(path: Path) -> None:
    from assistant import Assistant, Settings

    repo_store = ROOT / "vectorstore"
    settings = Settings(vectorstore_dir=path)
    if (repo_store / "chroma.sqlite3").exists():
        shutil.copytree(repo_store, path, dirs_exist_ok=True)  # reuse what `make run` built
    Assistant(settings).ensure_corpus(progress=True)


def build_synthetic(source: Path, path: Path, target_chunks: int) -> None:
    from assistant import Settings
    from assistant.chunking import Chunker
    from assistant.corpus import load_papers
    from assistant.models import Paper
    from assistant.store import PaperStore, chunk_nodes

    settings = Settings(vectorstore_dir=source)
    real = PaperStore(settings)
    got = real.collection.get(include=["embeddings"])
    vectors = {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(got["ids"], got["embeddings"])}
    papers = load_papers([settings.corpus_dir]).papers
    chunker = Chunker(settings.chunk_tokens, settings.chunk_overlap)
    chunked = [(p, chunker.chunk(p)) for p in papers]
    store = PaperStore(Settings(vectorstore_dir=path))
    rng = np.random.default_rng(0)
    batch, written, copy = [], 0, 0
    started = time.perf_counter()
    while written < target_chunks:
        base, chunks = chunked[copy % len(chunked)]
        paper = Paper(title=f"{base.title} (synthetic copy {copy})", abstract=base.abstract, date=base.date)
        copy += 1
        for node, chunk in zip(chunk_nodes(paper, [type(c)(paper.paper_id, c.index, c.text) for c in chunks]), chunks):
            v = vectors[chunk.chunk_id] + rng.normal(0, 0.02, size=vectors[chunk.chunk_id].shape).astype(np.float32)
            node.embedding = (v / np.linalg.norm(v)).tolist()
            batch.append(node)
        if len(batch) >= 4000:
            store.add_nodes(batch)
            written += len(batch)
            batch = []
            print(f"\r  {written:,} synthetic chunks written", end="", flush=True)
    if batch:
        store.add_nodes(batch)
        written += len(batch)
    store.bump_version(papers=len(store.stored_papers()))
    print(f"\r  {written:,} synthetic chunks written in {time.perf_counter() - started:.0f} s")


def measure() -> dict:
    """In the child process: the settings come from the environment."""
    from assistant import Assistant
    from assistant.evalset import load_questions

    t = time.perf_counter()
    assistant = Assistant()
    assistant.warm_up()
    ready = time.perf_counter() - t
    questions = [q.question for q in load_questions(ROOT / "evals" / "handwritten.jsonl")]
    retrieval, asks = [], []
    for question in questions:
        t = time.perf_counter()
        assistant.retriever.retrieve(question)
        retrieval.append(time.perf_counter() - t)
    for question in questions:
        t = time.perf_counter()
        assistant.ask(question, mode="extractive")
        asks.append(time.perf_counter() - t)
    return {"chunks": assistant.store.count(), "ready_s": ready, "retrieval": retrieval, "ask": asks,
            "rss_mib": rss_mib()}


def child(env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child"], env={**os.environ, **env}, cwd=ROOT,
                         capture_output=True, text=True, check=False)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure()))
        return
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        bundled, large = Path(tmp) / "bundled", Path(tmp) / "large"
        build_bundled(bundled)
        build_synthetic(bundled, large, args.chunks)
        rows = []
        for label, path in (("bundled", bundled), (f"{args.chunks // 1000}k", large)):
            rows.append((label, "embedded", child({"ASSISTANT_VECTORSTORE_DIR": str(path)})))
            with chroma_server(path) as (host, port):
                rows.append((label, "server", child({"ASSISTANT_CHROMA_HOST": host, "ASSISTANT_CHROMA_PORT": str(port),
                                                     "ASSISTANT_VECTORSTORE_DIR": str(Path(tmp) / "unused")})))
        print("| store | backend | chunks | ready (s) | retrieval p50 / p95 (ms) | ask() p50 / p95 (ms) | RSS (MiB) |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for label, backend, r in rows:
            print(f"| {label} | {backend} | {r['chunks']:,} | {r['ready_s']:.1f} | "
                  f"{pct(r['retrieval'], 50) * 1000:.0f} / {pct(r['retrieval'], 95) * 1000:.0f} | "
                  f"{pct(r['ask'], 50) * 1000:.0f} / {pct(r['ask'], 95) * 1000:.0f} | {r['rss_mib']:.0f} |")
        for label, backend, r in rows:
            print(f"{label} {backend}: retrieval {ms(r['retrieval'])}; ask() {ms(r['ask'])}")


if __name__ == "__main__":
    main()
