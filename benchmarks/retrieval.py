"""Growth: ready time, retrieval and ask() latency, memory and write rate as the store grows.

    .venv/bin/python benchmarks/retrieval.py [--sizes 10000,30000,100000] [--store DIR] [--random]

One store grows through the sizes. Beyond the bundled corpus it is synthetic: copies of the bundled
papers under new titles, each chunk and sentence vector the real one plus small noise (embedding
300,000 texts would take hours on two cores; `benchmarks/ingest.py` measures the embedding rate).
With ``--random`` (the 1M-chunk row) the papers are made up instead, as fast as Chroma takes them:
two chunks each, text of words drawn from the bundled chunks' words at their own frequencies, four
sentences per abstract, every vector a random unit vector (so the HNSW graph is a worst case for
recall and an honest one for insert and search cost).
Each step is written as an ingest writes it (chunks, sentence vectors, then the keyword index of the
new version). Each (size, backend) is then measured in a fresh process: time to be ready (model,
store, memory-mapped keyword index), retrieval and extractive ask() latency over the hand-written
questions, and resident memory. With ``--store DIR`` the grown store is kept in DIR and a later
run grows it further from where it stopped (writing 100k chunks takes minutes). For the server, the host's keyword cache is built first (timed),
as the first app process on a new host would build it in the background.
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
from _util import ROOT, chroma_server, file_rss_mib, machine, ms, pct, rss_mib


def build_bundled(path: Path) -> None:
    from assistant import Assistant, Settings

    repo_store = ROOT / "vectorstore"
    settings = Settings(vectorstore_dir=path)
    if (repo_store / "chroma.sqlite3").exists():
        shutil.copytree(repo_store, path, dirs_exist_ok=True)  # reuse what `make run` built
    Assistant(settings).ensure_corpus(progress=True)


def finish_step(store, settings, papers: int, started: float, written: int, sentences: int) -> dict:
    """End a growth step as an ingest ends: the version moves, then the keyword index of it is built."""
    from assistant.index import keywords

    write_s = time.perf_counter() - started
    store.bump_version(papers=papers)
    t = time.perf_counter()
    keywords.build(store, settings, store.version())
    keyword_s = time.perf_counter() - t
    print(f"\r  {store.count():,} chunks: {written:,} chunks and {sentences:,} sentences written in "
          f"{write_s:.0f} s, keyword index {keyword_s:.1f} s", flush=True)
    return {"written": written, "sentences": sentences, "write_s": write_s, "keyword_s": keyword_s}


class SyntheticGrowth:
    """Grows a store by copies of the bundled papers, with real vectors plus noise."""

    def __init__(self, source: Path, path: Path) -> None:
        from assistant import Settings
        from assistant.index.chunking import Chunker
        from assistant.corpus import load_papers
        from assistant.index.store import PaperStore

        settings = Settings(vectorstore_dir=source)
        real = PaperStore(settings)
        got = real.collection.get(include=["embeddings"])
        self.vectors = {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(got["ids"], got["embeddings"])}
        self.sentences = real.paper_sentences(list(real.stored_papers()))
        chunker = Chunker(settings.chunk_tokens, settings.chunk_overlap)
        self.papers = [(p, chunker.chunk(p)) for p in load_papers([settings.corpus_dir]).papers]
        grown = (path / "chroma.sqlite3").exists()
        if not grown:
            shutil.copytree(source, path, dirs_exist_ok=True)  # start from the real store
        self.settings = Settings(vectorstore_dir=path)
        self.store = PaperStore(self.settings)
        self.rng = np.random.default_rng(grown)
        # A kept store goes on where it stopped: copy numbers (and so titles) never repeat.
        self.copy = self.store.paper_count() - len(self.papers) if grown else 0

    def _noisy(self, vector: np.ndarray) -> list[float]:
        v = vector + self.rng.normal(0, 0.02, size=vector.shape).astype(np.float32)
        return (v / np.linalg.norm(v)).tolist()

    def grow_to(self, target_chunks: int) -> dict:
        from assistant.models import Chunk, Paper
        from assistant.index.records import chunk_nodes

        started, written, sentences = time.perf_counter(), 0, 0
        batch: list = []
        payload: dict = {}
        while self.store.count() + len(batch) < target_chunks:
            base, chunks = self.papers[self.copy % len(self.papers)]
            paper = Paper(title=f"{base.title} (synthetic copy {self.copy})", abstract=base.abstract, date=base.date)
            self.copy += 1
            stored = self.sentences.get(base.paper_id, [])
            payload[paper.paper_id] = ([s.text for s in stored], [self._noisy(s.vector) for s in stored])
            sentences += len(stored)
            nodes = chunk_nodes(paper, [Chunk(paper.paper_id, c.index, c.text) for c in chunks])
            for node, chunk in zip(nodes, chunks):
                node.embedding = self._noisy(self.vectors[chunk.chunk_id])
            batch.extend(nodes)
            if len(batch) >= 2000:
                self.store.add_nodes(batch, payload)
                payload = {}
                written += len(batch)
                batch = []
                print(f"\r  {self.store.count():,} chunks", end="", flush=True)
        if batch:
            self.store.add_nodes(batch, payload)
            written += len(batch)
        return finish_step(self.store, self.settings, len(self.store.stored_papers()), started, written, sentences)


class RandomGrowth:
    """Grows a store by made-up papers: random unit vectors, text drawn from the bundled corpus's words.

    Records are written with Chroma's own ``add``, from two records made by ``chunk_nodes`` and
    ``record_metadata`` once and copied with each paper's id, hash and title: building LlamaIndex
    nodes one by one took more time than Chroma's writes."""

    _ID, _HASH, _TITLE = "0123456789abcdef", "fedcba9876543210", "Synthetic paper 0: template"

    def __init__(self, source: Path, path: Path) -> None:
        from assistant import Settings
        from assistant.index.records import chunk_nodes, record_metadata
        from assistant.index.store import PaperStore
        from assistant.models import Chunk, Paper

        real = PaperStore(Settings(vectorstore_dir=source))
        words = [w for page in real._pages(["documents"]) for doc in page["documents"] for w in doc.split()]
        self.words = np.array(words)
        if not (path / "chroma.sqlite3").exists():
            shutil.copytree(source, path, dirs_exist_ok=True)
        self.settings = Settings(vectorstore_dir=path)
        self.store = PaperStore(self.settings)
        self.rng = np.random.default_rng(self.store.count())
        # every made-up paper has two chunks: a kept store goes on numbering where it stopped
        self.made = real.paper_count() + (self.store.count() - real.count()) // 2
        template = Paper(title=self._TITLE, abstract="", date="2024-01-01")
        nodes = chunk_nodes(template, [Chunk(template.paper_id, j, "") for j in range(2)])
        self.ids = [n.node_id.replace(template.paper_id, self._ID) for n in nodes]
        self.templates = []
        for node in nodes:
            meta = record_metadata(node, {})
            meta["_node_content"] = (meta["_node_content"].replace(template.paper_id, self._ID)
                                     .replace(template.content_hash, self._HASH))
            self.templates.append(meta)

    def _text(self, n: int) -> str:
        return " ".join(self.words[self.rng.integers(0, len(self.words), n)])

    def _unit(self, n: int) -> np.ndarray:
        v = self.rng.standard_normal((n, 384), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def _records(self, paper, halves: tuple[str, str], said: list[str], vectors: np.ndarray) -> tuple[list, list]:
        from assistant.index.records import ABSTRACT_KEY, SENTENCE_VECTORS_KEY, SENTENCES_KEY, encode_vectors

        pid, digest = paper.paper_id, paper.content_hash
        ids, metas = [], []
        for template, node_id in zip(self.templates, self.ids):
            meta = dict(template, paper_id=pid, paper_hash=digest, title=paper.title)
            meta["_node_content"] = (template["_node_content"].replace(self._ID, pid).replace(self._HASH, digest)
                                     .replace(self._TITLE, json.dumps(paper.title)[1:-1]))
            if meta["chunk_index"] == 0:
                meta.update({ABSTRACT_KEY: paper.abstract, SENTENCES_KEY: json.dumps(said),
                             SENTENCE_VECTORS_KEY: encode_vectors(vectors)})
            ids.append(node_id.replace(self._ID, pid))
            metas.append(meta)
        return ids, metas

    def grow_to(self, target_chunks: int) -> dict:
        from assistant.models import Paper

        started, written, sentences, batch_papers = time.perf_counter(), 0, 0, 2500
        while (count := self.store.count()) < target_chunks:
            papers = min(batch_papers, (target_chunks - count + 1) // 2)
            ids, metas, docs = [], [], []
            vectors, sentence_vectors = self._unit(2 * papers), self._unit(4 * papers)
            for i in range(papers):
                self.made += 1
                said = [self._text(22) + "." for _ in range(4)]
                paper = Paper(title=f"Synthetic paper {self.made}: {self._text(6)}", abstract=" ".join(said),
                              date="2024-01-01")
                halves = (" ".join(said[:2]), " ".join(said[2:]))
                more_ids, more_metas = self._records(paper, halves, said, sentence_vectors[4 * i : 4 * i + 4])
                ids += more_ids
                metas += more_metas
                docs += halves
            step = self.store.client.get_max_batch_size()
            for start in range(0, len(ids), step):
                self.store.collection.add(ids=ids[start : start + step], embeddings=vectors[start : start + step],
                                          metadatas=metas[start : start + step], documents=docs[start : start + step])
            written, sentences = written + len(ids), sentences + 4 * papers
            rate = written / (time.perf_counter() - started)
            print(f"\r  {self.store.count():,} chunks ({rate:.0f} chunks/s)", end="", flush=True)
        return finish_step(self.store, self.settings, self.made, started, written, sentences)


def measure() -> dict:
    """In the child process: the settings come from the environment."""
    from assistant import Assistant
    from assistant.eval.sets import load_questions

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
            "rss_mib": rss_mib(), "file_rss_mib": file_rss_mib()}


def child(env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child"], env={**os.environ, **env}, cwd=ROOT,
                         capture_output=True, text=True, check=False)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,30000,100000", help="chunk counts to grow through")
    parser.add_argument("--store", type=Path, help="grow the store in this folder and keep it (default: a temporary one)")
    parser.add_argument("--random", action="store_true", help="made-up papers with random vectors (fastest writes)")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure()))
        return

    print(f"machine: {machine()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        bundled, large = Path(tmp) / "bundled", args.store or Path(tmp) / "large"
        build_bundled(bundled)
        sizes = [("bundled", bundled, None, None)]
        growth = (RandomGrowth if args.random else SyntheticGrowth)(bundled, large)
        for target in (int(n) for n in args.sizes.split(",")):
            sizes.append((f"{target // 1000}k", large, target, growth.grow_to(target)))
            rows += measure_size(sizes[-1], tmp)
            if target == int(args.sizes.split(",")[0]):
                rows = measure_size(sizes[0], tmp) + rows
        print("| store | backend | chunks | write (chunks/s) | keyword index (s) | ready (s) | "
              "retrieval p50 / p95 (ms) | ask() p50 / p95 (ms) | RSS (MiB) | of which mapped files (MiB) |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, backend, info, r in rows:
            rate = f"{info['written'] / info['write_s']:.0f}" if info and info["written"] else "–"
            index = f"{info['keyword_s']:.1f}" if info else "–"
            print(f"| {label} | {backend} | {r['chunks']:,} | {rate} | {index} | {r['ready_s']:.2f} | "
                  f"{pct(r['retrieval'], 50) * 1000:.0f} / {pct(r['retrieval'], 95) * 1000:.0f} | "
                  f"{pct(r['ask'], 50) * 1000:.0f} / {pct(r['ask'], 95) * 1000:.0f} | {r['rss_mib']:.0f} | "
                  f"{r['file_rss_mib']:.0f} |")


def measure_size(size: tuple, tmp: str) -> list:
    from assistant import Settings
    from assistant.index import keywords
    from assistant.index.store import PaperStore

    label, path, _, info = size
    rows = [(label, "embedded", info, child({"ASSISTANT_VECTORSTORE_DIR": str(path)}))]
    with chroma_server(path) as (host, port):
        host_dir = Path(tmp) / f"host-{label}"
        settings = Settings(chroma_host=host, chroma_port=port, vectorstore_dir=host_dir)
        store = PaperStore(settings)
        t = time.perf_counter()
        keywords.build(store, settings, store.version())  # the host cache, fetched page by page
        server_info = dict(info or {}, keyword_s=time.perf_counter() - t) if info else None
        rows.append((label, "server", server_info,
                     child({"ASSISTANT_CHROMA_HOST": host, "ASSISTANT_CHROMA_PORT": str(port),
                            "ASSISTANT_VECTORSTORE_DIR": str(host_dir)})))
    for label_, backend, _, r in rows:
        print(f"  {label_} {backend}: ready {r['ready_s']:.2f} s, retrieval {ms(r['retrieval'])}; ask() {ms(r['ask'])}; "
              f"RSS {r['rss_mib']:.0f} MiB ({r['file_rss_mib']:.0f} of it mapped files)")
    return rows


if __name__ == "__main__":
    main()
