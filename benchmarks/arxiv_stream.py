"""A large arXiv metadata snapshot streams through the ingest in flat memory.

    .venv/bin/python benchmarks/arxiv_stream.py --lines 300000 --ingest 20000

Writes a synthetic snapshot (the shipped fixture's records, varied: new ids, titles and abstract
endings, LaTeX and line breaks kept) of ``--lines`` lines, then measures, each in a fresh process:

1. reading it (parse, LaTeX to text, checks): papers/s and resident memory at 10%, 50% and 100%;
2. the ingest's checking pass, which also keeps 8 bytes of id and digest per paper: papers/s, memory;
3. a whole ingest of the first ``--ingest`` lines with the deterministic ``hash`` embedding (so the
   figure is the pipeline's, not the model's), killed (SIGKILL) once a third is stored, then resumed:
   time and peak memory of the resumed run, which ends by building the keyword index of the store.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, machine, rss_mib

FIXTURE = ROOT / "tests" / "fixtures" / "collections" / "arxiv-sample.json"


def write_snapshot(path: Path, lines: int) -> None:
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    with path.open("w") as out:
        for n in range(lines):
            record = dict(records[n % len(records)])
            record["id"] = f"{2000 + n // 100_000}.{n % 100_000:05d}"
            record["title"] = f"{record['title']} (part {n})"
            record["abstract"] = f"{record['abstract']} We repeat the study on setting {n}."
            out.write(json.dumps(record) + "\n")


def read_only(path: str) -> None:
    from assistant.corpus import stream_papers

    size = os.path.getsize(path)
    position, marks, count = [0], {}, 0
    started = time.perf_counter()
    for _ in stream_papers(Path(path), position=position):
        count += 1
        for mark in (10, 50):
            if mark not in marks and position[0] >= size * mark / 100:
                marks[mark] = rss_mib()
    marks[100] = rss_mib()
    seconds = time.perf_counter() - started
    print(json.dumps({"papers": count, "seconds": seconds, "rss": marks}))


def check_only(path: str) -> None:
    from assistant.index.ingest import _check

    before = rss_mib()
    started = time.perf_counter()
    plan = _check([Path(path)], None, progress=False)
    print(json.dumps({"papers": len(plan.last), "seconds": time.perf_counter() - started,
                      "rss_before": before, "rss_after": rss_mib()}))


def run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def stored_chunks(store: Path) -> int:
    """Chunks in an embedded store, read from Chroma's SQLite file without opening a client."""
    try:
        with sqlite3.connect(f"file:{store / 'chroma.sqlite3'}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
    except sqlite3.Error:
        return 0


def ingest_with_kill(path: Path, store: Path, lines: int) -> dict:
    env = {**os.environ, "ASSISTANT_EMBED_MODEL": "hash", "ASSISTANT_VECTORSTORE_DIR": str(store)}
    command = [sys.executable, "-m", "assistant", "ingest", str(path), "--quiet"]
    started = time.perf_counter()
    killed = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while stored_chunks(store) < lines // 3 and killed.poll() is None:  # a third written, then kill -9
        time.sleep(1)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    first = time.perf_counter() - started
    timed = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    started = time.perf_counter()
    resumed = subprocess.run([*timed, *command], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    second = time.perf_counter() - started
    peak = int(resumed.stderr.strip().splitlines()[-1]) / 1024 if timed else float("nan")
    return {"killed_after_s": first, "resumed_s": second, "summary": resumed.stdout.strip(), "peak_rss_mib": peak}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--ingest", type=int, default=20_000, help="lines ingested whole (hash embedding)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "arxiv-metadata-oai-snapshot.json"
        write_snapshot(big, args.lines)
        print(f"snapshot: {args.lines:,} lines, {big.stat().st_size / 2**20:.0f} MiB")
        read = run_child("--read", str(big))
        print(f"read: {read['papers']:,} papers in {read['seconds']:.1f} s ({read['papers'] / read['seconds']:,.0f} "
              f"papers/s); RSS at 10% / 50% / 100% of the file: "
              + " / ".join(f"{read['rss'][k]:.0f}" for k in ("10", "50", "100")) + " MiB")
        check = run_child("--check", str(big))
        print(f"checking pass: {check['papers']:,} papers in {check['seconds']:.1f} s; RSS {check['rss_before']:.0f} "
              f"-> {check['rss_after']:.0f} MiB")
        small = Path(tmp) / "part.json"
        with big.open() as src, small.open("w") as dst:
            for _, line in zip(range(args.ingest), src):
                dst.write(line)
        result = ingest_with_kill(small, Path(tmp) / "vs", args.ingest)
        print(f"ingest of {args.ingest:,} lines (hash embedding): killed after {result['killed_after_s']:.0f} s, "
              f"resumed in {result['resumed_s']:.0f} s: {result['summary']}; peak RSS of the resumed run "
              f"{result['peak_rss_mib']:.0f} MiB")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--read":
        read_only(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--check":
        check_only(sys.argv[2])
    else:
        main()
