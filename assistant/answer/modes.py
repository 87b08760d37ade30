"""The two ways an answer is written from the retrieved papers, each ending in a ``Draft``:

- extractive: the abstracts' own sentences, ranked against the question and quoted with ``[n]``;
- LLM: the abstracts in a prompt, the model's answer streamed, its markers renumbered and each of
  its claims checked against the sources it cites.

The ``Assistant`` turns a ``Draft`` into the ``Answer`` every face shows.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import LLMUnavailable
from ..index.records import StoredSentence
from ..index.terms import content_terms, content_words, names, stem, words, written_names
from ..index.vocabulary import TermStats, short_name
from ..models import NO_ANSWER, Claim, Delta, Focus
from ..settings import Settings
from .cite import CitationRewriter
from .compose import cited_sentences, fit_sources, is_no_answer, llm_messages
from .naming import acronym, asked_names, marked_names, mentions, spelled_out, title_words
from .extractive import Quote, SentenceRanker, best_per_paper, question_form, select_quotes
from .focus import carries, restates
from .grounding import check_claims, drop_flagged
from .question import Run
from .quoting import listed, not_stated, not_stated_sentence, quoted, title_name
from .reasoning import REASONING, RESTART, ThinkSplitter
from .retrieve import Retrieval, RetrievedPaper

if TYPE_CHECKING:
    from .llm import LLMClient

_NEAR_MISSES = 3  # papers listed apart when the assistant declines
_FAR = 20  # tokens between the asked word and a new figure, when the sentences near it only restate the question
_OTHERS = 3  # papers named as giving what the paper asked about does not
_RELATIVE_FLOOR = 0.75  # a quoted sentence scores at least this share of the best one that gives the focus
_ON_TOPIC = 0.5  # a listed paper holds this share of what the best-matching one does
# or its best sentence scores this share of the best paper's, or its retrieval similarity this share of
# the best's (fitted on the team's and the second blind set's which-papers questions, 29 in all)
_CLOSE_SENTENCE, _CLOSE_RETRIEVAL = 0.8, 0.85
_SAYS_NOT_STATED = re.compile(r"abstract\s+(?:does\s+not|doesn't)\s+(?:state|give|mention|report|say)|"
                              r"gives\s+no\s+figure", re.IGNORECASE)
_FEW_PAPERS = 3  # a name this few papers mention identifies what the question is about
_COMMON_NAME = 0.05  # a name in more papers than this names nothing in particular (LLM, GPU)


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
               ranker: SentenceRanker, limit: int, stats: TermStats) -> Draft:
    """Quote the sentences that give what the question asks for (``run.evidence.focus``), from the
    paper it names if it names one; say so when none does. Sets whether the focus was found."""
    t = time.perf_counter()
    evidence = run.evidence
    assert evidence is not None and evidence.focus is not None
    focus, named = evidence.focus, evidence.named_paper
    own = (words(found.papers[named].title) if named is not None else set()) | words(run.question)

    def common(name: str) -> bool:  # names that tell nothing new: the field's, the paper's own, the question's
        return name in own or stats.common(stem(name), _COMMON_NAME)

    ranked = ranker.rank(query, found.query_embedding, found.papers, sentences, focus=named,
                         form=question_form(run.question))
    papers = found.papers
    if focus.kind == "list":
        best = best_per_paper(ranked, len(papers))
        on_topic = on_topic_papers(query, papers, sentences, stats, best)
        written, gave = listed(papers, {i: q for i, q in best.items() if i in on_topic}), bool(on_topic)
    elif named is not None:
        # "ConPET ... for LLMs: by how many times ...?": a name the field uses everywhere binds no sentence
        field = {n for n in marked_names(run.question) if stats.common(stem(n), _COMMON_NAME)}  # LLMs, not Language
        focus = replace(focus, qualifiers=tuple(q for q in focus.qualifiers if q not in field))
        mine = [q for q in ranked if q.paper_index == named]
        giving = _new_figures([q for q in mine if carries(q.sentence, focus, common, strict=True)], run.question, focus,
                              mine, common, strict=True)
        name = paper_name(papers[named].title, query, stats)
        chosen, lacking = _parts(focus, mine, select_quotes(giving, limit), common, strict=True)
        lacking = lacking if giving else [focus, *lacking]
        if chosen:  # what it gives, then each detail it lacks in a sentence of its own
            said = [not_stated_sentence(papers[named].title, part, name=name) for part in lacking]
            written = quoted(papers, chosen)
            written = replace(written, text="\n\n".join([written.text, *said]))
        else:
            others = list(dict.fromkeys(q.paper_index for q in ranked
                                        if q.paper_index != named and carries(q.sentence, focus, common, strict=True)))
            written = not_stated(papers, named, focus, others[:_OTHERS] if focus.terms else [], name=name)
            first, _, pointers = written.text.partition("\n\n")
            again = [not_stated_sentence(papers[named].title, part, again=True) for part in lacking[1:]]
            written = replace(written, text="\n\n".join([" ".join([first, *again]), *([pointers] if pointers else [])]))
        gave = not lacking
    else:  # the sentences that give it, from the papers that support the question, near the best of them
        asks_detail = focus.asks_detail
        mine = [q for q in ranked if q.paper_index in evidence.supporting] if asks_detail else ranked
        mine = mine or ranked
        if asks_detail:  # "GPU hours of StarCoder2-15B": only the papers that mention it may give them
            mentioning = papers_mentioning(query, papers, sentences, stats)
            mine = [q for q in mine if q.paper_index in mentioning] or mine
        # the focus's own words first, then a description's names bind less ("for CLIP data"), then any
        # figure; a proper name in the asked phrase itself ("the GSM8K score") always binds
        proper = {w.casefold() for w in focus.asks.split() if w[:1].isupper() or w[:1].isdigit()}
        bound = replace(focus, qualifiers=tuple(q for q in focus.qualifiers if q in proper))
        for attempt in (focus, bound):
            giving = [q for q in mine if carries(q.sentence, attempt, common, loose=False)]
            if giving:
                break
        else:
            giving = [q for q in mine if carries(q.sentence, bound, common)]
        giving = _new_figures(giving, run.question, focus, mine, common, strict=False)
        giving = [q for q in giving if q.score >= giving[0].score * _RELATIVE_FLOOR] if giving else []
        written, lacking = None, []
        if giving:
            chosen, lacking = _parts(focus, mine, select_quotes(giving, limit), common, strict=False)
            written = quoted(papers, chosen)
            if lacking:
                lines = [f"The retrieved abstracts do not give {part.asks}." for part in lacking]
                written = replace(written, text="\n\n".join([written.text, *lines]))
        gave = bool(giving) and not lacking
    run.lap("generation", t)
    run.evidence = replace(evidence, focus=replace(focus, found=gave))
    if written is None or not written.order:  # nothing retrieved gives it: say so, closest papers apart
        text = NO_ANSWER if focus.kind == "list" else f"The retrieved abstracts do not give {focus.asks or 'what is asked'}."
        return Draft(text, [], papers[:_NEAR_MISSES], abstained=True)
    highlights = {papers[i].paper_id: lines for i, lines in written.highlights.items() if lines}
    return Draft(written.text, [papers[i] for i in written.order], papers, highlights)


def _new_figures(giving: list[Quote], question: str, focus: Focus, mine: list[Quote],
                 common: Callable[[str], bool], strict: bool) -> list[Quote]:
    """The sentences that give a figure the question does not already write, when any does: one that
    only restates the question's figures tells the reader nothing new. When every one does ("claims of
    1.4 to 2x speedups"), one that writes the asked word farther from a new figure gives it ("the
    speedup ... decreases with model size to only 1.1x")."""
    new = [q for q in giving if not (focus.figure and restates(q.sentence, question))]
    if new or not giving or not focus.figure:
        return new or giving
    return [q for q in mine if not restates(q.sentence, question)
            and carries(q.sentence, focus, common, strict=strict, loose=False, reach=_FAR)] or giving


def _parts(focus: Focus, mine: list[Quote], chosen: list[Quote], common: Callable[[str], bool],
           strict: bool) -> tuple[list[Quote], list[Focus]]:
    """``chosen`` with the best sentence that gives each further part of the question ("..., and how
    many days did it take?"), and the parts no sentence gives."""
    lacking = []
    for part in focus.parts:
        if not part.qualifiers and part.words == focus.words:  # "... score on ACM 23, and what does the usual
            part = replace(part, qualifiers=focus.qualifiers)  # mode score?": the same measure, in the same setting
        best = next((q for q in mine if carries(q.sentence, part, common, strict=strict, loose=False)), None)
        if best is None:
            lacking.append(part)
        elif best not in chosen:
            chosen = [*chosen, best]
    return chosen, lacking


def papers_mentioning(query: str, papers: Sequence[RetrievedPaper], sentences: dict[str, list[StoredSentence]],
                      stats: TermStats) -> set[int]:
    """The papers that mention every name the question asks about that few papers use (StarCoder2-15B,
    not Adam); all of them when it asks about none."""
    asked = [n for n in asked_names(query, stats) if stats.df.get(stem(n), 0) <= _FEW_PAPERS]
    if not asked:
        return set(range(len(papers)))
    texts = [f"{p.title}. " + " ".join(s.text for s in sentences.get(p.paper_id, [])) for p in papers]
    held = [title_words(p.title) | words(text) for p, text in zip(papers, texts)]
    acronyms = {letters for n in written_names(query) if (letters := acronym(n))}
    # "latency-aware MPC" where the abstract says "model predictive control"
    return {i for i, words_of in enumerate(held)
            if all(mentions(n, words_of) or (n in acronyms and spelled_out(n, texts[i])) for n in asked)}


def paper_name(title: str, question: str, stats: TermStats) -> str:
    """What the answer calls the paper asked about: the name the question used for it, if that name is the
    paper's own ("Muon") and not one many papers use ("MODIS" of "The Summer Surface Urban Heat Island of
    Bucharest Retrieved from MODIS Images"), which would speak of all of them; else its title."""
    own = short_name(title)
    asked = [n for n in names(question) if n == own or stats.df.get(stem(n), 0) <= _FEW_PAPERS]  # names() folds
    return title_name(title, question, asked, stats.capitalized)


def on_topic_papers(query: str, papers: Sequence[RetrievedPaper], sentences: dict[str, list[StoredSentence]],
                    stats: TermStats, best: dict[int, Quote]) -> set[int]:
    """The papers that do what a "which papers ..." question asks about: those whose best sentence
    scores near the best paper's or that retrieval ranks near the best; and those that spell every
    name the question uses (ZeRO: in a title, ZeRO-Offload counts), or, when it uses none, hold half
    the weight of its distinctive terms that the best paper holds.

    The term rule alone dropped a third of the relevant papers on questions written outside the team
    (a list question describes its topic in words of its own, which a relevant abstract need not use);
    closeness alone drops papers that share the topic's words but not the question's phrasing."""
    texts = {i: " ".join(s.text for s in sentences.get(papers[i].paper_id, [])) for i in best}
    top_quote = max((q.score for q in best.values()), default=0.0)
    top_similarity = max((papers[i].similarity for i in best), default=0.0)
    close = {i for i, quote in best.items() if quote.score >= _CLOSE_SENTENCE * top_quote
             or papers[i].similarity >= _CLOSE_RETRIEVAL * top_similarity}
    asked = [n for n in names(query) if not stats.common(stem(n))]
    if asked:
        spelled = {i: title_words(papers[i].title) | words(texts[i]) for i in best}
        return close | {i for i in best if all(mentions(n, spelled[i]) for n in asked)}
    weights = {stem(w): stats.idf(stem(w)) for w in content_words(query) if not stats.common(stem(w))}
    total = sum(weights.values()) or 1.0
    held = {i: content_terms(papers[i].title) | content_terms(texts[i]) for i in best}
    shares = {i: sum(w for t, w in weights.items() if t in held[i]) / total for i in best}
    top_share = max(shares.values(), default=0.0)
    return close | {i for i, quote in best.items()
                    if shares[i] >= _ON_TOPIC * top_share and quote.score >= _ON_TOPIC * top_quote}


def generated(run: Run, query: str, found: Retrieval, abstracts: dict[str, str],
              sentences: dict[str, list[StoredSentence]], llm: LLMClient, settings: Settings,
              embed: Callable[[list[str]], list[list[float]]]) -> Iterator[Delta | Draft]:
    """The LLM's answer as it streams (``Delta``), then its ``Draft``. Raises ``LLMError``."""
    sources = fit_sources(found.papers, abstracts, settings.context_tokens)
    evidence = run.evidence
    named_id = found.papers[evidence.named_paper].paper_id if evidence and evidence.named_paper is not None else None
    named = next((s for s in sources if s.paper.paper_id == named_id), None)
    focus = evidence.focus if evidence else None
    messages = llm_messages(settings.prompts_dir, query, sources, named, focus,
                            name=title_name(named.paper.title, query, names(query)) if named else "")
    rewriter = CitationRewriter(len(sources))
    splitter = ThinkSplitter()  # <think> blocks inside the answer's text
    parts: list[str] = []
    thinking: list[str] = []
    t = time.perf_counter()
    try:
        for kind, token in llm.stream(messages):
            if "first_token" not in run.timings:
                run.timings["first_token"] = time.perf_counter() - run.started
            pieces = [(kind, token)] if kind == REASONING else splitter.feed(token)
            for piece_kind, piece in pieces:
                if piece_kind == REASONING:
                    thinking.append(piece)
                    yield Delta(piece, kind=REASONING)
                elif piece_kind == RESTART:  # the prompt opened a <think> block: that was thinking
                    rewriter, parts = CitationRewriter(len(sources)), []
                    yield Delta("", kind=RESTART)
                elif rewritten := rewriter.feed(piece):
                    parts.append(rewritten)
                    yield Delta(rewritten)
        for piece_kind, piece in splitter.finish():
            if piece_kind == REASONING:
                thinking.append(piece)
            else:
                parts.append(rewriter.feed(piece))
        parts.append(rewriter.finish())
    finally:
        run.lap("generation", t)
    run.reasoning = "".join(thinking).strip()
    text = "".join(parts).strip()
    if not text:
        raise LLMUnavailable(f"The LLM at {llm.base_url} returned an empty answer")
    if is_no_answer(text):
        yield declined(found)
        return
    cited = [sources[n - 1].paper for n in rewriter.order]
    if not cited:
        run.notice = "The model's answer cites none of the papers; read it with care."
    claims: list[Claim] = []
    if settings.grounding != "off":
        t = time.perf_counter()
        asked = next((n for n, p in enumerate(cited, start=1) if p.paper_id == named_id), None)
        claims = check_claims(text, [sentences.get(p.paper_id, []) for p in cited], embed, asked=asked,
                              titles=[p.title for p in cited])
        if settings.grounding == "drop":
            text, removed = drop_flagged(text, claims)
            if removed:
                run.notice = (f"{removed} sentence(s) of the model's answer were removed: the papers they cite "
                              "do not support them.")
            claims = [c for c in claims if not c.flagged]
        run.lap("grounding", t)
    if named is not None and focus is not None and focus.asks_detail:
        run.evidence = replace(evidence, focus=replace(focus, found=not _SAYS_NOT_STATED.search(text)))
    highlights = {
        s.paper.paper_id: cited_sentences(text, s.text, number)
        for number, s in enumerate((sources[n - 1] for n in rewriter.order), start=1)
    }
    yield Draft(text, cited, [s.paper for s in sources], highlights, dropped=rewriter.dropped, claims=claims)
