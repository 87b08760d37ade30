"""The ``Assistant``: the one object the UI, the CLI, ``ask()`` and the eval harness all call.

question -> retrieve -> (abstain | LLM answer | extractive answer) -> cite -> Answer
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from . import heap
from .chunking import split_sentences
from .cite import CitationRewriter
from .compose import (
    cited_sentences,
    condense_messages,
    extractive_draft,
    fit_sources,
    is_no_answer,
    llm_messages,
)
from .embedding import make_embedding
from .errors import LLMError, PaperNotFound, QuestionError
from .evidence import Evidence, weigh
from .grounding import Claim, check_claims, drop_flagged
from .extractive import SentenceRanker, question_form
from .filters import Filters
from .corpus import BUNDLED_COLLECTION
from .ingest import IngestReport, ingest
from .models import NO_ANSWER, Answer, Delta, Source, Turn, listed
from .retrieve import Retrieval, RetrievedPaper, Retriever
from .settings import MAX_TOP_K, Mode, Settings, load_settings
from .store import PaperStore, StoredSentence, sentences_of
from .terms import content_words

if TYPE_CHECKING:
    from .llm import LLMClient

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")
_NEAR_MISSES = 3  # papers listed apart when the assistant declines
# Words by which a follow-up points back at the conversation ("how fast is it?", "what about those?").
_REFERRING = frozenset("it its it's they them their theirs this that these those he she his her same above "
                       "previous earlier former latter also".split())
_CONTINUING = ("and ", "what about", "how about", "why", "but ", "so ", "then ")


@dataclass
class _Run:
    question: str
    mode: Mode
    query: str = ""  # what retrieval searched for: the question, made standalone for a follow-up
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)
    notice: str = ""
    evidence: Evidence | None = None
    filters: Filters | None = None

    def lap(self, name: str, since: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - since


def clean_question(question: str, max_chars: int) -> str:
    text = " ".join(_CONTROL.sub(" ", question or "").split())
    if not text:
        raise QuestionError("Please type a question.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. Please shorten it."
        )
    return text


def leans_on_context(question: str) -> bool:
    """Whether a follow-up needs the previous turn to be understood (extractive mode has no LLM to ask)."""
    lowered = question.casefold()
    words = set(re.findall(r"[a-z']+", lowered))
    return bool(words & _REFERRING) or lowered.startswith(_CONTINUING) or not content_words(question)


class Assistant:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedding: BaseEmbedding | None = None,
        store: PaperStore | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.settings.effective_mode  # fail now, not on the first question, if mode=llm lacks an LLM
        self._embedding = embedding
        self._embedding_lock = threading.Lock()
        self.store = store or PaperStore(self.settings)
        self.llm: LLMClient | None = None
        if self.settings.llm_configured:
            from .llm import LLMClient  # openai is imported only by those who configured an LLM

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
               on_progress: Callable[[int, int], None] | None = None, collection: str | None = None) -> IngestReport:
        """``collection`` names the papers' collection for filters (default: each file's name; the
        bundled corpus is "daily-papers")."""
        if not paths:
            paths, collection = [self.settings.corpus_dir], collection or BUNDLED_COLLECTION
        return ingest(paths, self.settings, self.store, lambda: self.embedding, progress, on_progress, collection)

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
        meta = next(iter(records.values()))
        return {
            "paper_id": meta["paper_id"], "title": meta["title"], "abstract": meta.get("abstract", ""),
            "url": meta.get("url", ""), "date": meta.get("date", ""), "authors": list(listed(meta.get("authors"))),
            "categories": list(listed(meta.get("categories"))), "doi": meta.get("doi", ""), "arxiv_id": meta.get("arxiv_id", ""),
            "collection": meta.get("collection", ""), "source": meta.get("source", ""),
        }

    # Questions ------------------------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[Turn] = (), *, mode: str | None = None, top_k: int | None = None,
            retriever: str | None = None, filters: Filters | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, mode=mode, top_k=top_k, retriever=retriever, filters=filters):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(self, question: str, history: Sequence[Turn] = (), *, mode: str | None = None,
               top_k: int | None = None, retriever: str | None = None,
               filters: Filters | None = None) -> Iterator[Delta | Answer]:
        """Text deltas while the answer is written, then the ``Answer``. Raises only ``QuestionError``.

        ``filters`` restrict the papers searched and cited (dates, categories, collections)."""
        question = clean_question(question, self.settings.max_question_chars)
        try:
            chosen = Mode(mode) if mode else self.settings.effective_mode
        except ValueError:
            raise QuestionError(f"Unknown answer mode {mode!r}: use auto, extractive or llm.") from None
        if chosen is Mode.AUTO:
            chosen = self.settings.effective_mode
        run = _Run(question, chosen, filters=filters or None)
        if chosen is Mode.LLM and self.llm is None:
            run.mode = Mode.EXTRACTIVE
            run.notice = "No LLM is configured (set ASSISTANT_LLM_BASE_URL); showing the extractive answer."

        query = run.query = self._standalone(question, history, run)
        previous = self._followed_papers(question, history, run)
        t = time.perf_counter()
        if previous:
            found = self.retriever.among(query, previous, run.filters)
        else:
            found = self.retriever.retrieve(query, k=top_k, kind=retriever, filters=run.filters)
        run.lap("retrieval", t)
        if run.filters and not found.papers:
            run.notice = f"No paper in the collection matches the filters ({run.filters.describe()})."

        t = time.perf_counter()
        ids = [p.paper_id for p in found.papers]
        records = self.store.paper_records(ids)  # one read: sentences for every mode, abstracts for the LLM
        sentences = sentences_of(records, ids)
        evidence = run.evidence = self._evidence(query, found, sentences)
        run.lap("evidence", t)
        if not evidence.supported:
            yield self._finish(run, NO_ANSWER, found.papers[:_NEAR_MISSES], [], abstained=True)
            return
        if run.mode is Mode.LLM:
            try:
                abstracts = {pid: meta.get("abstract", "") for pid, meta in records.items()}
                yield from self._llm_answer(run, query, found, abstracts, sentences)
                return
            except LLMError as exc:
                run.notice = f"{exc}; showing the extractive answer instead."
                run.mode = Mode.EXTRACTIVE
        yield self._extractive_answer(run, query, found, sentences)

    def _followed_papers(self, question: str, history: Sequence[Turn], run: _Run) -> list[str]:
        """The papers an extractive follow-up that points back ("How much memory do they save?") is about."""
        if not history or run.mode is Mode.LLM or not history[-1].papers or not leans_on_context(question):
            return []
        return list(history[-1].papers)

    def _evidence(self, query: str, found: Retrieval, sentences: dict[str, list[StoredSentence]]) -> Evidence:
        vector = np.asarray(found.query_embedding, dtype=np.float32)
        vector = vector / (np.linalg.norm(vector) or 1.0)
        best_sentence = max((float(s.vector @ vector) for each in sentences.values() for s in each), default=0.0)
        return weigh(query, self.retriever.term_stats(), found.support, best_sentence,
                     [(p.title, " ".join(s.text for s in sentences.get(p.paper_id, []))) for p in found.papers],
                     self.settings.min_support)

    def _standalone(self, question: str, history: Sequence[Turn], run: _Run) -> str:
        """A follow-up made self-contained: condensed by the LLM, or joined to the previous question."""
        if not history:
            return question
        previous = history[-1]
        if run.mode is Mode.LLM and self.llm is not None:
            t = time.perf_counter()
            try:
                pairs = [(turn.question, turn.answer) for turn in history]
                rewritten = self.llm.complete(
                    condense_messages(self.settings.prompts_dir, pairs, question), max_tokens=120
                )
                rewritten = " ".join(rewritten.split())
                if 0 < len(rewritten) <= self.settings.max_question_chars:
                    return rewritten
            except LLMError:
                pass  # the joined form below still finds the right papers most of the time
            finally:
                run.lap("condense", t)
        return f"{previous.question} {question}" if leans_on_context(question) else question

    def _extractive_answer(self, run: _Run, query: str, found: Retrieval,
                           sentences: dict[str, list[StoredSentence]]) -> Answer:
        t = time.perf_counter()
        focus = run.evidence.title_paper if run.evidence and run.evidence.names_a_paper else None
        ranked = self.ranker.rank(query, found.query_embedding, found.papers, sentences, focus=focus,
                                  form=question_form(run.question))
        draft = extractive_draft(run.question, found.papers, ranked, self.settings.extractive_sentences, focus)
        run.lap("generation", t)
        cited = [found.papers[i] for i in draft.order]
        highlights = {found.papers[i].paper_id: lines for i, lines in draft.highlights.items()}
        return self._finish(run, draft.text, cited, found.papers, highlights=highlights)

    def _llm_answer(self, run: _Run, query: str, found: Retrieval, abstracts: dict[str, str],
                    sentences: dict[str, list[StoredSentence]]) -> Iterator[Delta | Answer]:
        assert self.llm is not None
        sources = fit_sources(found.papers, abstracts, self.settings.context_tokens)
        messages = llm_messages(self.settings.prompts_dir, query, sources)
        rewriter = CitationRewriter(len(sources))
        parts: list[str] = []
        t = time.perf_counter()
        try:
            for token in self.llm.stream(messages):
                if "first_token" not in run.timings:
                    run.timings["first_token"] = time.perf_counter() - run.started
                piece = rewriter.feed(token)
                if piece:
                    parts.append(piece)
                    yield Delta(piece)
            parts.append(rewriter.finish())
        finally:
            run.lap("generation", t)
        text = "".join(parts).strip()
        if is_no_answer(text):
            yield self._finish(run, NO_ANSWER, found.papers[:_NEAR_MISSES], [], abstained=True)
            return
        cited = [sources[n - 1].paper for n in rewriter.order]
        if not cited:
            run.notice = "The model's answer cites none of the papers; read it with care."
        claims: list[Claim] = []
        if self.settings.grounding != "off":
            t = time.perf_counter()
            claims = check_claims(text, [sentences.get(p.paper_id, []) for p in cited],
                                  self.embedding.get_text_embedding_batch)
            if self.settings.grounding == "drop":
                text, removed = drop_flagged(text, claims)
                if removed:
                    run.notice = (f"{removed} sentence(s) of the model's answer were removed: the papers they cite "
                                  "do not support them.")
                claims = [c for c in claims if not c.flagged]
            run.lap("grounding", t)
        highlights = {
            s.paper.paper_id: cited_sentences(text, s.text, number)
            for number, s in enumerate((sources[n - 1] for n in rewriter.order), start=1)
        }
        yield self._finish(run, text, cited, [s.paper for s in sources], highlights=highlights,
                           dropped=rewriter.dropped, claims=claims)

    def _finish(self, run: _Run, text: str, cited: list[RetrievedPaper], retrieved: list[RetrievedPaper],
                *, highlights: dict[str, list[str]] | None = None,
                abstained: bool = False, dropped: int = 0, claims: Sequence[Claim] = ()) -> Answer:
        highlights = highlights or {}
        cited_ids = {p.paper_id for p in cited}
        uncited = [p for p in retrieved if p.paper_id not in cited_ids]
        if abstained:
            cited, uncited = [], cited
        ranks = {p.paper_id: rank for rank, p in enumerate(retrieved or uncited, start=1)}
        run.timings["total"] = time.perf_counter() - run.started
        return Answer(
            question=run.question,
            query=run.query,
            text=text,
            sources=tuple(_source(p, highlights.get(p.paper_id, []), ranks) for p in cited),
            uncited=tuple(_source(p, [], ranks) for p in uncited),
            mode=run.mode.value,
            abstained=abstained,
            notice=run.notice,
            dropped_citations=dropped,
            timings=dict(run.timings),
            evidence=run.evidence,
            claims=tuple(claims),
            filters=run.filters.to_dict() if run.filters else None,
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
