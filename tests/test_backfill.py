"""Papers searchable first, sentence vectors filled in behind: the same answers before, during and
after the fill, a stopped fill or first ingest resumed, and the app's status line through the stages."""

from __future__ import annotations

import re
import threading

import numpy as np
import pytest

from assistant import Assistant
from assistant.faces.ui import ChatApp
from assistant.index import backfill, writer as writer_module
from assistant.index.records import SENTENCE_VECTORS_KEY, SENTENCES_LATER_KEY
from tests.conftest import MINI_FEED

QUESTIONS = [
    "How does upcycling turn dense models into mixture of experts?",
    "How much faster is parallel speculative decoding?",
    "Which papers discuss layer normalization?",
    "How do I bake sourdough bread?",
]


def _answers(assistant: Assistant) -> list[tuple]:
    out = []
    for question in QUESTIONS:
        answer = assistant.ask(question, mode="extractive")
        out.append((answer.text, [s.paper_id for s in answer.sources], [s.highlights for s in answer.sources],
                    answer.abstained))
    return out


@pytest.fixture
def full(tmp_path, settings) -> Assistant:
    """The same papers ingested the ordinary way, sentences embedded with their chunks."""
    reference = Assistant(settings.with_overrides(vectorstore_dir=tmp_path / "full"))
    reference.ingest([MINI_FEED], progress=False)
    return reference


def test_a_deferred_ingest_answers_as_a_full_one_before_and_after_its_sentences_are_filled_in(settings, full):
    deferred = Assistant(settings)
    report = deferred.ingest([MINI_FEED], progress=False, sentences_now=False)
    assert report.added == 8 and report.sentences_written == 0
    assert backfill.count(deferred.store) == 8
    ids = sorted(_paper_ids(full))
    with pytest.raises(ValueError, match="not stored yet"):
        deferred.store.paper_sentences(ids)  # no vectors and nothing to make them with: never zeros
    assert _answers(deferred) == _answers(full)  # the retrieved papers' sentences embedded with the answer

    version = deferred.store.version()
    assert deferred.fill_sentences() == 8
    assert backfill.count(deferred.store) == 0 and deferred.store.version() == version  # chunks untouched
    stored = deferred.store.paper_sentences(ids)
    expected = full.store.paper_sentences(ids)
    for pid in ids:
        assert [s.text for s in stored[pid]] == [s.text for s in expected[pid]]
        assert np.allclose(np.stack([s.vector for s in stored[pid]]), np.stack([s.vector for s in expected[pid]]))
    first = deferred.store.collection.get(ids=[f"{pid}:0" for pid in ids], include=["metadatas"])["metadatas"]
    assert all(SENTENCES_LATER_KEY not in m and m[SENTENCE_VECTORS_KEY] for m in first)
    assert _answers(deferred) == _answers(full)
    assert deferred.fill_sentences() == 0


def _paper_ids(assistant: Assistant) -> list[str]:
    return list(assistant.store.stored_papers())


def test_a_stopped_fill_is_finished_by_the_next_ingest_without_embedding_chunks_again(settings, monkeypatch):
    monkeypatch.setattr(backfill, "_PAGE", 3)
    deferred = Assistant(settings)
    deferred.ingest([MINI_FEED], progress=False, sentences_now=False)

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt  # the app stopped after one page

    with pytest.raises(KeyboardInterrupt):
        deferred.fill_sentences(on_progress=stop)
    assert backfill.count(deferred.store) == 5
    report = Assistant(settings).ingest([MINI_FEED], progress=False)
    assert report.unchanged == 8 and report.chunks_written == 0
    assert backfill.count(deferred.store) == 0


def test_the_apps_first_start_answers_while_sentences_are_filled_in_and_says_so(settings, monkeypatch):
    release, filling = threading.Event(), threading.Event()
    real_fill = backfill.fill

    def held_fill(store, embedding, on_progress=None, questions=None):
        on_progress(0, backfill.count(store))
        filling.set()
        assert release.wait(30)
        return real_fill(store, embedding, on_progress, questions)

    monkeypatch.setattr(backfill, "fill", held_fill)
    app = ChatApp(Assistant(settings))
    thread = app.start_indexing()
    assert thread is not None
    assert filling.wait(30)
    assert re.search(r"\*\*Corpus:\*\* 8 papers.*Embedding abstract sentences\*\* behind: 0 / 8 papers", app.status())
    assert app.busy()  # the status line keeps refreshing
    answer = app.answering.ask(QUESTIONS[0], mode="extractive")
    assert answer.sources and not answer.abstained
    release.set()
    thread.join(timeout=60)
    assert "Embedding abstract sentences" not in app.status() and not app.busy()
    assert backfill.count(app.answering.assistant.store) == 0
    assert app.answering.ask(QUESTIONS[0], mode="extractive").text == answer.text


def test_a_later_start_fills_in_what_a_stopped_start_left(settings):
    Assistant(settings).ingest([MINI_FEED], progress=False, sentences_now=False)
    app = ChatApp(Assistant(settings))
    thread = app.start_indexing()
    assert thread is None  # the papers are in: no first ingest, questions are answered at once
    app.answering.finish()
    assert backfill.count(app.answering.assistant.store) == 0


def test_a_stopped_first_ingest_is_resumed_by_the_next_start(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(writer_module, "WRITE_BATCH_CHUNKS", 2)
    settings = settings.with_overrides(corpus_dir=tmp_path / "corpus")
    settings.corpus_dir.mkdir()
    (settings.corpus_dir / MINI_FEED.name).write_bytes(MINI_FEED.read_bytes())

    def stop(done: int, total: int) -> None:
        if done >= 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Assistant(settings).ingest(on_progress=stop, progress=False, sentences_now=False)
    stopped = Assistant(settings)
    assert stopped.store.count() > 0 and stopped.store.pending()
    app = ChatApp(stopped)
    thread = app.start_indexing()
    assert thread is not None  # the first ingest goes on
    thread.join(timeout=60)
    assert app.answering.assistant.store.paper_count() == 8
    assert re.search(r"\*\*Corpus:\*\* 8 papers", app.status())


def test_a_fill_waits_while_a_question_is_being_answered(settings):
    deferred = Assistant(settings)
    deferred.ingest([MINI_FEED], progress=False, sentences_now=False)
    answering = deferred.stream(QUESTIONS[0], mode="extractive")
    answer = next(answering)  # the answer is out; the question ends when its reader closes it
    assert answer.sources
    fill = threading.Thread(target=deferred.fill_sentences)
    fill.start()
    fill.join(timeout=0.5)
    assert fill.is_alive() and backfill.count(deferred.store) == 8  # waiting for the question
    answering.close()
    fill.join(timeout=30)
    assert not fill.is_alive() and backfill.count(deferred.store) == 0
