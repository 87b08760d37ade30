"""The extractive answer's text: chosen sentences quoted verbatim under their paper, each with its
``[n]``; a line per paper for a "which papers" question; or, when the paper asked about does not
give what is asked, one sentence saying so."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from ..index.terms import TOKEN
from ..models import Focus
from .cite import CITATION
from .extractive import Quote
from .focus import FIGURE_ASKED
from .retrieve import RetrievedPaper


_SHORTEST_RECORDED = 5  # letters of the shortest word ``TermStats.capitalized`` records
_CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w.+-]*(?:\s+[A-Z][\w.+-]*)+")  # "Long Range Arena"


@dataclass(frozen=True)
class Written:
    text: str
    order: list[int]  # indices of retrieved papers, in order of first citation
    highlights: dict[int, list[str]]  # paper index -> quoted sentences


def inert(sentence: str) -> str:
    """A quoted sentence whose own bracketed numbers ("Smith [2002]", a reference "[12]") are escaped in
    Markdown, so that they read the same but are never taken for the answer's citations."""
    return CITATION.sub(lambda m: f"\\[{m[1]}\\]", sentence)


def quoted(papers: Sequence[RetrievedPaper], quotes: Sequence[Quote]) -> Written:
    """Each paper's quotes under its title, papers in the order of their best quote."""
    order: list[int] = []
    for quote in quotes:
        if quote.paper_index not in order:
            order.append(quote.paper_index)
    sections = []
    highlights: dict[int, list[str]] = {}
    for number, index in enumerate(order, start=1):
        mine = sorted((q for q in quotes if q.paper_index == index), key=lambda q: q.position)
        highlights[index] = [q.sentence for q in mine]
        bullets = "\n".join(f"- \u201c{inert(q.sentence)}\u201d [{number}]" for q in mine)
        sections.append(f"From *{papers[index].title}* [{number}]:\n{bullets}")
    return Written("\n\n".join(sections), order, highlights)


def listed(papers: Sequence[RetrievedPaper], best: dict[int, Quote]) -> Written:
    """One line per paper, with its best sentence: the answer to "which papers ...?"."""
    order = sorted(best, key=lambda i: (-best[i].score, i))
    lines = [f"- *{papers[i].title}* [{n}]: {inert(best[i].sentence)}" for n, i in enumerate(order, start=1)]
    return Written("Papers in the collection on this question:\n\n" + "\n".join(lines), order,
                   {i: [best[i].sentence] for i in order})


def not_stated_sentence(title: str, focus: Focus | None, number: int = 1, name: str = "", again: bool = False) -> str:
    """The one sentence that says the paper asked about lacks what is asked: "QuEST's abstract does not
    state the license [1]." or "EnergonAI's abstract gives no figure for the number of GPUs [1].";
    ``again``, for a further detail it lacks: "Nor does it state the license [1]." (a long title once)."""
    asks = focus.asks if focus and focus.asks else "what is asked"
    verb = "give a figure for" if focus and focus.figure else "state"
    if asks == FIGURE_ASKED:
        verb = "give"
    if again:
        return f"Nor does it {verb} {asks} [{number}]."
    what = {"give a figure for": "gives no figure for", "state": "does not state", "give": "does not give"}[verb]
    return f"{possessive(title, name)} abstract {what} {asks} [{number}]."


def not_stated(papers: Sequence[RetrievedPaper], named: int, focus: Focus, others: Sequence[int],
               name: str = "") -> Written:
    """The named paper does not give what is asked: one sentence says so. Other papers that do give it
    are named on a line of their own, as pointers, never as the answer (they are not cited)."""
    asks = focus.asks or "what is asked"
    text = not_stated_sentence(papers[named].title, focus, name=name)
    if others:
        titles = "; ".join(f"*{papers[i].title}*" for i in others)
        text += f"\n\nOther papers in the collection that give {'a figure for ' if focus.figure else ''}{asks}: {titles}."
    return Written(text, [named], {named: []})


def possessive(title: str, name: str = "") -> str:
    """"QuEST's" for a paper known by a short name (or by ``name``, the name the question gave it, as
    the title writes it: "Muon's"), else the title in italics, possessive."""
    short, colon, _ = title.partition(":")
    short = short.strip()
    if colon and short and len(short.split()) <= 3:
        name = short
    if not name:
        return f"*{title}*'s"
    return f"{name}'s" if not name.endswith("s") else f"{name}'"


def title_name(title: str, question: str, asked: Sequence[str], capitalized: Container[str] | None = None) -> str:
    """The word of ``title``, as written, that the question used for it ("Muon"), if any, and if it is a
    name: not a plain word ("Version", "Compute-Optimal", "drug"), nor one the question writes inside a
    run of capitals ("Long" of "Long Range Arena"; "Efficiently" of the whole title written out).
    ``capitalized``: the words the collection only writes with a capital (Muon), when known."""
    wanted = {a.casefold() for a in asked}
    in_runs = {w.casefold() for run in _CAPITALIZED_RUN.findall(question) for w in run.split()}

    def plain(word: str) -> bool:
        parts = word.split("-")
        if not all(part.isalpha() and (part.istitle() or part.islower()) for part in parts):
            return False  # GaLore, Qwen3, GAN
        if word.casefold() in in_runs or all(part.islower() for part in parts):
            return True
        if capitalized is None:
            return "-" in word  # "Compute-Optimal"; a capitalized word alone may be a name (Muon)
        # Megatron-Turing, Kangaroo; not "Version". Shorter words are not recorded: Muon may be a name
        return not any(part.casefold() in capitalized or len(part) < _SHORTEST_RECORDED for part in parts)

    words = TOKEN.findall(title)
    return next((w for w in words if w.casefold() in wanted and not plain(w)), "")
