"""A question's misspelled names, corrected against the collection's own spelling before retrieval.

"What does Kangroo do?" finds nothing by its words: BM25 has no "kangroo", and a dense vector of a
rare name is mostly noise. The collection spells "Kangaroo", one edit away, so the question is
searched as "What does Kangaroo do?", and the answer records both (``Evidence.corrections``).

Only words the collection never spells in any form are candidates, and only when they are written
as names (QuEST, Zebra-Lama, TinyVit; a word with a capital alone, such as Roman, when it is long
enough or stands before another name: "Issac Gym"), matched against the names and title words the
collection spells, or are long lower-case words, matched against its names alone, or short ones with
a capital alone ("Hydar"), against its names written so (``TermStats.closest``); never across a
different number. A common word the collection happens not to use ("stock", "weather")
is left alone, so a question off the collection's topic stays off it. A misspelled question word
at the start ("Wich languages...?") is read as meant, since it tells what is asked.
"""

from __future__ import annotations

import re

from rapidfuzz import distance, process

from ..index.terms import TOKEN, names, stem
from ..index.vocabulary import TermStats

_LOWER_CASE_FROM = 6  # letters from which a word written in lower case may be a misspelled name
# A question's opening word tells what it asks ("Wich languages...?" asks for names); one edit forgiven.
_QUESTION_WORDS = ("which", "what", "where", "when", "how", "who", "whose", "why")
# Openings that are words of their own ("Were the weights released?", "Show me papers on ...").
_OTHER_OPENINGS = frozenset("were was are is does did do can could should would will has have had show list name find "
                            "give tell explain describe compare summarize whom whose hoe".split())
_PART = re.compile(r"[^-]+")
_OPENING = re.compile(r"^\s*([A-Za-z]{3,6})\b")
# a capitalized word inside a sentence, just before another name: "with Issac Gym than", not "Roman" alone
_PAIRED = re.compile(r"(?<=[a-z,;:]\s)([A-Z][a-z]{3,})(?=\s+[A-Z][\w-]*[a-z0-9])")


def _capitalized_only(word: str) -> bool:
    """'Roman', 'Tesla': a capital and nothing else that marks a name, which a short English word has too."""
    return word[:1].isupper() and word[1:].islower()


def correct(question: str, stats: TermStats) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The question as it should be searched, and each (as asked, as searched) replacement."""
    corrections: list[tuple[str, str]] = []
    question = _opening(question, stats, corrections)
    if not stats.vocabulary:
        return question, tuple(corrections)
    as_names = {n for n in names(question)}
    paired = {m.casefold() for m in _PAIRED.findall(question)}  # "Issac Gym": a short word a name by its neighbour

    opening = _OPENING.match(question)
    asks = opening and opening[1].casefold() not in _QUESTION_WORDS and opening[1].casefold() not in _OTHER_OPENINGS
    first = opening.start(1) if asks else -1

    def fix(match: re.Match) -> str:
        word = match.group()
        lowered = word.casefold()
        if stats.spells(lowered):
            return word
        # "Hyrda hybrid ...": a question may open with the name it asks about
        at_start = match.start() == first and _capitalized_only(word)
        named = lowered in as_names or (match.re is _PART and lowered in names(word))  # a compound's part
        written_as_name = named and (not _capitalized_only(word) or len(word) >= _LOWER_CASE_FROM
                                     or lowered in paired)
        # "Hydar": a short word with a capital alone may mean a name only, never a title's plain word ("Pairs")
        short_name = (named or at_start) and not written_as_name
        meant = None
        if written_as_name or short_name or (word.islower() and len(word) >= _LOWER_CASE_FROM):
            meant = stats.closest(lowered, names_only=not written_as_name, capitalized=short_name,
                                  edits=1 if _capitalized_only(word) else None)
            if meant is None and written_as_name and _capitalized_only(word):
                # two edits from a word with a capital alone reach a name ("Parcelmouth"), never a title's plain
                # word: "Providence" is no misspelled "Prominence"
                meant = stats.closest(lowered, names_only=True)
        if meant is None:  # "SynthLMM-generated": the name inside a compound
            return "-".join(fix(part) for part in _PART.finditer(word)) if "-" in word else word
        corrections.append((word, meant))
        return meant

    searched = TOKEN.sub(fix, question)
    return searched, tuple(corrections)


def _opening(question: str, stats: TermStats, corrections: list[tuple[str, str]]) -> str:
    """"Wich languages ...?" as "Which languages ...?": a misspelled question word at the start."""
    match = _OPENING.match(question)
    if not match:
        return question
    word = match.group(1)
    lowered = word.casefold()
    if lowered in _QUESTION_WORDS or lowered in _OTHER_OPENINGS or stats.spells(lowered):
        return question
    found = process.extractOne(lowered, _QUESTION_WORDS, scorer=distance.OSA.distance, score_cutoff=1)
    if found is None:
        return question
    meant = found[0].capitalize() if word[:1].isupper() else found[0]
    corrections.append((word, meant))
    return question[: match.start(1)] + meant + question[match.end(1) :]


def as_meant(question: str, stats: TermStats) -> str:
    """The question with a misspelled plain word read as the collection's word one edit away ("Indian
    langauges": languages), for reading what it asks; never for searching or support, where a word the
    collection does not use must stay unknown."""
    if not stats.vocabulary:
        return question

    def fix(match: re.Match) -> str:
        word = match.group()
        if not word.islower() or len(word) < _LOWER_CASE_FROM or stats.spells(word) or word in stats.vocabulary \
                or stats.df.get(stem(word)) or any(c.isdigit() for c in word):  # "stated": a form of a word it uses
            return word  # and "16-month-olds" is no misspelled "36-month-olds": a figure is never a typo
        found = process.extractOne(word, stats.ordered_vocabulary, scorer=distance.OSA.distance, score_cutoff=1)
        return found[0] if found else word

    return TOKEN.sub(fix, question)
