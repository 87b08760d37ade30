"""Content words of a text: what term overlap (extractive scoring, the hash embedding) compares."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
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


def content_terms(text: str) -> set[str]:
    """Content words cut to a crude stem so 'quantized' meets 'quantization'."""
    return {word[:7] for word in content_words(text)}
