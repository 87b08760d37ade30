"""A large Zotero library: read time and memory, ingest, and a sync that finds nothing changed.

    .venv/bin/python benchmarks/zotero.py --items 10000

Builds a ``zotero.sqlite`` with Zotero 7's real schema (``tests/zotero_db.py``): ``--items`` regular
items with abstracts, authors, tags and collections (nested), plus a note and an attachment for
every fifth item and one item in fifty trashed, as libraries hold them. Then, each in a fresh
process so peak memory is the step's own:

1. reading it (``load_papers``): seconds, papers/s, peak RSS;
2. an ingest with the deterministic ``hash`` embedding (the pipeline's cost, not the model's);
3. ``assistant sync`` with the library unchanged: seconds (what ``--watch`` pays when Zotero only
   touched its database).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, machine

from tests.zotero_db import Item, create

WORDS = ("quantization pruning experts routing sparse attention decoding drafts speculative scaling laws "
         "distillation adapters low-rank fine-tuning memory throughput latency tokens cache kernels").split()


def build(path: Path, items: int) -> None:
    rng = random.Random(0)
    library = create(path)
    for n in range(40):
        library.collection(f"C{n}", f"Topic {n}", parent=f"C{n // 8 - 1}" if n >= 8 else None)
    library.db.execute("PRAGMA synchronous=OFF")
    for n in range(items):
        words = [rng.choice(WORDS) for _ in range(60)]
        abstract = f"We study {' '.join(words[:30])} in setting {n}. Results: {' '.join(words[30:])}."
        item = library.add(Item(
            rng.choice(["journalArticle", "preprint", "conferencePaper"]),
            {"title": f"{words[0].title()} {words[1]} and {words[2]} study {n}", "abstractNote": abstract,
             "date": f"{2015 + n % 10}-{1 + n % 12:02d}-00 {2015 + n % 10}", "url": f"https://arxiv.org/abs/2401.{n:05d}"},
            creators=[(f"First{k}", f"Last{n % 500 + k}", 0) for k in range(1 + n % 6)],
            tags=rng.sample(WORDS, 3), collections=[f"C{rng.randrange(40)}"], trashed=n % 50 == 49))
        if n % 5 == 0:
            library.add(Item("note", parent=item))
            library.add(Item("attachment", {"title": "Full Text PDF"}, parent=item))
    library.close()


def step(code: str, env: dict[str, str]) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object, which comes back with peak RSS."""
    wrapped = (f"import json, resource, sys, time; sys.path.insert(0, {str(ROOT)!r}); started = time.perf_counter()\n"
               f"{code}\nout['seconds'] = round(time.perf_counter() - started, 2)\n"
               "out['peak_rss_mib'] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
               "print(json.dumps(out))")
    done = subprocess.run([sys.executable, "-c", wrapped], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "zotero.sqlite"
        started = time.perf_counter()
        build(db, args.items)
        print(f"{machine()}\nbuilt {args.items:,} items ({db.stat().st_size / 2**20:.0f} MiB) in "
              f"{time.perf_counter() - started:.0f} s")
        env = {**os.environ, "ASSISTANT_EMBED_MODEL": "hash", "ASSISTANT_VECTORSTORE_DIR": f"{tmp}/vs"}
        read = step(f"from assistant.corpus import load_papers\nload = load_papers([{str(db)!r}])\n"
                    "out = {'papers': len(load.papers), 'warnings': load.warnings}", env)
        print(f"read: {read['papers']:,} papers in {read['seconds']} s ({read['papers'] / read['seconds']:,.0f}/s), "
              f"peak RSS {read['peak_rss_mib']} MiB; {read['warnings'][0]}")
        ingest = step("from assistant import Assistant, Settings\n"
                      f"report = Assistant(Settings()).ingest([{str(db)!r}], progress=False)\n"
                      "out = {'added': report.added}", env)
        print(f"ingest (hash embedding): {ingest['added']:,} papers in {ingest['seconds']} s, "
              f"peak RSS {ingest['peak_rss_mib']} MiB")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "assistant", "sync", "--quiet"], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=True)
        print(f"no-change sync (the whole command): {time.perf_counter() - started:.1f} s: {done.stdout.strip()}")


if __name__ == "__main__":
    main()
