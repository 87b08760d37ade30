"""Answers without an LLM: quote the sentences of the retrieved abstracts that answer the question.

Sentence vectors were stored at ingest, so ranking embeds nothing. A sentence scores by its
similarity to the question, the share of the question's content words it holds and how well its
paper matched, and then by what the question asks for:

- "how much / how many / how fast / by what factor / what accuracy": sentences that carry figures;
- "what does X do / what is X": the contribution sentence and the headline result;
- anything: background ("While many methods have been proposed...") only when nothing better exists.

Deterministic: the same store and question give the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import numpy as np

from ..index.records import StoredSentence
from ..index.terms import content_terms, names
from .retrieve import RetrievedPaper

_PAPER_LIST_QUESTION = re.compile(
    r"^\s*(which|what)\s+(papers?|works?|studies|articles|methods)\b|^\s*(list|name|find|show)\b.*\bpapers?\b"
    r"|^\s*(which|what)\s+(?:[\w-]+\s+){1,3}?(papers|works|studies|articles)\b"  # "which speculative decoding papers"
    # "papers that prune experts"; not "the paper on dropout" or "a paper that peeled off outliers": one paper
    r"|\bpapers\s+(that|which|about|on|discussing|studying|proposing)\b",
    re.IGNORECASE,
)
_QUANTITY_QUESTION = re.compile(
    r"\bhow\s+(much|many|fast|large|big|long|small|far|often|high|low)\b|\bby\s+what\s+(factor|margin|percent)"
    r"|\bwhat\s+(is\s+the\s+|was\s+the\s+)?(\S+\s+){0,4}?(accuracy|score|speed-?up|throughput|latency|mfu|ap|"
    r"map|pass@\d|perplexity|percentage|share|size|number|reduction|improvement|gain|rate|cost|fid|bleu)\b"
    r"|\b(up\s+to\s+)?how\s+(much|many)\b|\bwhat\s+\S+\s+does\b.*\breach\b|\breach(es|ed)?\b.*\?$",
    re.IGNORECASE,
)
# "Which datasets / models / benchmarks ...": answered by the sentence that names them.
_EVALUATED_QUESTION = re.compile(
    r"\b(which|what)\s+(\S+\s+){0,2}?(datasets?|benchmarks?|models?|networks?|tasks?|baselines?|architectures?|"
    r"languages?|hardware|gpus?)\b",
    re.IGNORECASE,
)
_DEFINITION_QUESTION = re.compile(
    r"^\s*(what\s+(does|do|did|is|are|was)\b|how\s+(does|do|did)\b|results?\s+of\b|how\s+well\b|"
    r"tell\s+me\s+about\b|explain\b|describe\b)",
    re.IGNORECASE,
)
# A figure as abstracts write them: 66.7%, 2.4x, 3times, 16K, 7B, 1.5 times, 8,192 tokens.
_FIGURE = re.compile(
    r"\d(?:[\d,.]*\d)?\s*(?:%|\\%|x\b|×|times|[kmbt]\b|points?\b|fold\b|ms\b|tokens/s|fps\b|ap\b|miou\b|"
    r"thousand|million|billion|trillion)"
    r"|\d+\.\d+|\b\d{2,}\b",
    re.IGNORECASE,
)
_CONTRIBUTION = re.compile(
    r"\b(we|this (paper|work|study))\s+(propose|introduce|present|develop|design|describe|release|build|"
    r"offer|provide|put forward)|\b(is|are)\s+(a|an)\s+(novel|new|simple|efficient|general)\b|"
    r"\bwe\s+(show|find|demonstrate)\b",
    re.IGNORECASE,
)
_RESULT = re.compile(r"\b(achiev|outperform|improv|reduc|speed|accelerat|surpass|reach|match|sav|cut)", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"^(however|while|although|despite|recent(ly)?|existing|current|traditional|conventional|prior|previous|"
    r"many|most|large language models|with the|as\s)\b|\b(have|has)\s+been\s+(proposed|studied|explored)|"
    r"\bremains?\s+(a\s+)?(challenge|challenging|unclear|open)|\bsuffer",
    re.IGNORECASE,
)
# Housekeeping that answers nothing: code links, licences, "available at".
_BOILERPLATE = re.compile(r"https?://|\bgithub\b|\b(code|models?|data(set)?|weights)\s+(is|are|will be)\s+(publicly\s+)?"
                          r"(available|released)|\bavailable at\b", re.IGNORECASE)
_WEIGHT_SIMILARITY, _WEIGHT_OVERLAP, _WEIGHT_PAPER = 0.6, 0.4, 0.2
_FIGURE_BONUS, _NO_FIGURE_PENALTY = 0.25, 0.1  # quantity questions
_CONTRIBUTION_BONUS, _RESULT_BONUS = 0.15, 0.1  # "what does X do"
_BACKGROUND_PENALTY = 0.15
_FOCUS_BONUS = 0.15  # the one paper a question names
_NAME_BONUS = 0.15  # times the share of the question's names the sentence writes
_MAX_PER_PAPER = 3
_RELATIVE_FLOOR = 0.75  # a quoted sentence scores at least this share of the best one


class Form(str, Enum):
    LIST = "list"  # which papers...?
    QUANTITY = "quantity"  # how much / how many / what accuracy...?
    EVALUATED = "evaluated"  # which datasets / models / benchmarks...?
    DEFINITION = "definition"  # what does X do / what is X?
    OTHER = "other"


def question_form(question: str) -> Form:
    if _PAPER_LIST_QUESTION.search(question):
        return Form.LIST
    if _QUANTITY_QUESTION.search(question):
        return Form.QUANTITY
    if _EVALUATED_QUESTION.search(question):
        return Form.EVALUATED
    if _DEFINITION_QUESTION.search(question):
        return Form.DEFINITION
    return Form.OTHER


def is_paper_list_question(question: str) -> bool:
    return question_form(question) is Form.LIST


def has_figure(sentence: str) -> bool:
    return bool(_FIGURE.search(sentence))


@dataclass(frozen=True)
class Quote:
    paper_index: int  # index into the retrieved papers
    position: int  # sentence position in the abstract
    sentence: str
    score: float
    similarity: float = 0.0  # cosine similarity to the question


class SentenceRanker:
    def rank(self, question: str, query_vector: list[float], papers: list[RetrievedPaper],
             sentences: dict[str, list[StoredSentence]], focus: int | None = None,
             form: Form | None = None) -> list[Quote]:
        """Every sentence of every retrieved abstract, best first. ``focus``: the index of the paper
        the question names, whose sentences go first when they answer at all. ``form``: what the
        question asks for (a follow-up's form is its own, though its words join the previous question)."""
        candidates = [(i, s) for i, paper in enumerate(papers) for s in sentences.get(paper.paper_id, [])]
        if not candidates:
            return []
        query = np.asarray(query_vector, dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        similarity = np.stack([s.vector for _, s in candidates]) @ query
        wanted = content_terms(question)
        form = form or question_form(question)
        asked_names = set(names(question))
        quotes = []
        for (index, stored), sim in zip(candidates, similarity):
            text = stored.text
            overlap = len(wanted & content_terms(text)) / len(wanted) if wanted else 0.0
            score = _WEIGHT_SIMILARITY * float(sim) + _WEIGHT_OVERLAP * overlap + _WEIGHT_PAPER * papers[index].similarity
            written = set(names(text))
            score += _form_bonus(form, text, asked_names, written)
            if asked_names and form is not Form.LIST:  # "lifts a Deformable-RFCN detector to what mAP?"
                score += _NAME_BONUS * len(asked_names & written) / len(asked_names)
            if index == focus:
                score += _FOCUS_BONUS
            quotes.append(Quote(index, stored.position, text, score, float(sim)))
        # Ties break on paper rank then position, so the order never depends on anything but the input.
        return sorted(quotes, key=lambda q: (-q.score, q.paper_index, q.position))


def _form_bonus(form: Form, sentence: str, asked_names: set[str], written: set[str]) -> float:
    """``written``: the names the sentence writes."""
    figure = has_figure(sentence)
    bonus = 0.0
    if form is Form.QUANTITY:
        bonus += _FIGURE_BONUS if figure else -_NO_FIGURE_PENALTY
    elif form is Form.EVALUATED:
        # names the question did not already say: the datasets, models or benchmarks it asks for
        bonus += _FIGURE_BONUS if written - asked_names else -_NO_FIGURE_PENALTY
    elif form is Form.DEFINITION:
        if _CONTRIBUTION.search(sentence):
            bonus += _CONTRIBUTION_BONUS
        if figure and _RESULT.search(sentence):
            bonus += _RESULT_BONUS
    if (_BACKGROUND.search(sentence) and not figure) or _BOILERPLATE.search(sentence):
        bonus -= _BACKGROUND_PENALTY
    return bonus


def select_quotes(ranked: list[Quote], limit: int, focus: int | None = None) -> list[Quote]:
    """The best sentences, at most a few per paper. With ``focus`` (the paper a question names), other
    papers are quoted only where they beat its best sentence: they must add something."""
    if not ranked:
        return []
    floor = ranked[0].score * _RELATIVE_FLOOR
    focus_best = next((q.score for q in ranked if q.paper_index == focus), None)
    chosen: list[Quote] = []
    per_paper: dict[int, int] = {}
    for quote in ranked:
        if len(chosen) == limit or quote.score < floor:
            break
        if per_paper.get(quote.paper_index, 0) >= _MAX_PER_PAPER:
            continue
        if focus_best is not None and quote.paper_index != focus and quote.score <= focus_best:
            continue
        per_paper[quote.paper_index] = per_paper.get(quote.paper_index, 0) + 1
        chosen.append(quote)
    return chosen


def best_per_paper(ranked: list[Quote], n_papers: int) -> dict[int, Quote]:
    best: dict[int, Quote] = {}
    for quote in ranked:
        if quote.paper_index not in best and quote.paper_index < n_papers:
            best[quote.paper_index] = quote
    return best
