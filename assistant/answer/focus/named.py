"""Things a question asks for by a noun of no known group after "which": "Which five complex traits were
analysed?", "Which revision of the ICD codes?". Only a sentence that names them gives them; the noun alone
may be there ("five human complex traits")."""

from __future__ import annotations

import re

from ...models import Focus
from .phrases import phrase_of, qualifiers_of
from .words import AUX, GIST_NOUNS, group_words, singular

_PHRASE = 5  # words of a noun phrase that ends the question
_OBJECTS = frozenset("the a an its their it they".split())  # after a verb, not after the noun asked for
# "Which five traits ...?", "X is the interface for which temporal mining procedure?" (an object, all noun)
_WHICH = re.compile(r"^\s*which\s+(?P<x>[^?,;(]+)|\b(?:for|on|in|to|from|with|by|of|at|under|against)\s+which\s+"
                    r"(?P<y>[^?,;(]+)\?\s*$", re.IGNORECASE)
# "which exact pattern", "which five traits", "what exactly does X correlate": no part of what is asked
HOW_EXACTLY = frozenset("exact exactly precise precisely specific specifically particular roughly approximately "
                        "actually really one two three four five six seven eight nine ten".split())


def which_named(question: str, own: set[str]) -> Focus | None:
    """The named things asked for, or None when the question asks no "which <noun>"."""
    match = _WHICH.search(question)
    asked = (match["x"] or match["y"]) if match else ""
    # a phrase that ends the question is all noun ("which temporal data mining procedure?")
    written = (asked.split()[-_PHRASE:] if match["y"] else phrase_of(asked)) if asked else []
    phrase = [w for w in written if w.casefold() not in HOW_EXACTLY]
    noun = phrase[-1].casefold() if phrase else ""
    if not noun.isalpha() or not noun.islower() or noun in GIST_NOUNS or noun in own or len(noun) < 3:
        return None
    after = asked.split(written[-1], 1)[1].split() if match["x"] else []
    if after and (after[0].casefold() not in AUX or after[0].casefold() in _OBJECTS):
        return None  # "which layers replace a portion ...", "which algorithm tiles its ...": a verb, not a noun
    return Focus("entity", f"the {' '.join(phrase)}", (noun,), group_words(singular(noun)), qualifiers_of(question, own),
                 name=True)
