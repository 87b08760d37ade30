"""A question of several parts ("How many GPUs were used, and how many days did it take?"): its focus
is the one ``read`` gives the whole, with the other parts' details as ``parts``, so that an answer
gives them all or says which it lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ...models import Focus
from .plain import as_asked
from .read import read_focus
from .words import OTHER_MEASURES, PHASES, WH_WORDS, group_words, singular

# "..., and how many days did it take?", "...; on how many GPUs?": a second question in the same sentence
_CLAUSE = re.compile(r"(?:,\s*|;\s*|\s+)and\s+(?=(?:exactly\s+|precisely\s+|roughly\s+|approximately\s+|about\s+)?"
                     r"(?:(?:on|in|at|for|with|by|over|from|under|across|during|between|after|to|up\s+to)\s+)?"
                     r"(?:how|what|which|where|when)\b)|;\s+", re.IGNORECASE)

_ASKED = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")  # "One approach trains a head... How many tokens/s did it reach?"
# "the detector that is trained with ... run?": a clause that describes the work, not the phase asked about
_DESCRIBING = re.compile(r"\b(?:that|which|who)\s+(?:is|are|was|were|has\s+been|had\s+been)\s+[^,?]*", re.IGNORECASE)
# "its latency in milliseconds", "measured in GPU hours": the unit the figure asked for is in
_IN_UNIT = re.compile(r"\b(?:in|measured\s+in|expressed\s+in)\s+(?:[\w-]+\s+){0,2}?(milliseconds|seconds|minutes|hours|"
                      r"days|weeks|gigabytes|megabytes|terabytes|watts)\b", re.IGNORECASE)
# "(up from 39.8%)", "setting aside its 200K vocabulary", "the 240T-token pool", "the 1B low-rank model": a
# figure the question states, which cannot be its answer. Not every figure it states: "when pre-training reached 1 trillion tokens" may sit
# beside the answer ("to 1 trillion tokens (with 600B synthetic data)"), where it is the only sign of the count
_GIVEN = re.compile(r"\b(?:from|besides|than|aside|except)\s+(?:(?:its|the|their|a|an)\s+)?(?P<x>[~≈]?\d[\w.,%×]*)|"
                    r"(?<![\w.-])(?P<y>\d[\d.,]*[kmbt]?)-[a-z]+|(?<![\w.-])(?P<z>\d[\d.,]*[bmt])\s+(?:[\w-]+\s+){0,2}?"
                    r"(?:models?|llms?|variants?|versions?|backbones?|teachers?|students?|checkpoints?)\b", re.IGNORECASE)

_LAST_COLON = re.compile(r"(?::|\s--?|\s—)\s+(?!.*(?::|\s--?\s|\s—\s))")  # "...: max speedup?", "... -- max speedup?"
_QUOTE = re.compile(r"[\"“”*]|'(?=\W|$)")  # "... in 'ZeRO: Memory Optimizations'?": a title's colon
_WH = re.compile(rf"\b(?:{'|'.join(sorted(WH_WORDS))})\b", re.IGNORECASE)
_AND_THE = re.compile(r",?\s+and\s+(?=the\s)", re.IGNORECASE)
_ORDERED = re.compile(r"[,:;]\s+(?=(?:please\s+)?(?:give|tell\s+me|report|state|list|name)\s)", re.IGNORECASE)
_ASKING = re.compile(r"\s*(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|had|may|might)\b",
                     re.IGNORECASE)  # "Do Language Models Use Their Depth Efficiently?" asks yes or no
# "in millimetres", "as a percentage": the unit a figure is asked in, and the measure it gives
_ASKED_UNIT = re.compile(r"\b(?:in|as\s+an?|as)\s+(millimet(?:er|re)s|mm|centimet(?:er|re)s|met(?:er|re)s|"
                         r"milliseconds|ms|seconds|minutes|hours|days|weeks|months|years|percent|percentage|"
                         r"percentage\s+points|gigabytes|GB|megabytes|MB|watts|hertz|Hz|degrees)\b(?!\s+of\b)",
                         re.IGNORECASE)
_UNIT_WORDS = {"mm": "millimetre", "millimeters": "millimetre", "millimetres": "millimetre", "cm": "distance",
               "centimeters": "distance", "centimetres": "distance", "meters": "distance", "metres": "distance",
               "ms": "time", "milliseconds": "time", "seconds": "time", "minutes": "time", "hours": "time",
               "days": "time", "weeks": "time", "percent": "percentage", "percentage points": "points",
               "gb": "memory", "gigabytes": "memory", "mb": "memory", "megabytes": "memory", "watts": "power",
               "hz": "frequency", "hertz": "frequency"}
_COUNTED_UNITS = frozenset({"months", "years", "degrees"})


def focus_of(question: str, own: Iterable[str] = ()) -> Focus:
    """The focus of a question. ``own``: the words of the title of the paper it asks about (its names
    there are not qualifiers)."""
    own = tuple(own)
    asked = _ASKED.split(question.strip())[-1]
    # the sentence that asks says what is asked, not the story before it ("A model lets each layer pick
    # which vision tokens to keep. What share of the TFLOPs ...?"), unless it only points back ("What was it?")
    focus = read_focus(asked, own) if asked != question.strip() else None
    if focus is None or not (focus.asks_detail or focus.kind == "list"):
        focus = read_focus(question, own)
    if not (focus.asks_detail or focus.kind == "list") and (unread := _unread(asked, own)):
        focus = unread
    given = tuple(dict.fromkeys((m["x"] or m["y"] or m["z"]).rstrip(".,").casefold() for m in _GIVEN.finditer(question)))
    clauses = _CLAUSE.split(asked)
    if len(clauses) < 2 and not _WH.search(asked):  # "give the number of clips and the total hours"
        clauses = _AND_THE.split(asked)
    if len(clauses) < 2 or focus.kind == "list":
        return replace(focus, **{**_context(asked, focus), "others": _others(question, _phase(asked))}, given=given)
    read = [(clause, read_focus(clause, own)) for clause in clauses]
    # each part has the phase, the qualifiers and the other measures of its own clause: "What share does it
    # keep, and how many training tokens?"; "a speedup on an ARM device, and how much lower was its top-1
    # error?"; "what vocabulary size does it use, and how many tokens was it trained on?"
    clause, own_part = next(((c, part) for c, part in read if part.asks == focus.asks), (asked, focus))
    parts = [replace(part, **_context(c, part), given=given) for c, part in read
             if part.asks_detail and part.words and part.asks != focus.asks]
    return replace(focus, **_context(clause, focus), given=given, qualifiers=own_part.qualifiers,
                   parts=tuple({part.asks: part for part in parts}.values()))


def _unread(asked: str, own: tuple[str, ...]) -> Focus | None:
    """The detail asked by a question no rule reads, when one of its forms says: the words after its last
    colon ("Weight-only quantization that ...: kernel speedup over GPTQ?"); a noun phrase of any length
    ("Path-X accuracy (seq. length 16K) of the exact attention algorithm that tiles ...?"); or the unit it
    asks in ("Give the two mean depths, in millimetres.")."""
    asking = asked.rstrip().endswith("?")  # a title pasted as a question asks nothing of the kind
    colon = _LAST_COLON.search(asked)
    forms = [asked[colon.end():]] if asking and colon and not _QUOTE.search(asked[colon.end():]) else []
    if ordered := list(_ORDERED.finditer(asked)):  # "For the DOLOS dataset, give the number of clips."
        forms.append(asked[ordered[-1].end():])
    if asking and not _WH.search(asked) and not _ASKING.match(asked):
        forms.append(as_asked(asked))
    for form in forms:
        if (focus := read_focus(form, own)).kind == "quantity":  # a free noun phrase names no thing reliably
            return focus
    if unit := _ASKED_UNIT.search(asked):
        word = unit[1].casefold()
        return read_focus(f"How {'many' if word in _COUNTED_UNITS else 'much'} {_UNIT_WORDS.get(word, word)}?", own)
    return None


def _context(clause: str, focus: Focus) -> dict:
    """The phase a clause speaks of, the other measures it does not, and the unit it asks in ("its latency
    in milliseconds": a time, which a speedup does not give)."""
    phase = _phase(clause)
    unit = _IN_UNIT.search(clause) if focus.kind == "quantity" and not focus.count else None
    in_unit = {"words": (unit[1].casefold(),), "terms": group_words(singular(unit[1].casefold()))} if unit else {}
    return {"phase": phase, "others": _others(clause, phase), **in_unit}


def _others(text: str, phase: str) -> tuple[str, ...]:
    """The measures a figure of the asked unit may belong to instead, unless the text speaks of them."""
    said = set(re.findall(r"[\w-]+", text.casefold()))
    return tuple(sorted(w for group in OTHER_MEASURES.get(phase, OTHER_MEASURES[""]) if not group & said for w in group))


def _phase(text: str) -> str:
    """"training" or "inference" when the text speaks of one of them only."""
    said = set(re.findall(r"[\w-]+", _DESCRIBING.sub(" ", text).casefold()))
    phases = [phase for phase, words in PHASES.items() if said & words]
    return phases[0] if len(phases) == 1 else ""
