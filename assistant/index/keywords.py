"""The keyword side of retrieval, built once per store version and opened memory-mapped.

Single-node Chroma has no keyword index to hand this to (sparse vectors and BM25 ranking are Chroma
Cloud features), so the index lives beside the store: a bm25s index with its chunk corpus (through
LlamaIndex's ``BM25Retriever``, which persists and loads bm25s) and the term statistics of the
decline decision. The ingest that writes the store writes it; an app process opens its scores with
``mmap`` in milliseconds (several processes share one copy of those pages) and reads the chunk of
each hit from the corpus file (``StoredNodes``).

    <vectorstore_dir>/keywords/<collection>-<collection id>[@host-port]/v<version>f<format>/
        params.index.json, vocab.index.json, data.csc.index.npy, ...   bm25s
        corpus.jsonl, corpus.mmindex.json, retriever.json              the chunks, as nodes
        terms.json                                                     TermStats
        filters.json, filter_*.npy                                     FilterColumns (date, category, collection)

A folder is written under a temporary name and renamed into place, so a reader sees a whole index
or none. With a Chroma server each app host keeps its own copy, keyed by the server and the
collection's version, built page by page from the server when missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .columns import FilterColumns
from .vocabulary import TermStats

if TYPE_CHECKING:
    from llama_index.retrievers.bm25 import BM25Retriever

    from ..settings import Settings
    from .store import PaperStore

_TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # BM25Retriever's default
_KEEP_VERSIONS = 2  # the newest and the one before: a reader that opened it a moment ago keeps working
# Bumped when what an index folder holds changes: a process finds no folder of its format and builds one
# (2: the vocabulary keeps the names the collection spells; 3: a paper may be in several collections;
# 4: names written with a capital alone, such as Minitron, are names too; 5: which words those are;
# 6: a compound of the field's words, such as KV-Cache, names no paper; 7: a label such as "Preprint:" is no short name).
_FORMAT = 7
VERSION_FOLDER = re.compile(r"^v(\d+)(?:f(\d+))?$")


def index_root(store: PaperStore) -> Path:
    """Named by the collection's id as well as its name: a collection dropped (``--rebuild``) or made
    anew on a server starts again at version 1 and must never meet the old one's index."""
    settings = store.settings
    where = f"@{settings.chroma_host}-{settings.chroma_port}" if settings.chroma_host else ""
    return Path(settings.vectorstore_dir) / "keywords" / f"{store.name}-{str(store.collection.id)[:8]}{where}"


def index_dir(store: PaperStore, version: int) -> Path:
    return index_root(store) / f"v{version}f{_FORMAT}"


def build(store: PaperStore, settings: Settings, version: int) -> Path | None:
    """Write the index of the store as it is at ``version``; None when the store is empty.

    Chunks are read page by page and kept as compact rows (the text bm25s tokenizes, the node as
    LlamaIndex's ``BM25Retriever`` stores it), not as ``TextNode`` objects: at 20k chunks the nodes
    alone held 310 MiB."""
    import bm25s
    import Stemmer
    from llama_index.retrievers.bm25 import BM25Retriever

    final = index_dir(store, version)
    if final.exists():
        return final
    texts: list[str] = []  # what BM25 scores: the title and the chunk, as the chunk is embedded
    corpus: list[dict[str, str]] = []  # what a hit returns: the node, as BM25Retriever persists it
    columns: list[dict] = []
    by_paper: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for chunk_id, text, meta in store.chunks():
        node = json.loads(meta["_node_content"])
        node["text"] = text  # Chroma keeps the text apart from the node
        corpus.append({"node_id": chunk_id, "_node_type": meta.get("_node_type", "TextNode"),
                       "_node_content": json.dumps(node, ensure_ascii=False)})
        texts.append(f"{meta['title']}\n{text}")
        columns.append({key: meta.get(key) for key in ("day", "collection", "collections", "source", "categories")})
        by_paper.setdefault(meta["paper_id"], []).append(len(texts) - 1)
        titles[meta["paper_id"]] = meta["title"]
    if not corpus:
        return None
    # The tokenization BM25Retriever.from_defaults applies (English stop words and stemmer, its pattern).
    stemmer = Stemmer.Stemmer("english")
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, token_pattern=_TOKEN_PATTERN, show_progress=False)
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    bm25.corpus = corpus
    retriever = BM25Retriever(existing_bm25=bm25, stemmer=stemmer, token_pattern=_TOKEN_PATTERN,
                              similarity_top_k=min(settings.candidates, len(corpus)))
    terms = TermStats.from_papers((pid, titles[pid], " ".join(texts[i].partition("\n")[2] for i in rows))
                                  for pid, rows in by_paper.items())
    del tokens, texts

    partial = final.with_name(f"{final.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    retriever.persist(str(partial), show_progress=False)
    (partial / "terms.json").write_text(json.dumps(terms.to_json()))
    FilterColumns.of(columns).write(partial)
    try:
        os.rename(partial, final)
    except OSError:  # another process finished the same version first: its copy is as good
        shutil.rmtree(partial, ignore_errors=True)
    _prune(final.parent)
    return final


def open_index(path: Path, top_k: int) -> tuple[BM25Retriever, TermStats, FilterColumns]:
    from llama_index.retrievers.bm25 import BM25Retriever

    retriever = BM25Retriever.from_persist_dir(str(path), mmap=True, show_progress=False)
    mapped = retriever.bm25.corpus  # bm25s's JsonlCorpus: its line offsets, read once
    retriever.bm25.corpus = retriever.corpus = StoredNodes(Path(mapped.path), mapped.mmindex)
    mapped.close()
    retriever.similarity_top_k = min(top_k, int(retriever.bm25.scores["num_docs"]))
    data = json.loads((path / "terms.json").read_text())
    return retriever, TermStats.from_json(data), FilterColumns.read(path)


class StoredNodes(Sequence):
    """The index's nodes (``corpus.jsonl``), a line read per hit with ``pread``.

    bm25s reads them through a shared ``mmap`` that it seeks and then reads: two threads answering
    at once can get each other's line, a wrong chunk for a hit (22 of 16,000 reads in 8 threads at
    a short switch interval, 1 at the default). Positional reads cannot interleave, and they leave
    the file in the page cache rather than in the process: mapped, fault-around made 77 MiB of a
    285 MiB corpus resident in each app process within 45 questions at 100k chunks."""

    def __init__(self, path: Path, offsets: list[int]) -> None:
        self._fd = os.open(path, os.O_RDONLY)
        self._starts = np.asarray(offsets, dtype=np.int64)  # a Python list of them held 3.5 MiB at 100k
        self._ends = np.append(self._starts[1:], os.fstat(self._fd).st_size)
        weakref.finalize(self, os.close, self._fd)

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start = int(self._starts[index])
        return json.loads(os.pread(self._fd, int(self._ends[index]) - start, start))


def _prune(root: Path) -> None:
    versions = sorted((p for p in root.iterdir() if VERSION_FOLDER.match(p.name)),
                      key=lambda p: tuple(int(n or 0) for n in VERSION_FOLDER.match(p.name).groups()))
    for old in versions[:-_KEEP_VERSIONS]:
        shutil.rmtree(old, ignore_errors=True)
