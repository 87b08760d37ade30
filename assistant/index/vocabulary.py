"""The collection's vocabulary: which papers hold each content term, every word it spells, and the
names it uses (methods, models, datasets), so a question's words can be matched against it.

Written beside the keyword index at ingest (``keywords.py``) and read by the answering side: a rare
term is telling, a name no paper spells is evidence that the collection does not cover a question,
and a name that is one or two keystrokes from one the collection spells is most likely that name
(``closest``). Matching forgives case, plurals and hyphenation, and a misspelling of a long enough
word, but never a different number: FlashAttention-3 is not FlashAttention-2.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cached_property

from rapidfuzz import distance, process

from .forms import american, base_form, variants
from .terms import TOKEN, content_terms, fold, names, stem, words

_DIGITS = re.compile(r"\d+")
_SHORTEST_FORGIVEN = 5  # a misspelling of a shorter word is too likely another word
_TWO_EDITS_FROM = 8  # letters from which two edits are forgiven (one below)


def edits_forgiven(word: str) -> int:
    letters = sum(c.isalpha() for c in word)
    return 0 if letters < _SHORTEST_FORGIVEN else 1 if letters < _TWO_EDITS_FROM else 2


def short_name(title: str) -> str:
    """The name a paper goes by when its title starts with one ("QuEST: Stable Training..." -> "quest";
    "Qwen3 Technical Report" -> "qwen3": a report is the named model's own paper, however many others
    use the model)."""
    title = _LABEL.sub("", title)  # "Preprint: Norm Loss: ...": the venue's label names no paper
    if report := _REPORT.match(title.strip()):
        return report["name"].casefold()
    name, colon, _ = title.partition(":")
    return name.strip().casefold() if colon and name.strip() and len(name.split()) <= 3 else ""


_LABEL = re.compile(r"^\s*\[?(?:preprint|review|editorial|commentary|comment|correction|erratum|perspective|"
                    r"opinion|viewpoint|letter|essay|tutorial|survey|research\s+article|short\s+paper)\]?\s*:\s*",
                    re.IGNORECASE)
_REPORT = re.compile(r"^(?P<name>[^\s:]+(?:\s+[^\s:]+)?)\s+(?:technical\s+report|system\s+card|model\s+card)$",
                     re.IGNORECASE)


def _common_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def own_names(title: str, stats: TermStats) -> set[str]:
    """The words that name this paper: its short name, and the names its title spells that few other
    papers use (LoRA-GA and SARATHI, but not LoRA or MoE, which name the field)."""
    found = set()
    if short := short_name(title):
        found |= variants(short) if " " not in short else {short}
    for position, token in enumerate(TOKEN.findall(title)):
        lowered = fold(token)
        if _SIZE.match(lowered) or len(lowered) < 3:  # a size (128K), or too short to tell (RL)
            continue
        used = stats.df.get(stem(lowered), 0)
        rare = stats.titled.get(lowered, 0) <= _OWN_NAME_TITLES and used <= max(_OWN_NAME_PAPERS,
                                                                                 _OWN_NAME_SHARE * stats.papers)
        # written as a name (SARATHI, LoRA-GA), or the title's first word, used by this paper alone ("Muon is
        # Scalable...", while the "Rust" of "Translation from C to Rust" is not the paper's name)
        if rare and not _plain_compound(lowered, stats) \
                and (names(token) or (position == 0 and token[:1].isupper() and used <= 1 and len(lowered) >= 4)):
            found.add(lowered)
    return found


def _plain_compound(word: str, stats: TermStats) -> bool:
    """Whether ``word`` joins words the field writes apart ("KV-Cache", "Cross-Layer"): no name of one
    paper, however few write the compound; "LoRA-GA" and "Llama-2" are names."""
    parts = word.split("-")
    return len(parts) > 1 and all(part.isalpha() and (stats.df.get(stem(part), 0) > _COMMON_PAPERS if len(part) > 2
                                                      else part in stats.vocabulary) for part in parts)


COMMON_SHARE = 0.15  # a term held by more papers than this is the field's common word (model, transformer, LLM)
_COMMON_PAPERS = 5
_SIZE = re.compile(r"^\d+(?:\.\d+)?[kmbt]$")
# a name's descriptive prefix or suffix, which says how it is used, not what it is: "GPT-2-based", "LU-style"
_AFFIXES = re.compile(r"^(?:non|pre|post)-|-(?:based|style|like|sized|size|scale|level|aware|free|only|specific|"
                      r"friendly|compatible|type|class|grade)$", re.IGNORECASE)
_OWN_NAME_TITLES = 2  # a name in more titles than this is the field's, not one paper's
_OWN_NAME_PAPERS, _OWN_NAME_SHARE = 2, 0.005  # likewise a name more papers use (SVD, VLM, LoRA)
# a name an abstract introduces, after a few words in lower case, written with a capital inside or in
# capitals: "This paper presents SimCLR:", "we propose a simple yet effective method, PEARL"; not the first
# word of a longer one ("we propose LayerNorm Scaling")
_COINING = re.compile(r"\b(?:propose[sd]?|present(?:s|ed)?|introduce[sd]?|named|called|dubbed|termed)[\s,]+"
                      r"(?:[a-z][\w-]*[\s,]+){0,5}?([A-Z][a-z]+[A-Z][\w-]*|[A-Z]{4,}[\w-]*)(?![\w-]|\s+[A-Z])")


class TermStats:
    """How many papers contain each content term (what makes a term rare, and so telling), every word
    of the collection, and the names it spells, as written."""

    def __init__(self, document_frequency: Mapping[str, int], papers: int, vocabulary: Iterable[str] = (),
                 spelled: Mapping[str, str] | None = None, titled: Mapping[str, int] | None = None,
                 named: Mapping[str, list[str]] | None = None, capitalized: Iterable[str] = ()) -> None:
        self.df = dict(document_frequency)
        self.papers = papers
        self.vocabulary = frozenset(vocabulary)  # every whole word of the collection, lower-cased
        self.spelled = dict(spelled or {})  # names (and title words) lower-cased -> as the collection writes them
        self.titled = dict(titled or {})  # a title word, lower-cased -> how many titles hold it
        self.named = {k: list(v) for k, v in (named or {}).items()}  # a paper's own name -> its paper id(s)
        self.capitalized = frozenset(capitalized)  # words only ever written with a capital alone: Hydra, Minitron

    @classmethod
    def from_papers(cls, papers: Iterable[tuple[str, str, str]]) -> TermStats:
        """``papers``: (paper id, title, text) of each paper."""
        df: Counter[str] = Counter()
        vocabulary: set[str] = set()
        spelled: dict[str, str] = {}
        titled: Counter[str] = Counter()
        titles: list[tuple[str, str]] = []
        coined: list[tuple[str, str]] = []  # (paper id, a name its abstract introduces)
        capitalized: dict[str, str] = {}  # words written with a capital alone: Minitron, Moonlight, and However
        lower_case: set[str] = set()
        count = 0
        for paper_id, title, text in papers:
            titled.update(words(title))
            titles.append((paper_id, title))
            coined += [(paper_id, fold(m)) for m in _COINING.findall(text)]
            df.update(content_terms(f"{title} {text}"))
            vocabulary |= words(f"{title} {text}")
            for token in TOKEN.findall(f"{title} {text}"):
                lowered = fold(token)
                if token.islower():
                    lower_case.add(lowered)
                elif token[1:].islower() and len(token) >= _SHORTEST_FORGIVEN:
                    capitalized.setdefault(lowered, token)
                if lowered in spelled:
                    continue
                if lowered in names(token) or (len(token) >= _SHORTEST_FORGIVEN and token in title):
                    spelled[lowered] = token
            count += 1
        # a word the collection never writes in lower case is a name, though only its capital says so
        names_by_capital = {w for w in capitalized if w not in lower_case}
        spelled |= {w: capitalized[w] for w in names_by_capital if w not in spelled}
        stats = cls(df, count, vocabulary, spelled, titled, capitalized=names_by_capital)
        for paper_id, title in titles:
            for name in own_names(title, stats):
                stats.named.setdefault(name, []).append(paper_id)
        titles_own = set(stats.named)  # a title's name is its paper's, whoever else introduces it
        for paper_id, name in coined:  # "This paper presents SimCLR: ...": a name its title lacks, as rare
            if len(name) > 3 and 0 < stats.df.get(stem(name), 0) <= _OWN_NAME_PAPERS and name not in titles_own \
                    and not _AFFIXES.search(name):  # "BERT-style" describes
                stats.named.setdefault(name, []).append(paper_id)
        return stats

    def to_json(self) -> dict:
        return {"papers": self.papers, "df": self.df, "vocabulary": sorted(self.vocabulary), "spelled": self.spelled,
                "titled": self.titled, "named": self.named, "capitalized": sorted(self.capitalized)}

    @classmethod
    def from_json(cls, data: Mapping) -> TermStats:
        return cls(data["df"], data["papers"], data["vocabulary"], data.get("spelled"), data.get("titled"),
                   data.get("named"), data.get("capitalized", ()))

    @cached_property
    def _parts(self) -> frozenset[str]:
        """Every piece of a hyphenated or dotted word, and every hyphenated start of one: '70b', 'llama'
        and 'llama-2' of 'llama-2-70b'."""
        parts = {p for w in self.vocabulary for p in re.split(r"[-.]", w) if p}
        for word in self.vocabulary:
            pieces = word.split("-")
            parts.update("-".join(pieces[:n]) for n in range(2, len(pieces)))
        return frozenset(parts)

    @cached_property
    def _squashed(self) -> frozenset[str]:
        return frozenset(w.replace("-", "") for w in self.vocabulary)

    @cached_property
    def ordered_vocabulary(self) -> list[str]:
        """The vocabulary in a fixed order, so that of words as near the same one is chosen in every process."""
        return sorted(self.vocabulary)

    @cached_property
    def _candidates(self) -> list[str]:
        """What a misspelled word may have meant: the names and title words the collection spells."""
        return sorted(self.spelled, key=lambda w: (-self.df.get(w[:7], 0), w))

    @cached_property
    def _name_candidates(self) -> list[str]:
        """Of those, the ones written as names (QuEST, SARATHI, Zebra-Llama), not plain title words."""
        return [w for w in self._candidates if names(self.spelled[w]) or w in self.capitalized]

    @cached_property
    def _capitalized_candidates(self) -> list[str]:
        return [w for w in self._candidates if w in self.capitalized]

    def spells(self, word: str) -> bool:
        """Whether the collection writes this word, in some inflection or hyphenation, or as part of
        a longer word ('70b' inside 'llama-2-70b')."""
        word = fold(word)
        if word in self._parts or sum(c.isdigit() for c in word) > sum(c.isalpha() for c in word):
            return True  # "384x384", "2:4": figures, which no spelling test applies to
        return any(form in self.vocabulary or form in self._squashed for form in variants(word))

    @cached_property
    def _bases(self) -> frozenset[str]:
        return frozenset(base_form(part) for w in self.vocabulary for part in w.split("-") if part.isalpha())

    def writes_form(self, word: str) -> bool:
        """Whether the collection writes this plain word in some form: "Licensing" where a paper writes
        "license", British "oxidise" where one writes "oxidation"."""
        word = fold(word)
        return self.spells(word) or base_form(american(word)) in self._bases

    def knows(self, name: str) -> bool:
        """Whether some paper mentions this name, spelled as a paper spells it or within a typo of it.
        A compound counts as its parts ('718-billion-parameter', 'adaptive-L1-decay', 'NLEBench+NorGLM'),
        but 'FlashAttention-3' must appear with its 3 (a version is not its family), and a name coined
        from capitalized words ('Flash-Decoding') must appear whole. Give the name as written."""
        if not self.vocabulary:  # no statistics yet: no evidence against
            return True
        written, name = name, fold(name)
        # a name written with capitals is a typo of another name, not of a plain word ("Enrichr" is no "enrich")
        if self.spells(name) or self.closest(name, names_only=written != name):
            return True
        if (bare := _AFFIXES.sub("", written)) != written and bare:  # "GPT-2-based", "non-8-bit": GPT-2, 8-bit
            return self.knows(bare)
        parts = [p for p in re.split(r"[-+/]", written) if p]
        versioned = any(p.isdigit() for p in parts) and not name[:1].isdigit()  # gpt-4, flashattention-3
        # Flash-Decoding and Chain-of-Verification are names in their own right, whose words every paper
        # spells; adaptive-L1-decay describes, and NLEBench+NorGLM joins two names the collection spells.
        # (words with a capital, not acronyms: "GPU-to-GPU" joins two things the collection names)
        coined = "+" not in written and sum(p[:1].isupper() and not p.isupper() for p in parts) >= 2
        return len(parts) > 1 and not versioned and not coined and all(self.spells(p) for p in parts)

    def closest(self, word: str, names_only: bool = False, capitalized: bool = False,
                edits: int | None = None) -> str | None:
        """The name or title word the collection spells that ``word`` most likely misspells, as the
        collection writes it; None when none is within the edits forgiven for its length, or the
        digits differ. ``names_only``: only names are candidates, not plain title words;
        ``capitalized``: only names written with a capital alone ("Hydar" may mean Hydra, not RoMA);
        ``edits``: at most this many."""
        word = fold(word)
        budget = min(edits_forgiven(word), edits if edits is not None else 2)
        candidates = self._capitalized_candidates if capitalized else \
            self._name_candidates if names_only else self._candidates
        if not budget or not candidates:
            return None
        digits = _DIGITS.findall(word)
        found = process.extract(word, candidates, scorer=distance.OSA.distance, score_cutoff=budget, limit=8)
        # of names as near, the one that keeps more of the word's start: "ConPEFT" is ConPET, not ComPEFT
        for candidate, _, _ in sorted(found, key=lambda hit: (hit[1], -_common_start(hit[0], word))):
            # a typo keeps the first letter: "LegalBench" is another name, not a misspelled "MEGA-Bench"
            if _DIGITS.findall(candidate) == digits and candidate != word and candidate[:1] == word[:1]:
                return self.spelled[candidate]
        return None

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log((self.papers - df + 0.5) / (df + 0.5) + 1.0)

    def share(self, term: str) -> float:
        """The share of papers that hold this (stemmed) term."""
        return self.df.get(term, 0) / self.papers if self.papers else 0.0

    def common(self, term: str, share: float = COMMON_SHARE) -> bool:
        """Whether a (stemmed) term is one of the field's common words, held by more than ``share`` of the
        papers (and by a few at least: in a handful of papers every shared word would be common)."""
        return self.df.get(term, 0) >= _COMMON_PAPERS and self.share(term) >= share
