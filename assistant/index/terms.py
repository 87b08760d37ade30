"""Content words of a text: what term overlap (extractive scoring, the hash embedding) compares."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.+-][A-Za-z0-9]+)*")
_STOPWORDS = frozenset(
    """a about above after again all also an and any are as at be been being below between both but by can
    could did do does doing down during each few for from further had has have having how i if in into is it
    its itself just me more most my no nor not of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your paper papers study
    studies work works propose proposed show shows use used using method methods approach model models
    tell know find give describe explain does did compare""".split()
)


def content_words(text: str) -> list[str]:
    """Lower-cased words minus stop words, in order."""
    return [
        word
        for word in _WORD.findall(text.casefold())
        if word not in _STOPWORDS and (len(word) >= 3 or any(c.isdigit() for c in word))
    ]


def stem(word: str) -> str:
    """A crude stem, so 'quantized' meets 'quantization'."""
    return word[:7]


def content_terms(text: str) -> set[str]:
    """Content words, stemmed."""
    return {stem(word) for word in content_words(text)}


def words(text: str) -> set[str]:
    """Every lower-cased word, unstemmed: a vocabulary in which 'flashattention-3' is not 'flashattention'."""
    return set(_WORD.findall(text.casefold()))


def names(text: str) -> list[str]:
    """Words written as names: mixed case (InstructGPT, NeRF, PPO), letters with digits (YOLOv8), or
    capitalized past the first word (Whisper, Mixtral). Lower-cased, in order."""
    found = []
    for position, match in enumerate(_TOKEN.finditer(text)):
        token = match.group()
        letters = [c for c in token if c.isalpha()]
        mixed = any(c.isupper() for c in token[1:]) and len(letters) > 1
        alnum = bool(letters) and any(c.isdigit() for c in token) and len(token) > 2
        capital = position > 0 and token[0].isupper() and len(token) > 2
        if (mixed or alnum or capital) and token.casefold() not in _STOPWORDS:
            found.append(token.casefold())
    return list(dict.fromkeys(found))
