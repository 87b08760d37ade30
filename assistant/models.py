"""Value objects that travel through the pipeline: Paper -> Chunk -> (retrieval) -> Source -> Answer,
with the two records an answer carries about itself: its ``Evidence`` and its checked ``Claim``\ s."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field

NO_ANSWER = "The collection does not cover this question."  # the one "cannot answer": prompt, modes, UI, tests


def normalize_title(title: str) -> str:
    """Case-, accent-width- and punctuation-insensitive form of a title, used to dedupe and match."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.findall(r"\w+", text))


def paper_id_for(title: str) -> str:
    """Stable id of a paper: the same title always gives the same id, whatever file it came from."""
    return hashlib.sha256(normalize_title(title).encode()).hexdigest()[:16]


MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_LIST_SEPARATOR = "; "  # how a list (authors, categories) is stored in flat chunk metadata
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_WORD_DATE = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s*(\d{1,2})?,?\s+(\d{4})$")


def day_number(date: str) -> int:
    """``date`` as YYYYMMDD (a missing month or day counts as the first), or 0 when it names no year: the
    daily feed's "Mar 5" has none, and date filters leave such papers out, unable to tell if they fall inside."""
    text = date.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    elif (match := _WORD_DATE.match(text)) and match[2].casefold() in MONTHS:
        year, month, day = int(match[4]), MONTHS[match[2].casefold()], int(match[1] or match[3] or 1)
    else:
        return 0
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return 0
    return year * 10_000 + month * 100 + day


def joined(values: tuple[str, ...]) -> str:
    """A list as one flat metadata value (Chroma and LlamaIndex metadata hold no lists)."""
    return _LIST_SEPARATOR.join(values)


def listed(value: object) -> tuple[str, ...]:
    """The list ``joined`` stored."""
    return tuple(v for v in str(value or "").split(_LIST_SEPARATOR) if v)


@dataclass(frozen=True)
class Paper:
    title: str
    abstract: str
    url: str = ""
    date: str = ""  # as the source gives it: "2024-05-03", or "Mar 5" (no year) in the daily-papers feed
    authors: tuple[str, ...] = ()
    source: str = ""  # file the paper was read from
    line: int = 0  # line of its title in that file
    categories: tuple[str, ...] = ()  # arXiv categories ("cs.LG") or keywords of a BibTeX entry
    doi: str = ""
    arxiv_id: str = ""
    collection: str = ""  # what filters call it; by default the file's name without its suffix
    collections: tuple[str, ...] = ()  # further collections it is in (a Zotero library's, by their path)
    venue: str = ""  # where it was published (a journal, proceedings, a repository)
    origin: str = ""  # the source it was read from, as sync knows it (a file's full path); not part of its content

    @property
    def paper_id(self) -> str:
        return paper_id_for(self.title)

    @property
    def day(self) -> int:
        return day_number(self.date)

    @property
    def content_hash(self) -> str:
        """Changes whenever anything stored for the paper changes; unchanged papers are not re-embedded."""
        parts = [self.title, self.abstract, self.url, self.date, "; ".join(self.authors),
                 " ".join(self.categories), self.doi, self.arxiv_id, self.collection]
        if self.collections or self.venue:  # added later: papers without them keep the hash they were stored under
            parts += ["; ".join(self.collections), self.venue]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    @property
    def all_collections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for c in (self.collection, *self.collections) if c))


@dataclass(frozen=True)
class Chunk:
    paper_id: str
    index: int
    text: str  # a run of whole sentences from the abstract

    @property
    def chunk_id(self) -> str:
        return f"{self.paper_id}:{self.index}"


@dataclass(frozen=True)
class Delta:
    """A piece of answer text while it streams; the final ``Answer`` follows and replaces it.
    ``kind`` is "answer", "reasoning" (a reasoning model's thinking, never part of the answer) or
    "restart" (what streamed as answer so far was thinking: start the answer over)."""

    text: str
    kind: str = "answer"


@dataclass
class Turn:
    """A past exchange of a conversation, as a follow-up needs it."""

    question: str
    answer: str
    papers: tuple[str, ...] = ()  # ids of the papers the answer cited: what "they" and "it" point back to


@dataclass(frozen=True)
class Source:
    """A paper an answer rests on. ``Answer.sources[n-1]`` is what ``[n]`` cites."""

    paper_id: str
    title: str
    snippet: str  # the passage that supports the answer (a cited sentence where there is one)
    score: float  # retrieval support in [0, 1]: cosine similarity of the best passage
    rank: int = 0  # position in the retrieval ranking (1 = best), whatever the citation order
    url: str = ""
    date: str = ""
    passages: tuple[str, ...] = ()  # best-matching chunks of the abstract, best first
    highlights: tuple[str, ...] = ()  # sentences of the snippet that the answer quotes or cites
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    doi: str = ""
    arxiv_id: str = ""
    collection: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


# The answer's own records ------------------------------------------------------------------------

@dataclass(frozen=True)
class Focus:
    """What a question asks for (``answer/focus/``): a sentence answers only when it gives this."""

    kind: str  # quantity | entity | link | method | definition | list | other
    asks: str  # for people: "the number of GPUs", "the license"
    words: tuple[str, ...] = ()  # the question's words for it ("gpus"), matched in any inflection
    terms: tuple[str, ...] = ()  # words of the same group ("accelerator", "a100"), matched as written
    qualifiers: tuple[str, ...] = ()  # names it must mention as well ("mmlu" in "accuracy on MMLU")
    figure: bool = False  # a quantity: a figure must stand next to those words
    count: bool = False  # "how many": the figure comes just before the word ("64 GPUs")
    loose: bool = False  # words of no known group ("observations"): any figure of the sentence may give it
    name: bool = False  # a named thing (a dataset, a GPU): a name must stand next to them
    verbs: tuple[str, ...] = ()  # "which models does quantization favor": "favors ... models" answers too
    found: bool | None = None  # whether the papers answered from give it (None: not looked for)
    parts: tuple["Focus", ...] = ()  # the other details a question of several parts asks for ("..., and how many GPUs?")
    phase: str = ""  # "training" or "inference": a figure of the other phase does not give it (GPUs to serve, not train)
    others: tuple[str, ...] = ()  # measures it is not ("vocabulary" for training tokens: "a vocabulary of 200K tokens")
    given: tuple[str, ...] = ()  # figures the question states itself ("up from 39.8%", "its 200K vocabulary"): no answer

    @property
    def asks_detail(self) -> bool:
        """Whether it asks for a detail (a figure, a name, a link) that a sentence gives or does not."""
        return self.kind in ("quantity", "entity", "link")

    def to_dict(self) -> dict:
        return {"kind": self.kind, "asks": self.asks, "words": list(self.words), "terms": list(self.terms),
                "qualifiers": list(self.qualifiers), "figure": self.figure, "count": self.count, "loose": self.loose,
                "name": self.name, "verbs": list(self.verbs), "found": self.found, "phase": self.phase,
                "given": list(self.given), "parts": [part.to_dict() for part in self.parts]}


@dataclass(frozen=True)
class Evidence:
    """Why the assistant answered or declined: the signals of the decline decision (``answer/evidence.py``),
    measured on the one retrieved paper that supports the question best (``paper``)."""

    dense: float  # cosine similarity of the paper's best retrieved chunk
    sentence: float  # of the supporting paper's best sentence
    coverage: float  # IDF-weighted share of the question's content terms the paper holds
    distinct: float  # the same share over the question's distinctive terms (not the field's common words)
    title: float  # the share of the question's terms in the paper's title
    score: float  # their weighted sum, less the penalties for unknown names and unseen words
    threshold: float
    unknown_names: tuple[str, ...] = ()  # names in the question (InstructGPT, YOLOv8) that no paper mentions
    paper: int | None = None  # index of the supporting retrieved paper
    supporting: tuple[int, ...] = ()  # every retrieved paper that supports the question on its own
    named: bool = False  # the question names that paper (its short name or its title's words)
    matched: tuple[str, ...] = ()  # the question's distinctive terms the paper holds
    missing: tuple[str, ...] = ()  # ... and those it does not
    corrections: tuple[tuple[str, str], ...] = ()  # (as asked, as searched): names taken for misspellings
    focus: Focus | None = None
    unseen: float = 0.0  # the IDF-weighted share of the question's distinctive words no paper uses (tokamak)

    @property
    def supported(self) -> bool:
        return self.score >= self.threshold

    @property
    def named_paper(self) -> int | None:
        """Index of the retrieved paper the question names, if it names one."""
        return self.paper if self.named else None

    def to_dict(self) -> dict:
        data = {k: getattr(self, k) for k in ("dense", "sentence", "coverage", "distinct", "title", "unseen", "score",
                                              "threshold", "paper", "named")}
        data = {k: round(v, 4) if isinstance(v, float) else v for k, v in data.items()} | {"supporting": list(self.supporting)}
        data.update(unknown_names=list(self.unknown_names), matched=list(self.matched), missing=list(self.missing),
                    corrections=[{"asked": a, "searched": b} for a, b in self.corrections],
                    focus=self.focus.to_dict() if self.focus else None, supported=self.supported,
                    explanation=self.explain())
        return data

    def explain(self) -> str:
        """One sentence for people: why the assistant answered or declined."""
        verdict = "answered" if self.supported else "declined"
        reason = (f"support {self.score:.2f} {'≥' if self.supported else '<'} {self.threshold:.2f} "
                  f"(passage {self.dense:.2f}, sentence {self.sentence:.2f}, question terms found "
                  f"{self.coverage:.0%}, distinctive terms found {self.distinct:.0%}, in a title {self.title:.0%})")
        if self.named:
            reason += "; the question names the paper"
        if self.missing:
            reason += f"; not found: {', '.join(self.missing[:4])}"
        if self.unknown_names:
            reason += f"; no paper mentions {', '.join(self.unknown_names[:4])}"
        if self.unseen:
            reason += f"; {self.unseen:.0%} of its distinctive words appear in no paper"
        if self.corrections:
            reason += "; searched " + ", ".join(f"{b} for {a}" for a, b in self.corrections)
        return f"{verdict}: {reason}"


SUPPORTED = "supported"  # the status of a claim its cited sources back (``answer/grounding.py`` names the others)


@dataclass(frozen=True)
class Claim:
    """A sentence of an LLM answer, checked against the sources it cites."""

    text: str  # the sentence as written, markers included
    citations: tuple[int, ...]  # the [n] it carries
    status: str
    evidence: str = ""  # the cited source sentence that best supports it
    similarity: float = 0.0
    detail: str = ""  # what is missing, for people

    @property
    def flagged(self) -> bool:
        return self.status != SUPPORTED

    def to_dict(self) -> dict:
        data = asdict(self)
        data["citations"] = list(self.citations)
        data["similarity"] = round(self.similarity, 4)
        return data


@dataclass(frozen=True)
class Answer:
    question: str
    text: str  # markdown with [n] markers
    sources: tuple[Source, ...]  # cited papers, numbered in order of first citation
    mode: str  # "llm" | "extractive"
    abstained: bool = False
    query: str = ""  # what retrieval searched for; differs from the question for a follow-up
    uncited: tuple[Source, ...] = ()  # retrieved but not cited
    notice: str = ""  # a plain sentence about something that went wrong (LLM fallback, ...)
    dropped_citations: int = 0  # markers that pointed to no source and were removed
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    evidence: Evidence | None = None  # why the assistant answered or declined
    claims: tuple[Claim, ...] = ()  # an LLM answer's claims, each checked against the sources it cites
    filters: dict | None = None  # the filters the question was asked under (Filters.to_dict())
    reasoning: str = ""  # a reasoning model's thinking: shown apart, never in the text, claims or exports

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "query": self.query,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
            "uncited": [s.to_dict() for s in self.uncited],
            "mode": self.mode,
            "abstained": self.abstained,
            "notice": self.notice,
            "dropped_citations": self.dropped_citations,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "claims": [c.to_dict() for c in self.claims],
            "filters": self.filters,
            "reasoning": self.reasoning,
        }
