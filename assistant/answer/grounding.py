"""LLM answers checked against their sources, claim by claim, before they are final.

A claim is a sentence (or a list item) of the answer with the ``[n]`` markers it carries, read as a
reader reads it: a follow-on sentence ("It also cuts FLOPs by 77%.", "That study covered...", "On
GSM8K it gets...") is about what the sentence before it was about, so it is checked against the same
paper, with its subject put back for the similarity. A cited paper's title is part of what it says.
For each claim:

1. every figure it states (``66.7%``, ``2.4x`` / ``2.4×`` / ``2.4 times``, ``7B``, ``8,192 tokens``,
   ``12.4 points``, ``64 GPUs``) must occur, normalised, in a source it cites; each one, so a wrong
   figure beside a right one is caught;
2. every name it states (methods, models, datasets: words written as names) must occur in a cited
   source, as written or as an abbreviation the source defines or spells out ("PPO" for "proximal
   policy optimization (PPO)", or for "proximal policy optimization" alone, and the other way round);
3. its best-matching sentence among the cited sources must be similar enough;
4. when the question names one paper, every figure said of it must be its own: a figure another
   source gives is no answer to what was asked of it.

A sentence that states a number or a name and cites nothing is a claim too (``uncited``), unless
the name is one it explains itself ("mixture-of-experts (MoE)"). The first
failed check names the status; ``supported`` otherwise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from ..index.chunking import split_sentences
from ..index.records import StoredSentence
from ..index.terms import names, words, written_names
from ..models import SUPPORTED, Claim
from .cite import CITATION


def _import_schwartz_hearst():
    # abbreviations 0.2.5 calls logging.basicConfig(level=INFO) at import, which would print every
    # library's INFO lines (bm25s's among them) in the CLI; the root logger is put back as it was.
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    from abbreviations import schwartz_hearst

    root.handlers[:], root.level = handlers, level
    return schwartz_hearst


schwartz_hearst = _import_schwartz_hearst()

FIGURE_MISSING = "figure not in source"
NAME_MISSING = "name not in source"
WEAK = "weak support"
UNCITED = "uncited"
OTHER_PAPER = "figure from another paper"  # the question names one paper; the figure is another's

MIN_SIMILARITY = 0.5  # below this, the best source sentence does not say what the claim says

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?<![A-Za-z\d.])(?P<n>{_NUMBER})\s*(?:(?P<pct>%|\\%|\s?percent\b)|(?P<x>x\b|×|\s?times\b|-?fold\b)"
    rf"|(?P<scale>[kmbt]\b|\s?(?:thousand|million|billion|trillion)\b))",
    re.IGNORECASE,
)
_SCALE = {"k": "k", "thousand": "k", "m": "m", "million": "m", "b": "b", "billion": "b", "t": "t", "trillion": "t"}


def figures(text: str) -> set[tuple[str, str]]:
    """Figures with their kind, normalised: ('66.7', '%'), ('2.4', 'x'), ('7', 'b')."""
    found = set()
    for match in _FIGURE.finditer(text):
        number = match.group("n").replace(",", "")
        if "." in number:
            number = number.rstrip("0").rstrip(".")
        if match.group("pct"):
            found.add((number, "%"))
        elif match.group("x"):
            found.add((number, "x"))
        else:
            found.add((number, _SCALE[match.group("scale").strip().casefold()]))
    return found


_PLAIN_NUMBER = re.compile(r"(?<![\w.,-])\d+(?:,\d{3})*(?:\.\d+)?(?![\w%×]|[.,]\d)")
_ANY_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# A sentence that goes on about what the one before was about: it opens with a pronoun or a demonstrative
# ("It also...", "That cuts...", "The method..."), or has a personal pronoun for its subject after a
# short opening ("On GSM8K it gets...", "Serving DeepSeek-R1, its stack...", "Overall that saves...").
_ANAPHOR = re.compile(r"^\s*(?:it|its|this|that|these|those|they|their|such|the same|the (?:method|model|approach|"
                      r"technique|system|framework|paper|authors|work|study|architecture|algorithm))\b", re.IGNORECASE)
_LATER_ANAPHOR = re.compile(r"^\s*(?:\w[\w.-]*,?\s+){1,4}(?P<p>it|its|they|their)\b"
                            r"|^\s*(?:overall|together|combined|again),?\s+(?P<d>that|this)\b", re.IGNORECASE)
# "- ", "2. ", and a bold label that ends in a colon ("- **Token compression:** "), not a bold subject
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(?:\*\*[^*]*(?::\*\*|\*\*:)\s*)?")
_FUNCTION_WORDS = frozenset(["of", "the", "and", "for", "to", "a", "an", "in", "on", "with", "via", "by"])


def _resolve(sentence: str, subject: str) -> str:
    """The sentence with its pronoun subject replaced by what it stands for (for the similarity)."""
    if _ANAPHOR.match(sentence):
        return _ANAPHOR.sub(subject, sentence, count=1)
    match = _LATER_ANAPHOR.match(sentence)
    group = "p" if match.group("p") else "d"
    return sentence[: match.start(group)] + subject + sentence[match.end(group):]


def _normal(number: str) -> str:
    number = number.replace(",", "")
    return number.rstrip("0").rstrip(".") if "." in number else number


def plain_numbers(text: str) -> set[str]:
    """Numbers a text states without a unit ("64 GPUs", "12.4 points"), not those inside names (GPT-4)."""
    return {_normal(m.group()) for m in _PLAIN_NUMBER.finditer(text)}


def all_numbers(text: str) -> set[str]:
    """Every number a text holds, inside names too ("Llama-3-8B" holds 3 and 8)."""
    return {_normal(m.group()) for m in _ANY_NUMBER.finditer(text)}


@lru_cache(maxsize=512)
def _abbreviations(text: str) -> frozenset[str]:
    """The abbreviations a source defines: "proximal policy optimization (PPO)" defines "ppo"."""
    try:
        pairs = schwartz_hearst.extract_abbreviation_definition_pairs(doc_text=text)
    except Exception:  # noqa: BLE001 -- a malformed text defines nothing; the plain word test still runs
        return frozenset()
    return frozenset(abbreviation.casefold() for abbreviation in pairs)


def _spelled_out(abbreviation: str, tokens: Sequence[str]) -> bool:
    """Whether consecutive words spell out an abbreviation by their initials ("MoE": "mixture of experts",
    "SFT": "supervised fine-tuning"); function words may be passed over."""
    letters = [c.casefold() for c in abbreviation if c.isalpha()]
    if not 2 <= len(letters) <= 6:
        return False
    for start in range(len(tokens)):
        i, j = 0, start
        while i < len(letters) and j < len(tokens):
            if tokens[j][:1] == letters[i]:
                i, j = i + 1, j + 1
            elif tokens[j] in _FUNCTION_WORDS and i > 0:
                j += 1
            else:
                break
        if i == len(letters):
            return True
    return False


def _names_present(claim: str, stated: Sequence[str], source_text: str, source_words: set[str]) -> list[str]:
    """The names a claim states that its sources neither spell nor abbreviate nor spell out. A
    compound is there when each of its parts is: the source's own name, a number (the figure check
    reads those) or a plain word ("800M-parameter", "LLaMA-style", "ReLU-and-RMSNorm")."""
    parts = source_words | {part for word in source_words for part in word.split("-")}
    written_parts = {w.casefold(): w for w in written_names(claim)}

    def present(name: str) -> bool:
        if name in source_words:
            return True
        pieces = re.split(r"-", written_parts.get(name, name))
        return len(pieces) > 1 and all(
            piece.casefold() in parts or re.fullmatch(r"[\d.,]+", piece) or piece.islower() for piece in pieces)

    missing = [n for n in stated if not present(n)]
    if not missing:
        return []
    defined = _abbreviations(source_text)
    tokens = re.findall(r"[a-z0-9]+", source_text.casefold())
    capitals = {w for w in re.findall(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b", source_text)}  # PPO, MoE, LoRA
    runs = [run.split() for run in re.findall(r"(?:\b[A-Z][a-z-]+\s+){1,5}[A-Z][a-z-]+\b", claim)]
    out = []
    for name in missing:
        written = next((w for w in written_names(claim) if w.casefold() == name), name)
        if name in defined or _spelled_out(written, tokens):
            continue  # "PPO" for "proximal policy optimization"
        run = next((r for r in runs if name in (w.casefold() for w in r)), None)
        if run and any(_spelled_out(abbreviation, [w.casefold() for w in run]) for abbreviation in capitals):
            continue  # "Proximal Policy Optimization" for a source's "PPO"
        out.append(name)
    return out


def check_claims(text: str, sources: Sequence[Sequence[StoredSentence]],
                 embed: Callable[[list[str]], list[list[float]]], min_similarity: float = MIN_SIMILARITY,
                 asked: int | None = None, titles: Sequence[str] = ()) -> list[Claim]:
    """``sources[n-1]``: the sentences of what ``[n]`` cites, ``titles[n-1]`` its title (whose names
    and figures are the paper's too); ``embed``: texts -> vectors. ``asked``: the number of the paper
    the question names, if it names one: a figure must then come from it."""
    # A list item or a paragraph is a sentence of its own, even after a colon.
    sentences = [s for line in text.splitlines() for s in split_sentences(line) if s.strip()]
    plain = [_LIST_MARK.sub("", CITATION.sub("", s)).strip() for s in sentences]
    # Follow-on sentences take the citations and the subject of the sentence before them.
    citations, resolved, of_asked = [], [], []
    previous: tuple[int, ...] = ()
    subject, subject_cited = "", ()
    for sentence, bare in zip(sentences, plain):
        cited = tuple(dict.fromkeys(int(n) for n in CITATION.findall(sentence)))
        follow_on = bool(_ANAPHOR.match(bare) or _LATER_ANAPHOR.match(bare))
        if not cited and follow_on:
            cited = previous
        resolved.append(_resolve(bare, subject) if follow_on and subject else bare)
        citations.append(cited)
        # Said of the paper asked about: cites it, or goes on from a sentence that did
        # ("Muon is an optimizer [1]. It scales to 235B parameters [2].").
        of_asked.append(asked in cited or (follow_on and asked in subject_cited))
        previous = cited or previous
        if not follow_on:
            subject, subject_cited = next(iter(written_names(bare)), ""), cited
    vectors = np.asarray(embed(resolved), dtype=np.float32) if resolved else np.zeros((0, 1), np.float32)
    claims = []
    for sentence, bare, cited, vector, about_asked in zip(sentences, plain, citations, vectors, of_asked):
        stated_figures, stated_names, stated_numbers = figures(bare), names(bare), plain_numbers(bare)
        if not cited:
            introduced = _abbreviations(bare)  # "mixture-of-experts (MoE)": a term explained, not a source's claim
            if stated_figures or [n for n in stated_names if n not in introduced] or re.search(r"\d", bare):
                claims.append(Claim(sentence, (), UNCITED, detail="states a fact without citing a source"))
            continue
        pool = [s for n in cited if 1 <= n <= len(sources) for s in sources[n - 1]]
        source_text = " ".join([s.text for s in pool] + [titles[n - 1] for n in cited if 1 <= n <= len(titles)])
        source_figures, source_words, source_numbers = figures(source_text), words(source_text), all_numbers(source_text)
        best, similarity = "", 0.0
        if pool:
            unit = vector / (np.linalg.norm(vector) or 1.0)
            scores = np.stack([s.vector for s in pool]) @ unit
            best, similarity = pool[int(scores.argmax())].text, float(scores.max())
        missing_figures = sorted({f"{n}{k}" for n, k in stated_figures - source_figures}
                                 | {n for n in stated_numbers - source_numbers})
        missing_names = _names_present(bare, stated_names, source_text, source_words)
        asked_text = " ".join(s.text for s in sources[asked - 1]) if asked and asked <= len(sources) else ""
        borrowed = sorted({f"{n}{k}" for n, k in stated_figures - figures(asked_text)}
                          | (stated_numbers - all_numbers(asked_text))) if asked else []
        if about_asked and borrowed and not missing_figures:
            claim = Claim(sentence, cited, OTHER_PAPER, best, similarity,
                          f"{', '.join(borrowed)} is not from [{asked}], the paper the question asks about")
        elif missing_figures:
            claim = Claim(sentence, cited, FIGURE_MISSING, best, similarity,
                          f"{', '.join(missing_figures)} is not in the cited source")
        elif missing_names:
            claim = Claim(sentence, cited, NAME_MISSING, best, similarity,
                          f"{', '.join(missing_names)} is not in the cited source")
        elif similarity < min_similarity:
            claim = Claim(sentence, cited, WEAK, best, similarity,
                          f"the closest cited sentence is only {similarity:.2f} similar")
        else:
            claim = Claim(sentence, cited, SUPPORTED, best, similarity)
        claims.append(claim)
    return claims


def drop_flagged(text: str, claims: Sequence[Claim]) -> tuple[str, int]:
    """The answer without its flagged sentences, and how many were removed."""
    flagged = [c.text for c in claims if c.flagged]
    kept = text
    for sentence in flagged:
        kept = kept.replace(sentence, "")
    return (re.sub(r"[ \t]{2,}", " ", kept).strip() if flagged else text), len(flagged)
