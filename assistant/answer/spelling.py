"""A question's misspelled names, corrected against the collection's own spelling before retrieval.

"What does Kangroo do?" finds nothing by its words: BM25 has no "kangroo", and a dense vector of a
rare name is mostly noise. The collection spells "Kangaroo", one edit away, so the question is
searched as "What does Kangaroo do?", and the answer records both (``Evidence.corrections``).

Only words the collection never spells in any form are candidates, and only when they are written
as names (QuEST, Zebra-Lama, TinyVit; a word with a capital alone, such as Roman, only when it is
long enough), matched against the names and title words the collection spells, or are long
lower-case words, matched against its names alone (``TermStats.closest``); never across a
different number. A common word the collection happens not to use ("stock", "weather")
is left alone, so a question off the collection's topic stays off it.
"""

from __future__ import annotations

import re

from ..index.terms import names
from ..index.vocabulary import TermStats

_WORD = re.compile(r"[A-Za-z0-9]+(?:[.+-][A-Za-z0-9]+)*")
_LOWER_CASE_FROM = 6  # letters from which a word written in lower case may be a misspelled name


def _capitalized_only(word: str) -> bool:
    """'Roman', 'Tesla': a capital and nothing else that marks a name, which a short English word has too."""
    return word[:1].isupper() and word[1:].islower()


def correct(question: str, stats: TermStats) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The question as it should be searched, and each (as asked, as searched) replacement."""
    if not stats.vocabulary:
        return question, ()
    as_names = {n for n in names(question)}
    corrections: list[tuple[str, str]] = []

    def fix(match: re.Match) -> str:
        word = match.group()
        lowered = word.casefold()
        if stats.spells(lowered):
            return word
        written_as_name = lowered in as_names and (not _capitalized_only(word) or len(word) >= _LOWER_CASE_FROM)
        if not written_as_name and not (word.islower() and len(word) >= _LOWER_CASE_FROM):
            return word
        meant = stats.closest(lowered, names_only=not written_as_name)
        if meant is None:
            return word
        corrections.append((word, meant))
        return meant

    searched = _WORD.sub(fix, question)
    return searched, tuple(corrections)
