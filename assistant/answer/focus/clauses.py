"""A question of several parts ("How many GPUs were used, and how many days did it take?"): its focus
is the one ``read`` gives the whole, with the other parts' details as ``parts``, so that an answer
gives them all or says which it lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ...models import Focus
from .read import read_focus
from .words import OTHER_MEASURES, PHASES

# "..., and how many days did it take?", "...; on how many GPUs?": a second question in the same sentence
_CLAUSE = re.compile(r"(?:,\s*|;\s*|\s+)and\s+(?=(?:on\s+|in\s+|at\s+|for\s+|with\s+)?(?:how|what|which|where)\b)|;\s+",
                     re.IGNORECASE)

_ASKED = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")  # "One approach trains a head... How many tokens/s did it reach?"


def focus_of(question: str, own: Iterable[str] = ()) -> Focus:
    """The focus of a question. ``own``: the words of the title of the paper it asks about (its names
    there are not qualifiers)."""
    words = set(re.findall(r"[\w-]+", question.casefold()))
    asked = set(re.findall(r"[\w-]+", _ASKED.split(question.strip())[-1].casefold()))
    # the phase of the sentence that asks, not of the story before it
    phases = [phase for phase, said in PHASES.items() if asked & said]
    phase = phases[0] if len(phases) == 1 else ""
    others = sorted(w for group in OTHER_MEASURES.get(phase, OTHER_MEASURES[""]) if not group & words for w in group)
    context = {"phase": phase, "others": tuple(others)}
    focus = replace(read_focus(question, own), **context)
    clauses = _CLAUSE.split(question)
    if len(clauses) < 2 or focus.kind == "list":
        return focus
    parts = [replace(part, **context) for part in (read_focus(clause, own) for clause in clauses)
             if part.asks_detail and part.words and part.asks != focus.asks]
    return replace(focus, parts=tuple({part.asks: part for part in parts}.values()))
