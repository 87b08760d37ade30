"""Sentence vectors filled in behind: the app's first start makes papers searchable before it embeds
their abstract sentences.

On a fresh machine the first answer waited for every text to be embedded, and four fifths of those
texts are abstract sentences, which only pick the quoted sentences of papers already retrieved. So
the first start writes each paper's chunks with its sentences' texts but not their vectors (its first
chunk marked ``records.SENTENCES_LATER_KEY``), answers as soon as the chunks are in (the sentences of
a retrieved paper still unfilled are embedded with the answer: ``records.sentences_of``), and this
module fills the vectors in behind, a page of papers at a time. A fill that is stopped resumes from
the marks on the next start or ingest; an update never touches a chunk's text or vector, so the
store's version and the keyword index stay as they are.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from .records import SENTENCE_VECTORS_KEY, SENTENCES_LATER_KEY, embed_grouped, encode_vectors, sentence_texts

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from .store import PaperStore

_PAGE = 16  # papers per fill step: about 75 sentences, half a second's work, one store update
_QUESTION_WAIT = 30.0  # seconds a fill step waits for questions in flight (a long LLM answer) at most


class QuestionsFirst:
    """Questions being answered; a fill waits between its steps while there are any, so a question
    asked during the fill has the cores to itself (an answer is a fraction of a second of them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self._idle = threading.Event()
        self._idle.set()

    @contextlib.contextmanager
    def asking(self) -> Iterator[None]:
        with self._lock:
            self._count += 1
            self._idle.clear()
        try:
            yield
        finally:
            with self._lock:
                self._count -= 1
                if not self._count:
                    self._idle.set()

    def wait(self) -> None:
        self._idle.wait(_QUESTION_WAIT)


def behind(store: PaperStore, limit: int | None = None) -> dict[str, dict[str, Any]]:
    """First chunks (id -> metadata) still waiting for their sentence vectors."""
    got = store.collection.get(where={SENTENCES_LATER_KEY: True}, include=["metadatas"], limit=limit)
    return dict(zip(got["ids"], got["metadatas"]))


def count(store: PaperStore) -> int:
    """Papers whose sentence vectors are still to be filled in."""
    return len(store.collection.get(where={SENTENCES_LATER_KEY: True}, include=[])["ids"])


def fill(store: PaperStore, embedding: Callable[[], BaseEmbedding],
         on_progress: Callable[[int, int], None] | None = None, questions: QuestionsFirst | None = None) -> int:
    """Embed the sentences of every marked paper and store them; returns how many papers were filled.
    The caller holds the store's write lock. ``on_progress(done, total)`` hears of each page; each
    page waits for ``questions`` in flight first."""
    total = count(store)
    done = 0
    if not total:
        return 0
    model = embedding()
    seen: set[str] = set()
    while (questions is None or questions.wait() is None) and (page := behind(store, _PAGE)):
        if seen.issuperset(page):  # an update that did not clear its marks would loop for ever
            raise StoreError(f"the store at {store.location} kept the sentence marks of {len(page)} papers "
                             "after their vectors were written")
        seen.update(page)
        vectors = embed_grouped(model.get_text_embedding_batch, [sentence_texts(meta) for meta in page.values()])
        # Chroma merges an update's metadata into the record's; a None value removes the key.
        store.collection.update(ids=list(page), metadatas=[
            {SENTENCE_VECTORS_KEY: encode_vectors(v), SENTENCES_LATER_KEY: None} for v in vectors])
        done += len(page)
        if on_progress:
            on_progress(min(done, total), total)
    return done
