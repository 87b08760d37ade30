"""Content words of a text: what term overlap (extractive scoring, the hash embedding) compares."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache

import Stemmer  # PyStemmer: Snowball, as bm25s uses it for the keyword index

_SNOWBALL = Stemmer.Stemmer("english")
_SNOWBALL_LOCK = threading.Lock()  # a PyStemmer object is not safe to share between threads
# Letters of any script and digits: "Białowieża" and "Zürich" are one word each, not "bia" and "owie"
_WORD = re.compile(r"[^\W_]+(?:[.-][^\W_]+)*")
TOKEN = re.compile(r"[^\W_]+(?:[.+-][^\W_]+)*")  # a word as written, "GPT-3.5" and "C++" whole
_STOPWORDS = frozenset(
    """a about above after again all also an and any are as at be been being below between both but by can
    could did do does doing down during each few for from further had has have having how i if in into is it
    its itself just me more most my no nor not of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your paper papers study
    studies work works propose proposed show shows use used using method methods approach model models
    tell know find give describe explain does did compare""".split()
)


def fold(text: str) -> str:
    """Lower case without accents: "Bahía" is "bahia", as an abstract may write it; "ł" stays."""
    if text.isascii():  # most text, on every question's path: nothing to take off
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def content_words(text: str) -> list[str]:
    """Lower-cased words minus stop words, in order."""
    return [
        word
        for word in _WORD.findall(fold(text))
        if word not in _STOPWORDS and (len(word) >= 3 or any(c.isdigit() for c in word))
    ]


@cache
def stem(word: str) -> str:
    """The Snowball stem, so 'quantized' meets 'quantization' and 'pruning' meets 'prune'; a plural the
    stemmer keeps (acronyms: 'gpus', 'llms') loses its s."""
    with _SNOWBALL_LOCK:
        stemmed = _SNOWBALL.stemWord(word)
    if stemmed == word and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return stemmed


def content_terms(text: str) -> set[str]:
    """Content words, stemmed; a hyphenated word also as its parts ('mixture-of-experts' holds 'expert')."""
    terms = set()
    for word in content_words(text):
        terms.add(stem(word))
        if "-" in word:
            terms.update(stem(part) for part in word.split("-") if part not in _STOPWORDS and len(part) >= 3)
    return terms


def words(text: str) -> set[str]:
    """Every lower-cased word, unstemmed: a vocabulary in which 'flashattention-3' is not 'flashattention'."""
    return set(_WORD.findall(fold(text)))


def names(text: str) -> list[str]:
    """Words written as names: mixed case (InstructGPT, NeRF, PPO), letters with digits (YOLOv8), or
    capitalized past the first word (Whisper, Mixtral). Lower-cased, in order."""
    return list(dict.fromkeys(fold(n) for n in written_names(text)))


def written_names(text: str) -> list[str]:
    """The same names as ``names``, as the text writes them."""
    found = []
    for position, match in enumerate(TOKEN.finditer(text)):
        token = match.group()
        letters = [c for c in token if c.isalpha()]
        mixed = any(c.isupper() for c in token[1:]) and len(letters) > 1
        alnum = bool(letters) and any(c.isdigit() for c in token) and len(token) > 2
        capital = position > 0 and token[0].isupper() and len(token) > 2
        if (mixed or alnum or capital) and token.casefold() not in _STOPWORDS:
            found.append(token)
    return list(dict.fromkeys(found))
