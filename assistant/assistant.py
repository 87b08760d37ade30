"""The ``Assistant``: the one object the UI, the CLI, ``ask()`` and the eval harness all call.

question -> (standalone query) -> retrieve -> evidence -> (decline | LLM draft | extractive draft) -> Answer

Each stage lives in its layer (``index/`` for the store, ``answer/`` for the rest); this class holds
the components they share and ties the stages together.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from .answer import modes
from .answer.evidence import Candidate, weigh
from .answer.extractive import Form, SentenceRanker, question_form
from .answer.filters import Filters
from .answer.focus import focus_of
from .answer.naming import question_names
from .answer.question import Run, clean_question, followed_papers, standalone
from .answer.retrieve import Retrieval, RetrievedPaper, Retriever
from .answer.spelling import as_meant, correct
from .corpus import BUNDLED_COLLECTION
from .errors import LLMError, PaperNotFound, QuestionError
from .index import backfill, heap, sources
from .index.chunking import split_sentences
from .index.embedding import make_embedding
from .index.ingest import IngestReport, ingest
from .index.records import StoredSentence, paper_fields, sentences_of
from .index.store import PaperStore
from .index.terms import words
from .index.vocabulary import TermStats
from .models import Answer, Delta, Evidence, Focus, Source, Turn
from .settings import MAX_TOP_K, Mode, Settings, load_settings

if TYPE_CHECKING:
    from .answer.llm import LLMClient

_LIST_DEPTH = 2  # a list question retrieves this many times the papers of an answer


class Assistant:
    def __init__(self, settings: Settings | None = None, *, embedding: BaseEmbedding | None = None,
                 store: PaperStore | None = None) -> None:
        self.settings = settings or load_settings()
        self.settings.effective_mode  # fail now, not on the first question, if mode=llm lacks an LLM
        self._embedding = embedding
        self._embedding_lock = threading.Lock()
        self.store = store or PaperStore(self.settings)
        self.questions = backfill.QuestionsFirst()
        self.llm: LLMClient | None = None
        if self.settings.llm_configured:
            from .answer.llm import LLMClient  # openai is imported only by those who configured an LLM

            self.llm = LLMClient(self.settings)

    # Components, made on first use -----------------------------------------------------------------

    @property
    def embedding(self) -> BaseEmbedding:
        with self._embedding_lock:
            if self._embedding is None:
                self._embedding = make_embedding(self.settings)
            return self._embedding

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.settings, self.store, self.embedding)

    @cached_property
    def ranker(self) -> SentenceRanker:
        return SentenceRanker()

    def warm_up(self) -> None:
        """Load the embedding model and build the retrievers now, so the first question is not the slow one."""
        if self.store.count():
            self.retriever.retrieve("warm up", k=1)
            if self.llm is not None:  # the claim check splits sentences (Punkt loads in ~1 s) and embeds them
                self.embedding.get_text_embedding_batch(split_sentences("Warm up. Warm up again."))
        heap.trim()  # what opening the store and its indexes read and freed

    # Corpus ---------------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path | str] | None = None, progress: bool = True,
               on_progress: Callable[[int, int], None] | None = None, collection: str | None = None,
               sentences_now: bool = True) -> IngestReport:
        """``collection`` names the papers' collection for filters (default: each file's name; the
        bundled corpus is "daily-papers"). ``sentences_now`` off: ``fill_sentences`` embeds them later."""
        if not paths:
            paths, collection = [self.settings.corpus_dir], collection or BUNDLED_COLLECTION
        return ingest(paths, self.settings, self.store, lambda: self.embedding, progress, on_progress, collection,
                      sentences_now=sentences_now)

    def fill_sentences(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Embed the abstract sentences an ingest left for later (``index/backfill.py``); papers filled."""
        with self.store.write_lock():
            return backfill.fill(self.store, lambda: self.embedding, on_progress, self.questions)

    def sync(self, progress: bool = False) -> list:
        """Read every source ingested so far again and apply the difference (``index/sync.py``);
        one ``Synced`` per source, whose ``line()`` says what changed."""
        from .index.sync import sync

        return sync(self.settings, self.store, lambda: self.embedding, progress=progress)

    def ensure_corpus(self, progress: bool = True,
                      on_progress: Callable[[int, int], None] | None = None) -> IngestReport | None:
        """Ingest the bundled corpus when the store is empty (first start on a new machine)."""
        if self.store.count() == 0:
            return self.ingest(progress=progress, on_progress=on_progress)
        return None

    def status(self) -> dict[str, object]:
        stats = self.store.stats()
        return {
            **stats,
            "store": self.store.location,
            "collection": self.store.name,
            "mode": self.settings.effective_mode.value,
            "llm": self.llm.describe() if self.llm else None,
            "other_collections": self.store.other_collections(),
            "sources": [source.describe() for source in sources.load(self.store).values()],
            "keyword_index": self.retriever.keyword_status or "ready",
            **self.retriever.facets(),  # collections and categories, for filters
        }

    # Papers ---------------------------------------------------------------------------------------

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[Source]:
        """The papers that best match ``query``, best first, each with its best passage: retrieval
        alone, no answer and no decline (an MCP client or a script decides what to do with them)."""
        query = clean_question(query, self.settings.max_question_chars)
        k = self.settings.top_k if k is None else k
        if not 1 <= k <= MAX_TOP_K:
            raise QuestionError(f"k must be between 1 and {MAX_TOP_K}; {k} was asked for.")
        found = self.retriever.retrieve(query, k=k, filters=filters or None)
        ranks = {p.paper_id: rank for rank, p in enumerate(found.papers, start=1)}
        return [_source(p, [], ranks) for p in found.papers]

    def paper(self, paper_id: str) -> dict[str, object]:
        """One stored paper: title, abstract and metadata, by its id or its arXiv id."""
        key = " ".join(str(paper_id or "").split())
        if not key or len(key) > 64:
            raise PaperNotFound("Give a paper id (16 hexadecimal characters, as search results show) or an arXiv id.")
        records = self.store.paper_records([key]) if re.fullmatch(r"[0-9a-f]{16}", key) else {}
        if not records:
            records = self.store.records_where({"$and": [{"arxiv_id": key}, {"chunk_index": 0}]})
        if not records:
            raise PaperNotFound(f"No paper with id {key!r} in the collection.")
        return paper_fields(next(iter(records.values())))

    # Questions ------------------------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[Turn] = (), *, mode: str | None = None, top_k: int | None = None,
            retriever: str | None = None, filters: Filters | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, mode=mode, top_k=top_k, retriever=retriever, filters=filters):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(self, question: str, history: Sequence[Turn] = (), **options) -> Iterator[Delta | Answer]:
        """Text deltas while the answer is written, then the ``Answer``. Raises only ``QuestionError``.

        Options: ``mode``, ``top_k``, ``retriever``, and ``filters`` that restrict the papers searched
        and cited (dates, categories, collections). A sentence fill in progress waits for it."""
        with self.questions.asking():
            yield from self._stream(question, history, **options)

    def _stream(self, question: str, history: Sequence[Turn], *, mode: str | None = None, top_k: int | None = None,
                retriever: str | None = None, filters: Filters | None = None) -> Iterator[Delta | Answer]:
        question = clean_question(question, self.settings.max_question_chars)
        try:
            chosen = Mode(mode) if mode else self.settings.effective_mode
        except ValueError:
            raise QuestionError(f"Unknown answer mode {mode!r}: use auto, extractive or llm.") from None
        if chosen is Mode.AUTO:
            chosen = self.settings.effective_mode
        run = Run(question, chosen, filters=filters or None)
        if chosen is Mode.LLM and self.llm is None:
            run.mode = Mode.EXTRACTIVE
            run.notice = "No LLM is configured (set ASSISTANT_LLM_BASE_URL); showing the extractive answer."

        stats = self.retriever.term_stats()
        query = standalone(run, history, self.llm, self.settings.prompts_dir, self.settings.max_question_chars)
        query, corrections = correct(query, stats)  # a misspelled name searched as the collection spells it
        run.query = query
        asked, _ = correct(question, stats)
        listing = question_form(asked) is Form.LIST
        previous = followed_papers(question, history, run.mode)
        t = time.perf_counter()
        if previous:
            found = self.retriever.among(query, previous, run.filters)
        else:
            k = top_k or self.settings.top_k
            if listing:  # "which papers ...?" wants every paper that does it, not the usual few
                k = max(k, min(MAX_TOP_K, k * _LIST_DEPTH))
            found = self.retriever.retrieve(query, k=k, kind=retriever, filters=run.filters)
            by_name = [pid for n in question_names(query, stats) for pid in stats.named.get(n, [])]
            found = self.retriever.including(found, by_name, run.filters)
        run.lap("retrieval", t)
        if run.filters and not found.papers:
            run.notice = f"No paper in the collection matches the filters ({run.filters.describe()})."

        t = time.perf_counter()
        ids = [p.paper_id for p in found.papers]
        records = self.store.paper_records(ids)  # one read: sentences for every mode, abstracts for the LLM
        sentences = sentences_of(records, ids, self.embedding.get_text_embedding_batch)
        evidence = self._evidence(query, found, sentences, stats, corrections, may_name=not listing,
                                  followed=bool(previous), focus=focus_of(meant := as_meant(asked, stats)))
        named = found.papers[evidence.paper].title if evidence.named_paper is not None else ""
        run.evidence = replace(evidence, focus=focus_of(meant, own=words(named)))
        run.lap("evidence", t)
        if not evidence.supported:
            yield self._finish(run, modes.declined(found))
            return
        if run.mode is Mode.LLM:
            try:
                abstracts = {pid: meta.get("abstract", "") for pid, meta in records.items()}
                for event in modes.generated(run, query, found, abstracts, sentences, self.llm, self.settings,
                                             self.embedding.get_text_embedding_batch):
                    yield event if isinstance(event, Delta) else self._finish(run, event)
                return
            except LLMError as exc:
                run.notice = f"{exc}; showing the extractive answer instead."
                run.mode = Mode.EXTRACTIVE
        draft = modes.extractive(run, query, found, sentences, self.ranker, self.settings.extractive_sentences, stats)
        yield self._finish(run, draft)

    def _evidence(self, query: str, found: Retrieval, sentences: dict[str, list[StoredSentence]], stats: TermStats,
                  corrections: Sequence[tuple[str, str]], may_name: bool, followed: bool, focus: Focus) -> Evidence:
        vector = np.asarray(found.query_embedding, dtype=np.float32)
        vector = vector / (np.linalg.norm(vector) or 1.0)
        candidates = []
        for paper in found.papers:
            mine = sentences.get(paper.paper_id, [])
            best = max((float(s.vector @ vector) for s in mine), default=0.0)
            candidates.append(Candidate(paper.title, " ".join(s.text for s in mine), best, paper.similarity,
                                        tuple(s.text for s in mine)))
        return weigh(query, stats, candidates, self.settings.min_support, corrections=corrections, may_name=may_name,
                     followed=followed, focus=focus)

    def _finish(self, run: Run, draft: modes.Draft) -> Answer:
        cited_ids = {p.paper_id for p in draft.cited}
        uncited = [p for p in draft.retrieved if p.paper_id not in cited_ids]
        ranks = {p.paper_id: rank for rank, p in enumerate(draft.retrieved, start=1)}
        run.timings["total"] = time.perf_counter() - run.started
        return Answer(
            question=run.question,
            query=run.query,
            text=draft.text,
            sources=tuple(_source(p, draft.highlights.get(p.paper_id, []), ranks) for p in draft.cited),
            uncited=tuple(_source(p, [], ranks) for p in uncited),
            mode=run.mode.value,
            abstained=draft.abstained,
            notice=run.notice,
            dropped_citations=draft.dropped,
            timings=dict(run.timings),
            evidence=run.evidence,
            claims=tuple(draft.claims),
            filters=run.filters.to_dict() if run.filters else None,
            reasoning=run.reasoning,
        )


def _source(paper: RetrievedPaper, highlights: list[str], ranks: dict[str, int]) -> Source:
    passages = tuple(p.text for p in paper.passages)
    snippet = next((p for p in passages if any(h in p for h in highlights)), None)
    if snippet is None:
        snippet = highlights[0] if highlights else passages[0]
    return Source(
        paper_id=paper.paper_id,
        title=paper.title,
        snippet=snippet,
        score=round(max(0.0, paper.similarity), 4),
        rank=ranks.get(paper.paper_id, 0),
        url=paper.url,
        date=paper.date,
        passages=passages,
        highlights=tuple(highlights),
        authors=paper.authors,
        categories=paper.categories,
        doi=paper.doi,
        arxiv_id=paper.arxiv_id,
        collection=paper.collection,
    )
