"""The keyword index as app processes open it: shared by the threads that answer, kept out of memory."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from llama_index.core.schema import QueryBundle


def test_threads_answering_at_once_each_read_the_chunks_their_hits_name(assistant):
    """Every BM25 hit is read from the index's stored nodes by its row (bm25s and LlamaIndex's
    ``BM25Retriever`` both index ``corpus``); app threads share one index."""
    bm25 = assistant.retriever._current()["bm25"]
    corpus = bm25.corpus
    expected = [corpus[row]["node_id"] for row in range(len(corpus))]
    assert len(set(expected)) == len(expected) > 10
    wrong: list[int] = []

    def read(offset: int) -> None:
        for i in range(3000):
            row = (i * 7 + offset) % len(expected)
            if corpus[row]["node_id"] != expected[row]:
                wrong.append(row)

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can: any seek-then-read interleaving shows
    try:
        threads = [threading.Thread(target=read, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    assert not wrong
    assert bm25.retrieve(QueryBundle("Root Mean Square Layer Normalization"))[0].node.metadata["title"] == \
        "Root Mean Square Layer Normalization"


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads Linux's memory map")
def test_stored_nodes_are_read_per_hit_not_mapped_into_the_process(assistant):
    found = assistant.retriever.retrieve("Root Mean Square Layer Normalization", kind="bm25")
    assert found.papers[0].title == "Root Mean Square Layer Normalization"
    mapped = Path("/proc/self/maps").read_text()
    assert "corpus.jsonl" not in mapped  # mapped, each process held most of the file resident
    assert "data.csc.index.npy" in mapped  # the scores stay memory-mapped, shared between processes
