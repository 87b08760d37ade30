"""A question in the plain form the focus rules read: contractions expanded, possessives dropped, lead-ins
("Tell me...", "Does the X abstract state...?") turned into the what-question they ask."""

from __future__ import annotations

import re

_FULL_STOP = re.compile(r"(?<![.\s])\.\s*$")
_WHATS = re.compile(r"\b(what|which|how|where|who)['’]s\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(\w)['’]s\b")
# "Tell me", "Could you give me", "I'd like to know": what follows is the question
_LEAD_IN = re.compile(r"^\s*(?:please\s+)?(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:tell|show|give|find)\s+"
                      r"(?:me|us)\s+|^\s*(?:i(?:\s+would|'d|’d)\s+like\s+to\s+know|do\s+you\s+know|i\s+wonder)\s+"
                      r"|^\s*(?:please\s+)?(?:give|state|name|report)\s+(?=the\b)", re.IGNORECASE)
# "Does the QuEST abstract state a license?": whether it says is the answer's business
_SAYS_WHETHER = re.compile(
    r"^\s*(?:does|do|did|is|are|was|were)\b.{0,80}?\b(?:report|reports|reported|state|states|stated|give|gives|"
    r"given|mention|mentions|mentioned|say|says|specify|specifies|specified|disclose|discloses|disclosed|"
    r"provide|provides|provided)\s+(?:the\s+|a\s+|an\s+|any\s+|its\s+|their\s+)?(?P<np>[^?]+)", re.IGNORECASE)
# "Is the license of Dolma stated?", "Is the inference speed of X reported anywhere?"
_IS_SAID = re.compile(
    r"^\s*(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+|any\s+|its\s+|their\s+)?(?P<np>.+?)\s+(?:reported|stated|given|"
    r"mentioned|specified|disclosed|provided|listed)\b", re.IGNORECASE)
# "Give both scores on ACM 23": the scores are asked
_IMPERATIVE = re.compile(r"^\s*(?:please\s+)?(?:(?:give|state|report|provide)\s+(?!me\b|us\b|the\b)(?:(?:both|all|each\s+of)"
                         r"\s+)?|(?:name|list)\s+(?:both|all|each\s+of)\s+)(?:the\s+)?", re.IGNORECASE)
# "DropPos top-1 on ImageNet-1K after fine-tuning?": a noun phrase asked about, as "What is the ...?"
_TERSE = re.compile(r"^\s*(?!(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|had|may|might|"
                    r"explain|describe|compare|summarize|summarise|tell|show|list|find|name|give|please|in|on|for|"
                    r"according|among|across|with|from|if|when|i|we|my|our)\b)(?:[^\s?]+\s+){0,11}[^\s?]+\s*\?\s*$",
                    re.IGNORECASE)
# "smallest model scale tested for the recursive transformer whose routers ...?": a measure asked, however long
_TERSE_MEASURE = re.compile(r"^\s*(?:the\s+)?(?:smallest|largest|biggest|highest|lowest|best|worst|maximum|minimum|peak|"
                            r"total|average|mean|median)\s+[^?]+\?\s*$", re.IGNORECASE)
_EMBEDDED = re.compile(r"^(?:what|which)\s+(?:the\s+)?(?P<np>.+?)\s+(?P<verb>is|are|was|were)\s*\??$", re.IGNORECASE)
_NOUN_PHRASE = re.compile(r"^\s*the\s+\w", re.IGNORECASE)  # "the license of QuEST?"
_ARTICLE = re.compile(r"^\s*(?:the|a|an)\s+", re.IGNORECASE)
_WH = re.compile(r"\b(?:what|which|how|where|when|who)\b", re.IGNORECASE)
# "What kind of accelerator (TPU version or GPU type)": the kind of a thing is asked as the thing
_KIND_OF = re.compile(r"\b(what|which)\s+(?:kinds?|types?|sorts?)\s+of\s+", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\((?:[^()\s]+\s+){2,}[^()]*\)")  # "(TPU version or GPU type)"; "(MFU)" may be a name asked for
# "A model in which every layer ... uses what fraction?": a relative clause before the question's own wh-word
_RELATIVE = re.compile(r"(?<=\w\s)(in|on|at|by|for|with|through|under|from)\s+which\b(?=.*\b(?:what|which|how)\b)",
                       re.IGNORECASE)
# "the number of GPUs", "Number of CADASIL patients in '...'?"
_NUMBER_OF = re.compile(r"(?:^\s*(?:the\s+)?|\b(?:what|which)\s+(?:is|are|was|were)\s+the\s+)(?:total\s+)?number\s+of\b",
                        re.IGNORECASE)


def as_asked(phrase: str) -> str:
    """A noun phrase asked about ("Training-free speedup on CogACT?") as "What is the ...?". A compound of
    plain words that starts it ("Training-free") is no name for its capital; a word alone may be one
    ("Tokenflex with 64 tokens?"), and so is a word written as one ("Path-X accuracy")."""
    phrase = _ARTICLE.sub("", phrase)
    first = phrase.split(maxsplit=1)[0] if phrase.split() else ""
    if "-" in first and first[1:] == first[1:].casefold() and all(part.isalpha() for part in first.split("-")):
        phrase = phrase[:1].casefold() + phrase[1:]
    return f"What is the {phrase}"


def plain(question: str) -> str:
    """The question in the plain form the rules read: "What's the peak speedup?" as "What is the peak
    speedup?", "Time-MoE's MSE" as "Time-MoE MSE", "Tell me the license of QuEST" and "Does QuEST's
    abstract state a license?" as "What is the license of QuEST?", "the number of GPUs" as "how many
    GPUs"."""
    question = _FULL_STOP.sub("?", question)  # "Give the learning rate.": the rules read a question's "?"
    question = _WHATS.sub(lambda m: m[1] + " is", question)
    question = _POSSESSIVE.sub(r"\1", question)
    question = _LEAD_IN.sub("", _IMPERATIVE.sub("the ", question, count=1), count=1)
    if said := _IS_SAID.match(question) or _SAYS_WHETHER.match(question):
        asked = _EMBEDDED.match(said["np"])  # "...say what the largest model it trained was": that question
        question = f"What {asked['verb']} the {asked['np']}?" if asked else f"What is the {said['np']}"
    elif _NOUN_PHRASE.match(question) and not _WH.search(question):
        question = f"What is {question}"
    elif (_TERSE.match(question) or _TERSE_MEASURE.match(question)) and not _WH.search(question):
        question = as_asked(question)
    question = _RELATIVE.sub(r"\1 that", _ASIDE.sub("", _KIND_OF.sub(r"\1 ", question, count=1)))
    return _NUMBER_OF.sub("how many", question, count=1)
