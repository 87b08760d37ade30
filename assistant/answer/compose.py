"""Retrieved papers -> the LLM's prompt: sources within a token budget, quoted as data; the condensing of
a follow-up; and, after the answer, which source sentence each citation rests on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..index.chunking import split_sentences
from ..index.terms import content_terms
from ..models import NO_ANSWER, Focus
from .prompts import render
from .quoting import not_stated_sentence
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


def llm_messages(prompts_dir: Path, question: str, sources: list[PromptSource],
                 named: PromptSource | None = None, focus: Focus | None = None, name: str = "") -> list[dict[str, str]]:
    """``named``: the source the question asks about, if it names a paper; the model is then told to
    answer from it alone and, when it lacks what is asked (``focus``), to say so in one sentence."""
    blocks = "\n".join(
        render(prompts_dir, "source", number=s.number, title=_as_data(s.paper.title), text=_as_data(s.text))
        for s in sources
    )
    guidance = ""
    if named is not None:
        asks = focus.asks if focus and focus.asks else "what is asked"
        guidance = render(prompts_dir, "named", number=named.number, title=_as_data(named.paper.title), asks=asks,
                          not_stated=not_stated_sentence(named.paper.title, focus, named.number, name))
    return [
        {"role": "system", "content": render(prompts_dir, "system", no_answer=NO_ANSWER)},
        {"role": "user", "content": render(prompts_dir, "answer", sources=blocks, question=question, guidance=guidance)},
    ]


def condense_messages(prompts_dir: Path, history: list[tuple[str, str]], question: str) -> list[dict[str, str]]:
    lines = []
    for asked, answered in history[-3:]:
        lines.append(f"User: {asked}")
        lines.append(f"Assistant: {answered[:600]}")
    return [{"role": "user", "content": render(prompts_dir, "condense", history="\n".join(lines), question=question)}]


def is_no_answer(text: str) -> bool:
    return text.strip().rstrip(".").casefold() == NO_ANSWER.rstrip(".").casefold()


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
