"""Retrieved papers -> answer text: the LLM prompt (with a token budget) and the extractive write-up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..index.chunking import split_sentences
from ..index.terms import content_terms
from ..models import NO_ANSWER
from .extractive import Quote, best_per_paper, is_paper_list_question, select_quotes
from .prompts import render
from .retrieve import RetrievedPaper

_TAG = re.compile(r"<(/?)(sources?)\b", re.IGNORECASE)


@cache
def _tiktoken():
    from llama_index.core.utils import get_tokenizer  # points tiktoken at the encodings llama-index ships

    return get_tokenizer()


def count_tokens(text: str) -> int:
    return len(_tiktoken()(text))


def _as_data(text: str) -> str:
    """Abstract text cannot close or open the <source> blocks it is quoted in."""
    return _TAG.sub(lambda m: f"&lt;{m.group(1)}{m.group(2)}", text)


@dataclass(frozen=True)
class PromptSource:
    number: int
    paper: RetrievedPaper
    text: str


def fit_sources(papers: list[RetrievedPaper], abstracts: dict[str, str], budget: int) -> list[PromptSource]:
    """Whole abstracts while they fit, then the best passages, until the token budget is spent."""
    chosen: list[PromptSource] = []
    spent = 0
    for paper in papers:
        options = [abstracts.get(paper.paper_id, "")] + [p.text for p in paper.passages[:1]]
        for text in options:
            if not text:
                continue
            cost = count_tokens(text) + count_tokens(paper.title) + 20
            if spent + cost <= budget:
                chosen.append(PromptSource(len(chosen) + 1, paper, text))
                spent += cost
                break
    return chosen


def llm_messages(prompts_dir: Path, question: str, sources: list[PromptSource]) -> list[dict[str, str]]:
    blocks = "\n".join(
        render(prompts_dir, "source", number=s.number, title=_as_data(s.paper.title), text=_as_data(s.text))
        for s in sources
    )
    return [
        {"role": "system", "content": render(prompts_dir, "system", no_answer=NO_ANSWER)},
        {"role": "user", "content": render(prompts_dir, "answer", sources=blocks, question=question)},
    ]


def condense_messages(prompts_dir: Path, history: list[tuple[str, str]], question: str) -> list[dict[str, str]]:
    lines = []
    for asked, answered in history[-3:]:
        lines.append(f"User: {asked}")
        lines.append(f"Assistant: {answered[:600]}")
    return [{"role": "user", "content": render(prompts_dir, "condense", history="\n".join(lines), question=question)}]


def is_no_answer(text: str) -> bool:
    return text.strip().rstrip(".").casefold() == NO_ANSWER.rstrip(".").casefold()


@dataclass(frozen=True)
class ExtractiveDraft:
    text: str
    order: list[int]  # indices of retrieved papers, in order of first citation
    highlights: dict[int, list[str]]  # paper index -> quoted sentences


def extractive_draft(question: str, papers: list[RetrievedPaper], ranked: list[Quote], limit: int,
                     focus: int | None = None) -> ExtractiveDraft:
    if is_paper_list_question(question):
        best = best_per_paper(ranked, len(papers))
        order = sorted(best, key=lambda i: (-best[i].score, i))
        lines = [f"- *{papers[i].title}* [{n}]: {best[i].sentence}" for n, i in enumerate(order, start=1)]
        text = "Papers in the collection on this question:\n\n" + "\n".join(lines)
        return ExtractiveDraft(text, order, {i: [best[i].sentence] for i in order})

    quotes = select_quotes(ranked, limit, focus)
    order: list[int] = []
    for quote in quotes:
        if quote.paper_index not in order:
            order.append(quote.paper_index)
    sections = []
    highlights: dict[int, list[str]] = {}
    for number, index in enumerate(order, start=1):
        mine = sorted((q for q in quotes if q.paper_index == index), key=lambda q: q.position)
        highlights[index] = [q.sentence for q in mine]
        bullets = "\n".join(f"- \u201c{q.sentence}\u201d [{number}]" for q in mine)
        sections.append(f"From *{papers[index].title}* [{number}]:\n{bullets}")
    return ExtractiveDraft("\n\n".join(sections), order, highlights)


def cited_sentences(answer: str, source_text: str, number: int) -> list[str]:
    """The sentence of a source that best matches the answer sentences citing it as [number]."""
    marker = f"[{number}]"
    claims = " ".join(s for s in split_sentences(answer) if marker in s)
    wanted = content_terms(claims)
    if not wanted:
        return []
    scored = [(len(wanted & content_terms(s)), -i, s) for i, s in enumerate(split_sentences(source_text))]
    best = max(scored, default=None)
    return [best[2]] if best and best[0] > 0 else []
