"""What a sentence's figures are: a figure at all (64, 2.4x, 66.7%, eight; not 3D or ResNet50), and one
that names a year or counts something else than the measure asked for."""

from __future__ import annotations

import re

from .words import singular

NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozen dozens hundred "
                         "hundreds thousand thousands million millions billion billions twice half quarter".split())
MULTIPLIERS = frozenset({"times", "fold"})
LEADING_DIGIT = re.compile(r"^[~≈<>+-]?\d")
# "4.2 times fewer": a factor, not a time; 29ms, 80GB, 3.2TFLOPS: a figure with its unit
_UNIT_LETTERS = frozenset("x k m b t times fold e xx pp ms s us ns h hr hrs min kb mb gb tb gib mib tflops pflops "
                          "gflops flops w kw".split()) | {""}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "in August 2012", "since 2019", "1990-2008", "from 1898": when something happened
DATE = re.compile(r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                  r"(?:\s+\d{1,2},)?|in|since|from|by|until|before|after|between)\s+(?:1[6-9]|20)\d\d\b"
                  r"|\b(?:1[6-9]|20)\d\d\s*[-–]\s*(?:1[6-9]|20)\d\d\b")  # "between 2000 and 2012", "1898-1900"
_WHOLE = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")  # a whole number, without unit, decimals or %
_COUNTED_WITHIN = 3  # words from a whole number to the plural noun it counts ("19 commonly used benchmarks")
_OF = frozenset("of in on at to for with by from over across into under between among than about and or the a an"
                .split())


def is_figure(token: str) -> bool:
    """64, 2.4x, 66.7%, 1.5B, 11%-37%, 3~5x, 10^{26}, 6-billion-parameter, 600B-parameter, eight; not 3D,
    ResNet50 or Llama-2, which are names."""
    word = token.strip(".,;:()[]{}").casefold()
    if word in NUMBER_WORDS:
        return True
    if not LEADING_DIGIT.match(word):
        return False
    letters = re.sub(r"[^a-z]", "", word)
    head = word.split("-")[0]  # "6-billion-parameter", "600B-parameter": a figure leads the compound
    return letters in _UNIT_LETTERS or ("-" in word and (head.replace(".", "").isdigit() or is_figure(head)))


def counts_other(tokens: list[str], lowered: list[str], j: int, terms: set[str], scored: bool) -> bool:
    """Whether the figure at ``j`` is a year of the name before it ("DiHARD 2018") or, where a score is
    asked, a count of what follows it ("the highest average score in 19 commonly used benchmarks")."""
    if _YEAR.match(lowered[j]) and j and tokens[j - 1][:1].isupper() and not DATE.match(f"{tokens[j - 1]} {tokens[j]}"):
        return True
    if not scored or not _WHOLE.match(lowered[j]):
        return False
    for word in lowered[j + 1 : j + 1 + _COUNTED_WITHIN]:
        if not word.isalpha() or word in _OF or singular(word) in terms or word in _UNIT_LETTERS:
            return False
        if len(word) > 3 and singular(word) != word:
            return True
    return False
