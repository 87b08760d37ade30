"""Crashes, concurrent writers and stores built under other settings: nothing stored is lost or mixed."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import chromadb
import chromadb.api.models.Collection
import chromadb.errors
import numpy as np
import pytest

from assistant import Assistant, Settings, StoreBusyError, StoreMismatchError
from assistant.index.chunking import Chunker
from assistant.corpus import load_papers
from assistant.answer import retrieve as retrieve_module
from assistant.answer.filters import Filters
from assistant.index import store as store_module
from assistant.index.exact import ExactDense
from assistant.index.client import connect
from assistant.index.store import VERSION_KEY, PaperStore
from tests.conftest import MINI_FEED, PROJECT

BUNDLED = PROJECT / "data"


def _cli_ingest(store_dir, corpus, **popen):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_VECTORSTORE_DIR=str(store_dir))
    return subprocess.Popen([sys.executable, "-m", "assistant", "ingest", str(corpus), "--quiet"], env=env,
                            cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def _corpus(tmp_path, name: str, suffix: str = "", n: int = 200):
    """The first ``n`` bundled papers as JSON Lines, each abstract ending in ``suffix``."""
    path = tmp_path / name
    with path.open("w") as out:
        for paper in load_papers([BUNDLED]).papers[:n]:
            out.write(json.dumps({"title": paper.title, "abstract": paper.abstract + suffix}) + "\n")
    return path


def _assert_consistent(settings, corpus):
    papers = load_papers([corpus]).papers
    chunker = Chunker(settings.chunk_tokens, settings.chunk_overlap)
    expected = {p.paper_id: (p.content_hash, len(chunker.chunk(p))) for p in papers}
    store = PaperStore(settings)
    stored = store.stored_papers()
    assert {pid: (s.content_hash, s.stored_chunks) for pid, s in stored.items()} == expected
    assert store.count() == sum(n for _, n in expected.values())
    ids = store.collection.get(include=[])["ids"]
    assert len(ids) == len(set(ids))
    assistant = Assistant(settings)
    for paper in random.Random(0).sample(papers, 15):
        found = assistant.retriever.retrieve(paper.title, k=5, kind="hybrid")
        assert paper.paper_id in [p.paper_id for p in found.papers], paper.title
        hits = store.collection.query(query_embeddings=[found.query_embedding], n_results=3,
                                      where={"paper_id": paper.paper_id})
        assert hits["ids"][0] and all(i.startswith(paper.paper_id) for i in hits["ids"][0])


@pytest.mark.heavy
def test_sigkill_at_random_moments_then_ingest_again_leaves_a_consistent_store(tmp_path):
    settings = Settings(vectorstore_dir=tmp_path / "vs", embed_model="hash")
    # 100 papers, about 200 chunks: a few write batches, so kills land before, inside and between writes.
    original = _corpus(tmp_path, "original.jsonl", n=100)
    edited = _corpus(tmp_path, "edited.jsonl", " Edited for the crash test.", n=100)  # every paper rewritten
    # How long one uncut ingest takes here, so the kills land inside it.
    started = time.monotonic()
    assert _cli_ingest(tmp_path / "timing", original).wait(timeout=120) == 0
    span = time.monotonic() - started
    rng = random.Random(1234)
    kills = attempts = 0
    while kills < 10:  # a kill that lands after the ingest finished is not a trial: try again
        attempts += 1
        assert attempts <= 30, f"only {kills} of {attempts} kills landed while the ingest ran"
        store_dir = tmp_path / f"trial{attempts}"
        trial_settings = settings.with_overrides(vectorstore_dir=store_dir)
        target = original
        if attempts % 2:  # half the trials kill an update of a full store: the delete-then-add window
            Assistant(trial_settings).ingest([original], progress=False)
            target = edited
        process = _cli_ingest(store_dir, target)
        time.sleep(rng.uniform(0.2 * span, span))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        kills += process.returncode == -signal.SIGKILL
        Assistant(trial_settings).ingest([target], progress=False)  # the repair
        _assert_consistent(trial_settings, target)


def test_second_ingest_while_one_runs_is_refused_with_a_clear_message(settings, tmp_path):
    first, second = Assistant(settings), Assistant(settings)
    with first.store.write_lock():
        with pytest.raises(StoreBusyError, match=f"another ingest \\(pid {os.getpid()}\\) is writing to"):
            second.ingest([MINI_FEED], progress=False)
    assert second.ingest([MINI_FEED], progress=False).added == 8  # free again once the first is done


def test_second_ingest_from_another_process_is_refused(settings, tmp_path):
    holder = Assistant(settings)
    with holder.store.write_lock():
        process = _cli_ingest(settings.vectorstore_dir, MINI_FEED)
        _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert b"error: another ingest" in err and b"wait for it to finish" in err


def test_a_running_assistant_sees_papers_ingested_elsewhere_without_a_restart(assistant, settings, tmp_path):
    question = "What does hostile markup quarantine do with scripts?"
    assert "Quarantine" not in " ".join(p.title for p in assistant.retriever.retrieve(question).papers)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"title": "Markup Quarantine for Scripts",
                                 "abstract": "Hostile markup quarantine keeps scripts as inert text."}) + "\n")
    Assistant(settings).ingest([extra], progress=False)  # another writer: the CLI, a second app
    assert assistant.retriever.retrieve(question).papers[0].title == "Markup Quarantine for Scripts"


def test_store_built_under_other_settings_says_so_and_is_never_mixed(settings, tmp_path):
    first = Assistant(settings.with_overrides(chunk_tokens=128))
    first.ingest([MINI_FEED], progress=False)
    small_chunks = first.store.count()

    current = Assistant(settings)
    assert "built with other embedding or chunking settings" in current.store.notice()
    assert current.store.count() == 0
    current.ingest([MINI_FEED], progress=False)
    assert current.store.count() < small_chunks  # its own, larger chunks
    assert Assistant(settings.with_overrides(chunk_tokens=128)).store.count() == small_chunks  # untouched
    assert current.store.notice() == ""


def test_collection_whose_fingerprint_disagrees_is_refused_with_a_rebuild_hint(settings):
    store = PaperStore(settings)
    store.collection.modify(metadata={**store.collection.metadata, "fingerprint": "from-elsewhere"})
    with pytest.raises(StoreMismatchError, match="assistant ingest --rebuild"):
        PaperStore(settings)


@pytest.mark.heavy
def test_a_running_assistant_sees_papers_ingested_by_another_process(assistant, settings, tmp_path):
    question = "What does hostile markup quarantine do with scripts?"
    assistant.retriever.retrieve(question)  # indexes built and cached in this process
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"title": "Markup Quarantine for Scripts",
                                 "abstract": "Hostile markup quarantine keeps scripts as inert text."}) + "\n")
    assert _cli_ingest(settings.vectorstore_dir, extra).wait(timeout=120) == 0
    found = assistant.retriever.retrieve(question)
    assert found.papers[0].title == "Markup Quarantine for Scripts"
    for kind in ("dense", "bm25"):
        assert "Markup Quarantine for Scripts" in [p.title for p in assistant.retriever.retrieve(question, kind=kind).papers]


@pytest.mark.parametrize("kind", ["hybrid", "dense"])
def test_a_stored_record_that_names_no_paper_is_never_a_source(assistant, kind):
    # What an embedded store can hold after its writer is killed mid-write: a vector without the
    # metadata that says whose chunk it is. It must not stop the question from being answered.
    question = "How does QLoRA fine-tune quantized models?"
    vector = assistant.retriever.embedding.get_query_embedding(question)
    assistant.store.collection.add(ids=["stray"], embeddings=[vector], documents=[question])
    found = assistant.retriever.retrieve(question, k=5, kind=kind)
    assert found.papers and all(p.paper_id for p in found.papers)
    assert "stray" not in [passage.chunk_id for p in found.papers for passage in p.passages]


_DENSE_TOP = """
import json, sys
from assistant import Assistant, Settings
assistant = Assistant(Settings())
titles = json.loads(sys.argv[1])
print(json.dumps([[p.paper_id for p in assistant.retriever.retrieve(t, k=8, kind="dense").papers] for t in titles]))
"""


def _assert_nearest(ranked: list[str], store, vector, k: int, where: dict | None = None) -> None:
    """``ranked`` is the ``k`` papers whose best chunks are nearest to ``vector`` by cosine, in order, as
    computed here from every stored vector (up to float32 ties, which the hash embedding makes)."""
    got = store.collection.get(include=["embeddings", "metadatas"], where=where)
    matrix = np.asarray(got["embeddings"], dtype=np.float64)
    cosine = matrix @ np.asarray(vector) / np.linalg.norm(matrix, axis=1) / np.linalg.norm(vector)
    best: dict[str, float] = {}
    for meta, c in zip(got["metadatas"], cosine):
        best[meta["paper_id"]] = max(best.get(meta["paper_id"], -2.0), float(c))
    assert len(ranked) == min(k, len(best)) and len(set(ranked)) == len(ranked)
    scores = [best[pid] for pid in ranked]
    assert all(a >= b - 1e-6 for a, b in zip(scores, scores[1:])), scores
    assert all(c <= scores[-1] + 1e-6 for pid, c in best.items() if pid not in ranked)


def test_every_process_ranks_a_small_collection_exactly_whatever_graph_chroma_holds(tmp_path):
    """Under 1,000 records Chroma rebuilds the vector graph, in another order, whenever a process opens the store,
    and a chunk can be unreachable in it ("What is ARAUS?" lost its paper's best chunk in one process of eight).
    A graph as sparse as Chroma allows makes that certain here (HNSW at ef 500 missed the nearest papers for
    16 of 50 titles); searched over every vector, each process ranks exactly by cosine."""
    settings = Settings(embed_model="hash", vectorstore_dir=tmp_path / "store")
    connect(settings).create_collection(
        settings.collection_name, embedding_function=None,
        metadata={"fingerprint": settings.index_fingerprint, "embed_model": settings.embed_model,
                  "chunk_tokens": settings.chunk_tokens, "chunk_overlap": settings.chunk_overlap, VERSION_KEY: 0},
        configuration={"hnsw": {"space": "cosine", "max_neighbors": 2, "ef_construction": 2}})
    corpus = _corpus(tmp_path, "papers.jsonl", n=150)
    assistant = Assistant(settings)
    assistant.ingest([corpus], progress=False)
    assert 100 < assistant.store.count() < 1000
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED_MODEL="hash", ASSISTANT_VECTORSTORE_DIR=str(settings.vectorstore_dir))
    titles = [p.title for p in load_papers([corpus]).papers[::3]]
    runs = [json.loads(subprocess.run([sys.executable, "-c", _DENSE_TOP, json.dumps(titles)], env=env, cwd=PROJECT,
                                      capture_output=True, text=True, timeout=300, check=True).stdout)
            for _ in range(2)]
    assert runs[0] == runs[1]
    for title, ranked in zip(titles, runs[0]):
        _assert_nearest(ranked, assistant.store, assistant.embedding.get_query_embedding(title), 8)


def test_a_filtered_dense_search_ranks_exactly_among_the_chunks_the_filter_admits(settings, tmp_path):
    assistant = Assistant(settings)
    assistant.ingest([MINI_FEED], progress=False, collection="feed")
    assistant.ingest([_corpus(tmp_path, "more.jsonl", n=12)], progress=False, collection="more")
    filters = Filters.make(collections="more")
    query = "How do experts share the work of a transformer layer?"
    found = assistant.retriever.retrieve(query, k=12, kind="dense", filters=filters)
    _assert_nearest([p.paper_id for p in found.papers], assistant.store, found.query_embedding, 12, filters.where())


def test_when_chroma_cannot_list_the_vectors_its_own_search_serves(settings, monkeypatch, caplog):
    """A writer killed mid-write may leave an embedded store whose vectors cannot be listed ("Error finding
    id"; seen after a killed sync and its repair); Chroma's own search skips what it cannot place, and serves."""
    Assistant(settings).ingest([MINI_FEED], progress=False)
    listing = chromadb.api.models.Collection.Collection.get

    def get(self, ids=None, *args, include=None, **kwargs):
        if ids is None and include == ["embeddings"]:
            raise chromadb.errors.InternalError("Error executing plan: Internal error: Error finding id")
        return listing(self, ids, *args, include=include, **kwargs)

    monkeypatch.setattr(chromadb.api.models.Collection.Collection, "get", get)
    assistant = Assistant(settings)
    title = load_papers([MINI_FEED]).papers[0].title
    with caplog.at_level("WARNING"):
        found = assistant.retriever.retrieve(title, k=3, kind="dense")
    assert found.papers[0].title == title
    assert not isinstance(assistant.retriever._dense(None), ExactDense)
    assert "cannot be listed" in caplog.text


def test_a_listing_of_vectors_that_misses_records_is_not_searched(settings, monkeypatch):
    Assistant(settings).ingest([MINI_FEED], progress=False)
    listing = chromadb.api.models.Collection.Collection.get

    def get(self, ids=None, *args, include=None, **kwargs):
        got = listing(self, ids, *args, include=include, **kwargs)
        if ids is None and include == ["embeddings"] and len(got["ids"]):  # one record lost mid-listing
            got = {**got, "ids": got["ids"][1:], "embeddings": got["embeddings"][1:]}
        return got

    monkeypatch.setattr(chromadb.api.models.Collection.Collection, "get", get)
    assistant = Assistant(settings)
    assistant.retriever.retrieve("mixture of experts", k=3, kind="dense")
    assert not isinstance(assistant.retriever._dense(None), ExactDense)


def test_a_collection_too_large_to_search_exactly_is_searched_in_chroma_at_the_usual_breadth(settings, monkeypatch):
    """Past the exact limit the dense retriever is Chroma's; a store made when small ones were searched at
    ef 500 gets the usual breadth back."""
    Assistant(settings).ingest([MINI_FEED], progress=False)
    store = PaperStore(settings)
    store.collection.modify(configuration={"hnsw": {"ef_search": 500}})
    del store
    monkeypatch.setattr(store_module, "EXACT_UP_TO", 2)
    monkeypatch.setattr(retrieve_module, "EXACT_UP_TO", 2)
    assistant = Assistant(settings)
    assert assistant.store.collection.configuration_json["hnsw"]["ef_search"] == 100
    title = load_papers([MINI_FEED]).papers[0].title
    found = assistant.retriever.retrieve(title, k=3, kind="dense")
    assert not isinstance(assistant.retriever._dense(None), ExactDense)
    assert found.papers[0].title == title


def test_an_assistant_opened_before_another_process_ingests_answers_from_what_it_wrote(settings, tmp_path):
    """The app's answering process opens the empty store at start; the first ingest runs elsewhere; the first
    question, asked only after it, must see the papers (the process has derived nothing before it)."""
    waiting = Assistant(settings)
    assert waiting.store.count() == 0
    assert _cli_ingest(settings.vectorstore_dir, MINI_FEED).wait(timeout=300) == 0
    found = waiting.retriever.retrieve("How does upcycling turn dense models into mixture of experts?", kind="dense")
    assert found.papers, "the first retrieval after another process's ingest found nothing"
