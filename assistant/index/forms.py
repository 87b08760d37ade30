"""The forms a word takes: plural or singular, joined or hyphenated ("zebra-llama"), an ending its
forms change ("licensing" ~ "license"), and British or American spelling ("analysing" ~ "analyzing").
The vocabulary (``vocabulary.py``) and the answering side match a question's words through them."""

from __future__ import annotations

import re


def variants(word: str) -> set[str]:
    """The same word in another inflection or hyphenation: 'llms' ~ 'llm', 'ids' ~ 'id', 'zebra-llama' ~
    'zebrallama'."""
    forms = {word, word.replace("-", "")}
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        forms |= {word[:-1], word[:-2] if word.endswith("es") else word}
    else:
        forms |= {word + "s", word + "es"}
    return forms


# endings a plain word changes between its forms: "licensing" ~ "license", "oxidise" ~ "oxidation"; not
# "-ence" ("Providence" is no form of "provide")
_DERIVED = re.compile(r"(?:ations?|ions?|ings?|ed|es|e|s|[iy][sz](?:e|ed|es|ing))$")


# British spellings and their American forms: "initialised", "analysing", "behaviour", "centre", "catalogue",
# "haemorrhage", "licence"
_BRITISH = ((re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
            (re.compile(r"(?<=\w{3})our(s|ed|ing|ite|ites|hood)?$"), r"or\1"),
            (re.compile(r"(?<=\w{2})([tb])re(s|d)?$"), r"\1er\2"),
            (re.compile(r"ogue(s)?$"), r"og\1"), (re.compile(r"(?<=[a-z])(?:ae|oe)(?=[a-z]{2})"), "e"),
            (re.compile(r"ence$"), "ense"))


def american(word: str) -> str:
    """``word`` as American English spells it (itself when it is)."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


def base_form(word: str) -> str:
    """``word`` without an ending its forms change: "licens" of "licensing" and "license"."""
    return _DERIVED.sub("", word) if len(word) > 4 else word
