"""The two ways an answer is written from the retrieved papers, each ending in a ``Draft``:

- extractive: the abstracts' own sentences, ranked against the question and quoted with ``[n]``;
- LLM: the abstracts in a prompt, the model's answer streamed, its markers renumbered and each of
  its claims checked against the sources it cites.

The ``Assistant`` turns a ``Draft`` into the ``Answer`` every face shows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..index.records import StoredSentence
from ..models import NO_ANSWER, Claim, Delta
from ..settings import Settings
from .cite import CitationRewriter
from .compose import cited_sentences, extractive_draft, fit_sources, is_no_answer, llm_messages
from .extractive import SentenceRanker, question_form
from .grounding import check_claims, drop_flagged
from .question import Run
from .retrieve import Retrieval, RetrievedPaper

if TYPE_CHECKING:
    from .llm import LLMClient

_NEAR_MISSES = 3  # papers listed apart when the assistant declines


@dataclass
class Draft:
    text: str
    cited: list[RetrievedPaper]  # in order of first citation: cited[n-1] is [n]
    retrieved: list[RetrievedPaper]
    highlights: dict[str, list[str]] = field(default_factory=dict)  # paper id -> the sentences the text uses
    abstained: bool = False
    dropped: int = 0  # markers that pointed to no source
    claims: Sequence[Claim] = ()


def declined(found: Retrieval) -> Draft:
    """The one "cannot answer" text, with the closest papers listed apart."""
    return Draft(NO_ANSWER, [], found.papers[:_NEAR_MISSES], abstained=True)


def extractive(run: Run, query: str, found: Retrieval, sentences: dict[str, list[StoredSentence]],
               ranker: SentenceRanker, limit: int) -> Draft:
    t = time.perf_counter()
    focus = run.evidence.title_paper if run.evidence and run.evidence.names_a_paper else None
    ranked = ranker.rank(query, found.query_embedding, found.papers, sentences, focus=focus,
                         form=question_form(run.question))
    draft = extractive_draft(run.question, found.papers, ranked, limit, focus)
    run.lap("generation", t)
    highlights = {found.papers[i].paper_id: lines for i, lines in draft.highlights.items()}
    return Draft(draft.text, [found.papers[i] for i in draft.order], found.papers, highlights)


def generated(run: Run, query: str, found: Retrieval, abstracts: dict[str, str],
              sentences: dict[str, list[StoredSentence]], llm: LLMClient, settings: Settings,
              embed: Callable[[list[str]], list[list[float]]]) -> Iterator[Delta | Draft]:
    """The LLM's answer as it streams (``Delta``), then its ``Draft``. Raises ``LLMError``."""
    sources = fit_sources(found.papers, abstracts, settings.context_tokens)
    messages = llm_messages(settings.prompts_dir, query, sources)
    rewriter = CitationRewriter(len(sources))
    parts: list[str] = []
    t = time.perf_counter()
    try:
        for token in llm.stream(messages):
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
        yield declined(found)
        return
    cited = [sources[n - 1].paper for n in rewriter.order]
    if not cited:
        run.notice = "The model's answer cites none of the papers; read it with care."
    claims: list[Claim] = []
    if settings.grounding != "off":
        t = time.perf_counter()
        claims = check_claims(text, [sentences.get(p.paper_id, []) for p in cited], embed)
        if settings.grounding == "drop":
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
    yield Draft(text, cited, [s.paper for s in sources], highlights, dropped=rewriter.dropped, claims=claims)
