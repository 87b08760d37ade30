"""Ingest throughput of the bundled corpus against the embedding model's own limit.

    .venv/bin/python benchmarks/ingest.py

Prints texts per second through the whole pipeline (parse, chunk, split sentences, embed chunks and
sentences, write both to Chroma, build the keyword index), the raw throughput of the embedding model
on the very same texts in the same run, the ratio of the two, and the time of a no-op re-ingest
(in-process, and as `assistant ingest` wall time including start-up).
"""

from __future__ import annotations

import os
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


def main() -> None:
    print(f"machine: {machine()}")
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
