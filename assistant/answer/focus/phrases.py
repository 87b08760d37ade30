"""The pieces of a question the focus is read from: the words naming what is asked, up to the verb or
preposition that ends them; the names it restricts its answer to; the verb whose object is asked for."""

from __future__ import annotations

import re

from .words import ARTICLES, AUX, GROUP_OF, NOT_VERBS, QUANTITY_NOUNS, VERBS, WH_WORDS, singular, written_as_name

METRIC = re.compile(r"(?:[A-Z]{2,}[A-Z0-9]*|[A-Z]\d+|[a-z]+[A-Z]+)(?:-[A-Z0-9]+)?")  # BLEU-4, ROUGE-L, F1, WER, mAP
_COUNT = re.compile(r"^\d[\d.,]*k?$", re.IGNORECASE)
# "accuracy on MMLU", "throughput for Llama-2", "by how much does it beat GPT-4o" (not "a model that beats Codex")
_QUALIFIER = re.compile(r"\b(?:on|for|beat|outperform|surpass)\s+(?:the\s+|an?\s+)?(?P<q>[A-Za-z0-9][\w.+-]*)")
_DESCRIBES = re.compile(r"-(?:style|based|like|type)$", re.IGNORECASE)  # "on a CLIP-style encoder": no restriction
# "cut the forecast error": the object a verb of change acts on, and the measure each such verb moves
VERB_OBJECT = re.compile(
    r"\b(?:cut|cuts|reduce|reduces|shrink|shrinks|save|saves|lower|lowers|improve|improves|boost|boosts|increase|"
    r"increases|raise|raises|speed\s+up|speeds\s+up|accelerate|accelerates|compress|compresses)\s+"
    r"(?:the\s+|its\s+|their\s+|that\s+)?"
    r"(?P<x>[\w'-]+(?:\s+[\w'-]+){0,3})", re.IGNORECASE)
VERB_GROUPS = ((re.compile(r"\b(?:speeds?\s+up|sped\s+up|accelerat\w*|faster)\b", re.IGNORECASE), "speedup"),
               (re.compile(r"\b(?:reduc\w*|cuts?|shrinks?|saves?|compress\w*|lowers?)\b", re.IGNORECASE), "reduction"),
               (re.compile(r"\b(?:improv\w*|boosts?|increas\w*|raises?|beat|beats|outperform\w*|surpass\w*)\b",
                           re.IGNORECASE), "improvement"))


def phrase_of(text: str, noun_phrase: bool = False) -> list[str]:
    """The words naming what is asked, as written, up to the verb or preposition that ends them
    (``noun_phrase``: a verb's object, where "training" is a noun)."""
    out = []
    for word in re.findall(r"[\w@.+-]+", text):
        lowered = word.casefold()
        if lowered in ARTICLES:
            if out:
                break  # "how many tokens | the models were trained on": a new noun phrase
            continue
        if lowered in WH_WORDS:
            break  # "how many web pages | and how many text tokens"
        if lowered in AUX or lowered in VERBS or \
                (out and not noun_phrase and lowered.endswith(("ed", "ing")) and lowered not in GROUP_OF):
            break
        if out and written_as_name(word, first=False) and not word[:1].isdigit() and not has_group(lowered) \
                and any(has_group(w.casefold()) for w in out):
            break  # "how many GPUs | EnergonAI used": a name after a known noun starts the clause
        out.append(word)
        if len(out) == 4:
            break
    while out and out[-1].casefold() in ("and", "or"):
        out.pop()
    return out


def qualifiers_of(question: str, own: set[str]) -> tuple[str, ...]:
    """Names the question restricts its answer to ("accuracy on MMLU", "throughput on an A100")."""
    found = []
    for match in _QUALIFIER.finditer(question):
        name = match["q"].rstrip(".?,")
        if len(name) > 1 and written_as_name(name, first=False) and name.casefold() not in own \
                and not _COUNT.match(name) and not _DESCRIBES.search(name):  # "on 120k pairs": a figure it states
            found.append(name.casefold())
    return tuple(dict.fromkeys(found))


def verbs_after_does(clause: str, own: set[str]) -> tuple[str, ...]:
    """The plain words after "does/do/did" in "which models does low-bit quantization favor": one of
    them is the verb whose object the answer is."""
    match = re.search(r"\b(?:does|do|did)\s+(?P<rest>[^?]*)", clause, re.IGNORECASE)
    if not match:
        return ()
    words = re.findall(r"[a-z]+", match["rest"])  # lower case only: names are not verbs
    return tuple(w for w in dict.fromkeys(words) if len(w) > 3 and w not in AUX and w not in own and w not in NOT_VERBS)


def participle(phrase: list[str]) -> bool:
    """"How many replied?": a verb where the counted noun would be; not "how many labeled examples", where
    it qualifies the noun after it."""
    word = phrase[0].casefold() if len(phrase) == 1 else ""
    return len(word) > 4 and word.endswith("ed") and word not in GROUP_OF and word not in QUANTITY_NOUNS


def has_group(word: str) -> bool:
    return bool(GROUP_OF.get(word) or GROUP_OF.get(singular(word)))


def quantity_head(phrase: list[str], written: list[str], i: int) -> int:
    """The quantity noun at ``i`` unless it has no group and a later one of the phrase does ("average
    MSE reduction": a reduction; "error rate": an error), or the next names the same measure and it is
    no metric's name ("top-1 accuracy": an accuracy, which "73.10% on VTAB-1k" gives too; not "BLEU score")."""
    if has_group(phrase[i]):
        following = singular(phrase[i + 1]) if i + 1 < len(phrase) else ""
        same = following in QUANTITY_NOUNS and GROUP_OF.get(following) == GROUP_OF.get(singular(phrase[i]))
        return i + 1 if same and not METRIC.fullmatch(written[i]) else i
    for j in range(i + 1, min(len(phrase), i + 3)):
        if phrase[j] in AUX:
            break
        if (phrase[j] in QUANTITY_NOUNS or singular(phrase[j]) in QUANTITY_NOUNS) and has_group(phrase[j]):
            return j
    return i
