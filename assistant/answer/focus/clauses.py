"""A question of several parts ("How many GPUs were used, and how many days did it take?"): its focus
is the one ``read`` gives the whole, with the other parts' details as ``parts``, so that an answer
gives them all or says which it lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ...models import Focus
from .read import read_focus

# "..., and how many days did it take?", "...; on how many GPUs?": a second question in the same sentence
_CLAUSE = re.compile(r"(?:,\s*|;\s*|\s+)and\s+(?=(?:on\s+|in\s+|at\s+|for\s+|with\s+)?(?:how|what|which|where)\b)|;\s+",
                     re.IGNORECASE)


def focus_of(question: str, own: Iterable[str] = ()) -> Focus:
    """The focus of a question. ``own``: the words of the title of the paper it asks about (its names
    there are not qualifiers)."""
    focus = read_focus(question, own)
    clauses = _CLAUSE.split(question)
    if len(clauses) < 2 or focus.kind == "list":
        return focus
    parts = [part for part in (read_focus(clause, own) for clause in clauses)
             if part.asks_detail and part.words and part.asks != focus.asks]
    return replace(focus, parts=tuple({part.asks: part for part in parts}.values()))
