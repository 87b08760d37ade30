"""Ingest throughput of the bundled corpus against the embedding model's own limit.

    .venv/bin/python benchmarks/ingest.py
    .venv/bin/python benchmarks/ingest.py --baseline 9bd1171 --rounds 2

Prints texts per second through the whole pipeline (parse, chunk, split sentences, embed chunks and
sentences, write both to Chroma, build the keyword index), the raw throughput of the embedding model
on the very same texts in the same run, the ratio of the two, and the time of a no-op re-ingest
(in-process, and as `assistant ingest` wall time including start-up).

With ``--baseline REF`` it instead runs `assistant ingest` of the bundled corpus into an empty store
with this tree and with the code at REF (a git worktree, as in ``startup.py``), taking turns in each
round, and prints each run's wall time, texts per second and peak RSS, and the ratio of the rates.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, machine

from llama_index.core.schema import MetadataMode

from assistant import Assistant, Settings
from assistant.index.chunking import Chunker, split_sentences
from assistant.corpus import load_papers
from assistant.index.records import chunk_nodes


def cli_ingest(code: Path, env: dict[str, str]) -> tuple[float, int, float]:
    """`assistant ingest` of the bundled corpus into an empty store, run by the code at ``code``:
    (wall seconds, chunks and sentences written, peak RSS in MiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        run_env = {**os.environ, **env, "ASSISTANT_VECTORSTORE_DIR": str(Path(tmp) / "vs"),
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))}
        command = ["/usr/bin/time", "-f", "peak-kib %M", sys.executable, "-m", "assistant", "ingest"]
        t = time.perf_counter()
        done = subprocess.run(command, cwd=code, env=run_env, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t
    # "... 930 chunks and 4303 sentences embedded in 53.8 s"
    summary = next(line for line in (done.stdout + done.stderr).splitlines() if "sentences embedded" in line)
    words = summary.split()
    texts = int(words[words.index("chunks") - 1]) + int(words[words.index("sentences") - 1])
    peak = int(done.stderr.rsplit("peak-kib", 1)[1].split()[0]) / 1024
    return wall, texts, peak


def against(ref: str, rounds: int) -> None:
    from startup import baseline_tree

    trees = [("this tree", ROOT, {}), (ref, *baseline_tree(ref))]
    for tree in trees:  # each builds its model graph once, outside the clock
        subprocess.run([sys.executable, "-c", "from assistant import Assistant; Assistant().embedding"], cwd=tree[1],
                       env={**os.environ, **tree[2], "PYTHONPATH": str(tree[1])}, check=True, capture_output=True)
    rates: dict[str, list[float]] = {}
    for round_ in range(1, rounds + 1):
        for name, code, env in trees:
            wall, texts, peak = cli_ingest(code, env)
            rates.setdefault(name, []).append(texts / wall)
            print(f"round {round_}, {name}: {texts} texts in {wall:.1f} s = {texts / wall:.1f} texts/s, "
                  f"peak RSS {peak:.0f} MiB", flush=True)
    now, before = (statistics.median(rates[name]) for name, _, _ in trees)
    print(f"median rate: {now:.1f} against {before:.1f} texts/s = {now / before:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", help="a git ref whose `assistant ingest` to run beside this tree's")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if args.baseline:
        against(args.baseline, args.rounds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(vectorstore_dir=Path(tmp) / "vs")
        assistant = Assistant(settings)
        model = assistant.embedding  # loaded before either clock starts
        model.get_text_embedding_batch(["warm up"] * 8)

        papers = load_papers([settings.corpus_dir]).papers
        chunker = Chunker(settings.chunk_tokens, settings.chunk_overlap)
        texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for p in papers for n in chunk_nodes(p, chunker.chunk(p))]
        texts += [s for p in papers for s in split_sentences(p.abstract)]
        t = time.perf_counter()
        model.get_text_embedding_batch(texts)
        raw = len(texts) / (time.perf_counter() - t)

        report = assistant.ingest(progress=False)
        written = report.chunks_written + report.sentences_written
        pipeline = written / report.seconds
        print(f"ingest: {report.chunks_written} chunks and {report.sentences_written} sentences of "
              f"{report.papers_read} papers in {report.seconds:.1f} s = {pipeline:.1f} texts/s "
              f"({report.chunks_written / report.seconds:.1f} chunks/s)")
        print(f"raw embedding model on the same {len(texts)} texts: {raw:.1f} texts/s")
        print(f"pipeline / model: {pipeline / raw:.0%}")

        again = assistant.ingest(progress=False)
        print(f"no-op re-ingest (in-process): {again.seconds:.2f} s, {again.chunks_written} chunks written")

        env = {**os.environ, "ASSISTANT_VECTORSTORE_DIR": settings.vectorstore_dir.as_posix()}
        cli = Path(sys.executable).with_name("assistant")
        t = time.perf_counter()
        subprocess.run([str(cli), "ingest", "--quiet"], check=True, env=env, cwd=ROOT, capture_output=True)
        print(f"no-op re-ingest (`assistant ingest` wall time, imports included): {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
