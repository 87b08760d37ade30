"""Whether the collection supports an answer: the one decline decision, for both answer modes.

One dense similarity is a poor judge on its own: a short question that only names a method ("What
does QuEST do?") scores low against any passage, however certainly BM25 found the paper, while a
question about a topic next door to the collection ("How do transformers forecast weather?") scores
fairly high on the field's common words with nothing to back it. So the decision measures, for each
retrieved paper, how well that one paper supports the question, and keeps the best:

- ``dense``: cosine similarity of the paper's best retrieved chunk;
- ``sentence``: cosine similarity of the paper's best abstract sentence;
- ``coverage``: the IDF-weighted share of the question's content terms the paper holds;
- ``distinct``: the same share over the question's distinctive terms alone, leaving out the words
  most papers of the collection use (model, transformer, training, LLM): support must come from
  what the question is about, not from the field it is in;
- ``title``: the share of the question's terms in the paper's title.

``score`` is their weighted sum, less a penalty when the question names something no paper mentions
(InstructGPT, YOLOv8: a version is not its family) and one for the share of its distinctive words no
paper uses in any form ("tokamak", "genomic": the question is about another field). A question that
names a paper the collection holds (``naming``: its short name, misspelled or not, a name its abstract
coins, its whole title, or most of its title's words) is covered by that paper, whatever it asks of it:
whether the abstract gives that is the answer's business (``focus``). A question that retells one
paper in words of its own ("how many tiny proxy models did they train to fit the predictor...") shares
few of its words and falls just short; when that paper gives the figure asked for, next to what it
counts, and writes every name the question writes, it supports the question (``described``).

The weights and the threshold were fitted by ``evals/calibrate.py`` on the calibration halves of the
question sets in ``evals/`` and the blind sets after their one run, and are checked on the held-out
halves, the newest blind set and the foreign corpora (``evals/README.md``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..index.terms import content_terms, content_words, stem, words, written_names
from ..index.forms import american
from ..index.vocabulary import TermStats
from ..models import Evidence, Focus
from .focus import carries
from .naming import (NAME_SHARE, acronym, asked_names, marked_names, mentions, names_paper, outnames,
                     says_short_name, spelled_out, title_words, written_out)

# Fitted by evals/calibrate.py on the calibration halves and, since the unseen-word penalty, on the blind sets
# after their one run (blind to blind7): questions written outside the team (evals/README.md).
WEIGHTS = {"dense": 0.3, "sentence": 0.4, "coverage": 0.25, "distinct": 0.05, "title": 0.0}
UNKNOWN_NAME_PENALTY = 0.2
UNSEEN_PENALTY = 0.1  # times the share of the question's distinctive words no paper uses
_RIVAL_MARGIN = 0.3  # of distinctive-term share by which another paper mentioning the name outdoes the named one
DESCRIBED_BAND = 0.05  # below the threshold, within which a paper the question describes supports it
RESTATED_TERMS, RESTATED_SHARE = 3, 0.6  # a title's distinctive words a question must hold to name its paper
_DESCRIBED_UNSEEN = 0.3  # the most of its distinctive words such a question may hold that no paper uses
_UNIT = re.compile(r"^(?:[kcmµμ]?m|ha|mi|ft)[23]$", re.IGNORECASE)  # km2, m3: an area or a volume
_MEASURE = re.compile(r"^\d[\d.,]*-[a-z]+$")  # "42-day", "256-cubed": a figure and what it measures
# "BERT-style" is BERT, "109M-parameter" 109M
_SUFFIXES = re.compile(r"-(?:style|based|like|sized|scale|level|type|parameters?|params?)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Row:
    """A retrieved paper as the decision weighs it."""

    index: int
    signals: dict[str, float]
    in_paper: set[str]  # its title's and abstract's content terms
    named: bool  # the question names it
    own_name: bool  # ... by its own short name
    mentions_all: bool  # it mentions every name the question asks about
    titled: int  # the question's words besides its names that its title holds


@dataclass(frozen=True)
class Candidate:
    """A retrieved paper as the decision sees it."""

    title: str
    text: str  # its abstract
    sentence: float  # cosine similarity of its best sentence to the question
    dense: float = 0.0  # of its best retrieved chunk
    sentences: tuple[str, ...] = ()  # its abstract's sentences


def weigh(question: str, stats: TermStats, papers: Sequence[Candidate], threshold: float, *,
          focus: Focus | None = None, corrections: Sequence[tuple[str, str]] = (), may_name: bool = True,
          followed: bool = False) -> Evidence:
    """``question`` as searched (misspellings corrected). ``may_name``: False for a question that asks
    for a list of papers, which is about a topic even when a title shares its words. ``followed``: the
    papers are those a follow-up points back to ("How much faster are they?"), which it is about."""
    weights = {stem(w): stats.idf(stem(w)) for w in (_as_written(w, stats) for w in content_words(question))}
    distinctive = {t: w for t, w in weights.items() if not stats.common(t)}
    unseen = unseen_share(question, stats)
    asked = asked_names(question, stats)
    plain_terms = set(weights) - {stem(n) for n in asked}
    asked_terms = set(weights) | content_terms(question)
    rows = []
    for index, paper in enumerate(papers):
        in_title = content_terms(paper.title)
        in_paper = in_title | content_terms(paper.text)
        signals = {
            "dense": max(0.0, paper.dense),
            "sentence": max(0.0, paper.sentence),
            "coverage": _share(weights, in_paper),
            "distinct": _share(distinctive, in_paper) if distinctive else 1.0,
            "title": _share(weights, in_title),
        }
        by_name, own_name = names_paper(asked, paper.title, paper.text, stats)
        if says_short_name(question, paper.title, stats):  # "Universal Checkpointing", "Speculative MoE"
            by_name = own_name = True
        held = title_words(paper.title) | words(paper.text)
        mentions_all = all(mentions(n, held) for n in asked)
        named = may_name and (by_name or signals["title"] >= NAME_SHARE)
        titled = len(in_title & plain_terms)  # the question's words besides its names that the title holds
        rows.append(_Row(index, signals, in_paper, named, own_name, mentions_all, titled))
    # The best-supported paper is named by most of its title's words, which a question that asks much
    # besides ("Bucharest summer surface urban heat island from MODIS: which years...?") holds less than half of.
    top = max(rows, key=lambda r: _weighted(r.signals), default=None)
    if may_name and top and not top.named \
            and _restates_title(asked_terms, content_terms(papers[top.index].title), stats):
        rows[top.index] = replace(top, named=True)
    # A paper named for a setting another paper is about ("PaLM's parameters in the clinical knowledge
    # evaluation") yields to the paper that mentions the name and holds far more of what is asked.
    rival = max((r.signals["distinct"] for r in rows if r.mentions_all and asked), default=0.0)
    # Of two papers a name names ("the Qwen3 quantization study"), the one whose title holds more of the
    # question's other words: "An Empirical Study of Qwen3 Quantization", not "Qwen3 Technical Report"
    lead = max((r.titled for r in rows if r.named), default=-1)
    if lead >= 0:  # a title that spells every name asked and more of the other words is named as well
        marked = marked_names(question)
        rows = [replace(r, named=True) if not r.named and may_name
                and outnames(r.titled, lead, papers[r.index].title, set(asked), marked) else r for r in rows]
        lead = max(r.titled for r in rows if r.named)
    best: tuple | None = None
    unknown = _unknown_names(question, stats, papers)
    penalty = (unknown_name_penalty(focus) if unknown else 0.0) + UNSEEN_PENALTY * unseen
    supporting = []
    for row in rows:
        named = row.named and row.signals["distinct"] >= rival - _RIVAL_MARGIN
        score = _weighted(row.signals)
        if score - penalty >= threshold:
            supporting.append(row.index)
        key = (named, named and row.titled >= lead, named and row.own_name, score)
        if best is None or key > best[0]:
            best = (key, row.index, row.signals, row.in_paper)
    if best is None:
        return Evidence(0.0, 0.0, 0.0, 0.0, 0.0, -penalty, threshold, unknown_names=unknown,
                        corrections=tuple(corrections), focus=focus, unseen=unseen)
    (named, _, _, score), index, signals, in_paper = best
    score -= penalty
    if named and not unknown:
        score = max(score, threshold)  # the collection holds the paper asked about
        supporting = sorted({index, *supporting})
    elif followed:
        score = max(score, threshold)  # the previous answer's papers, which the question points back to
        supporting = list(range(len(papers)))
    elif threshold - DESCRIBED_BAND <= score < threshold and not unknown and unseen < _DESCRIBED_UNSEEN \
            and focus is not None and described(question, focus, papers[index]):
        score = threshold
        supporting = sorted({index, *supporting})
    matched = tuple(t for t in distinctive if t in in_paper)
    missing = tuple(t for t in distinctive if t not in in_paper)
    return Evidence(**signals, score=score, threshold=threshold, unknown_names=unknown,
                    paper=index, supporting=tuple(supporting), named=named, matched=matched, missing=missing, corrections=tuple(corrections),
                    focus=focus, unseen=unseen)


def _weighted(signals: dict[str, float]) -> float:
    return sum(WEIGHTS[name] * value for name, value in signals.items())


def _restates_title(asked: set[str], title: set[str], stats: TermStats) -> bool:
    """Whether the question's terms ``asked`` hold most of a title's distinctive ones (by IDF weight), and a
    few at least: "the loss-based sample reweighting for LLM pretraining" restates "Dynamic Loss-Based
    Sample Reweighting for Improved Large Language Model Pretraining"; "urban heat island" restates no
    title of a collection about heat islands, where the words are common."""
    distinct = {t: stats.idf(t) for t in title if not stats.common(t)}
    held = sum(distinct[t] for t in distinct if t in asked)
    return sum(t in asked for t in distinct) >= RESTATED_TERMS and held >= RESTATED_SHARE * sum(distinct.values())


def described(question: str, focus: Focus, paper: Candidate) -> bool:
    """Whether ``question`` describes ``paper`` in its own words and asks for a figure the paper gives:
    one of its sentences carries the asked quantity ("how many tiny proxy models": "we train 512
    models"), and every name the question writes is the paper's. A paraphrase shares few words with
    the abstract it retells, so its score falls just short; a question about another system
    ("Q-Diffusion's FID", "Gemma 3 27B's memory") writes a name the paper lacks."""
    if focus.kind != "quantity" or not focus.figure:
        return False
    held = title_words(paper.title) | words(paper.text)
    parts = {part for word in held for part in word.split("-")}  # "R1-Qwen" in "DeepSeek-R1-Distill-Qwen"
    for name in (_SUFFIXES.sub("", n).casefold() for n in written_names(question)):
        if not (mentions(name, held) or set(name.split("-")) <= parts):
            return False
    return any(carries(s, focus, strict=True) for s in paper.sentences)


def _unknown_names(question: str, stats: TermStats, papers: Sequence[Candidate]) -> tuple[str, ...]:
    """The names no paper mentions. "Ascend-NPU" is known where a retrieved paper writes "Ascend NPUs", and
    "TACC" where one spells out "Texas Advanced Computing Center"; a coined name must appear whole, as
    written ("Flash-Decoding" is not "flash decoding")."""
    unknown = [n for n in written_names(question) if not stats.knows(n) and not _plain(n, stats)]
    if any("-" in n for n in unknown):
        spaced = " ".join(re.sub(r"[^\w-]+", " ", f"{p.title} {p.text}") for p in papers)
        unknown = [n for n in unknown if not ("-" in n and written_out(n.replace("-", " "), spaced))]
    if any(acronym(n) for n in unknown):
        unknown = [n for n in unknown
                   if not ((letters := acronym(n)) and any(spelled_out(letters, p.text) for p in papers))]
    return tuple(n.casefold() for n in unknown)


def unknown_name_penalty(focus: Focus | None) -> float:
    """What a name no paper mentions costs: twice as much in a question of how or what ("How do children
    acquiring Inuktitut segment verbs?"), which looks for no detail, so what any paper says would answer it
    and nothing else can tell that the paper is about another thing."""
    return UNKNOWN_NAME_PENALTY * (2 if focus is not None and focus.kind in ("method", "definition") else 1)


def _plain(name: str, stats: TermStats) -> bool:
    """Whether a name is no name but words the collection uses: a capitalized word it writes in another
    form ("US Medical Licensing Exam": "license"; "S-oxidise": "S-oxidation"), a measure ("256-cubed",
    "42-day") or a unit ("13 km2", where the abstract writes "km(2)"). Not a name coined from two
    capitalized words ("Flash-Decoding"), which must appear whole."""
    if _UNIT.match(name) or _MEASURE.match(name):
        return True
    parts = [p for p in name.split("-") if len(p) > 1]
    return bool(parts) and sum(p[:1].isupper() for p in parts) <= 1 \
        and all(p.isalpha() and p[1:].islower() and stats.writes_form(p) for p in parts)


def unseen_share(question: str, stats: TermStats) -> float:
    """The IDF-weighted share of the question's distinctive words that no paper uses in any form (a
    plural, a British spelling, a typo): "tokamak", "genomic" say the question is about another field,
    which the field's words it shares ("transformer", "training") cannot outweigh."""
    weights = {w: stats.idf(stem(w)) for w in content_words(question) if len(w) > 3 and not stats.common(stem(w))}
    total = sum(weights.values())
    return sum(v for w, v in weights.items() if not _used(w, stats)) / total if total else 0.0


def _used(word: str, stats: TermStats) -> bool:
    return bool(stats.df.get(stem(word)) or stats.df.get(stem(american(word)))) or stats.knows(word)


def _as_written(word: str, stats: TermStats) -> str:
    """A question's word in the spelling the collection uses: "analysing" where papers write "analyzing"."""
    if stats.df.get(stem(word)) or (spelled := american(word)) == word or not stats.df.get(stem(spelled)):
        return word
    return spelled


def _share(weights: dict[str, float], present: set[str]) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in present) / total if total else 0.0
