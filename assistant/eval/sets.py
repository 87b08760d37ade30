"""Evaluation question sets: JSON Lines, one question a line.

    {"id": "q1", "kind": "fact", "question": "...", "relevant": ["exact paper title", ...], "facts": ["67.6"]}

``kind`` is ``fact`` (one paper answers it), ``topic`` (several do), ``unanswerable`` (none does;
``relevant`` empty) or ``absent``: the question names one paper (``relevant``) and asks it for a
detail its abstract does not give (``detail``, e.g. "license"); an honest answer declines or says
the abstract does not give it, and never gives another paper's sentence as the answer. Titles match
stored papers case-, whitespace- and punctuation-insensitively; ``facts`` are strings a correct
answer contains (case-insensitive). ``split`` (optional) is ``calibration`` (thresholds may be tuned
on it) or ``heldout`` (only ever measured). ``tags`` (optional) group questions in the report
(``misspelled``, ``near-domain``, ``which-papers``...).

A set that measures the claim checker adds ``script`` (the answer a test LLM sends, see
``evals/make_claims.py``) and ``defects`` (per sentence of the script: ``""`` when correct, else the
defect planted); the report then scores which claims the checker flagged against those labels. Or
it gives ``parts``: ``[{"text": ..., "defect": ...}, ...]``, a unit a reader checks each (a sentence,
a list item), joined by a space into the script (a part that starts with a line break is joined
as it is); the checker's claims are matched to the part whose text holds them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import QuestionSetError
from ..models import Paper, paper_id_for

KINDS = ("fact", "topic", "unanswerable", "absent")
SPLITS = ("calibration", "heldout")
# The phrasings a researcher uses for a paper known by its short name ("QuEST: ..." -> "QuEST").
NAME_PHRASINGS = ("What does {} do?", "What is {}?", "How well does {} work?", "Results of {}?")
_MAX_NAME_WORDS = 3


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    kind: str
    question: str
    relevant: tuple[str, ...] = ()  # titles as written in the set
    facts: tuple[str, ...] = ()
    relevant_ids: frozenset[str] = field(default_factory=frozenset)
    split: str = ""
    script: str = ""
    defects: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # the labelled units of the script, when the set gives them
    tags: tuple[str, ...] = ()
    detail: str = ""  # an absent question: what it asks for that the named paper's abstract does not give

    @property
    def answerable(self) -> bool:
        """Whether some paper's abstract answers it: declining it is a miss."""
        return self.kind in ("fact", "topic")


def load_questions(path: Path | str, known: Mapping[str, object] | None = None, split: str | None = None
                   ) -> list[EvalQuestion]:
    """Read and check a set. ``known`` holds the stored paper ids; an unknown title is an error.
    With ``split``, only that half of the set is returned."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise QuestionSetError(path, None, "no such file") from None
    except UnicodeDecodeError as exc:
        raise QuestionSetError(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    questions: list[EvalQuestion] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        question = _parse(path, number, line, known)
        if question.id in seen:
            raise QuestionSetError(path, number, f"id {question.id!r} is used already on line {seen[question.id]}")
        seen[question.id] = number
        questions.append(question)
    if not questions:
        raise QuestionSetError(path, None, "no questions in this file")
    if split:
        questions = [q for q in questions if q.split == split]
        if not questions:
            raise QuestionSetError(path, None, f"no questions of split {split!r} in this file")
    return questions


def _parse(path: Path, number: int, line: str, known: Mapping[str, str] | None) -> EvalQuestion:
    def bad(problem: str) -> QuestionSetError:
        return QuestionSetError(path, number, problem)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise bad("expected a JSON object")
    kind = record.get("kind", "fact")
    if kind not in KINDS:
        raise bad(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    text = record.get("question")
    if not isinstance(text, str) or not text.strip():
        raise bad('"question" is missing or empty')
    relevant = _strings(record.get("relevant", []), "relevant", bad)
    facts = _strings(record.get("facts", []), "facts", bad)
    script = record.get("script", "")
    if not isinstance(script, str):
        raise bad('"script" must be a string')
    defects = record.get("defects", [])
    if not isinstance(defects, list) or not all(isinstance(d, str) for d in defects):
        raise bad('"defects" must be a list of strings ("" for a correct claim)')
    parts = record.get("parts", [])
    if not isinstance(parts, list) or not all(isinstance(p, dict) and isinstance(p.get("text"), str)
                                              and isinstance(p.get("defect", ""), str) for p in parts):
        raise bad('"parts" must be a list of {"text": ..., "defect": ...}')
    if parts:
        script = "".join(p["text"] if i == 0 or p["text"].startswith("\n") else " " + p["text"]
                         for i, p in enumerate(parts))
        defects = [p.get("defect", "") for p in parts]
    split = record.get("split", "")
    if split and split not in SPLITS:
        raise bad(f"split {split!r} is not one of {', '.join(SPLITS)}")
    tags = _strings(record.get("tags", []), "tags", bad)
    detail = record.get("detail", "")
    if not isinstance(detail, str):
        raise bad('"detail" must be a string')
    if kind == "unanswerable" and relevant:
        raise bad("an unanswerable question lists no relevant papers")
    if kind != "unanswerable" and not relevant:
        raise bad(f'a {kind} question needs at least one "relevant" title')
    if kind == "absent" and len(relevant) != 1:
        raise bad('an absent question names exactly one paper in "relevant"')
    ids = []
    for title in relevant:
        paper_id = paper_id_for(title)
        if known is not None and paper_id not in known:
            raise bad(f"no stored paper has the title {title!r}")
        ids.append(paper_id)
    return EvalQuestion(
        id=str(record.get("id") or f"line{number}"),
        kind=kind,
        question=text.strip(),
        relevant=tuple(relevant),
        facts=tuple(facts),
        relevant_ids=frozenset(ids),
        split=split,
        script=script,
        defects=tuple(defects),
        parts=tuple(p["text"] for p in parts),
        tags=tuple(tags),
        detail=detail.strip(),
    )


def _strings(value: object, name: str, bad) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise bad(f'"{name}" must be a list of non-empty strings')
    return [v.strip() for v in value]


def title_questions(papers: Iterable[Paper]) -> list[dict]:
    """The generated set: each paper's title as the question, the paper itself as the answer."""
    return [
        {"id": f"title-{p.paper_id}", "kind": "fact", "question": p.title, "relevant": [p.title], "facts": []}
        for p in papers
    ]


def split_of(key: str) -> str:
    """A stable half: the same key always lands in the same split."""
    return SPLITS[int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 2]


def short_name(title: str) -> str | None:
    """The name a paper goes by when its title starts with one ("QuEST: Stable Training..." -> "QuEST")."""
    name, colon, _ = title.partition(":")
    name = name.strip()
    if colon and name and len(name.split()) <= _MAX_NAME_WORDS:
        return name
    return None


def name_questions(papers: Iterable[Paper]) -> list[dict]:
    """The generated named-method set: each paper with a short name, asked about in several phrasings.
    Split by paper, so the held-out half asks about papers the calibration half never names."""
    records = []
    for paper in papers:
        name = short_name(paper.title)
        if name is None:
            continue
        split = split_of(paper.paper_id)
        asked = [p.format(name) for p in NAME_PHRASINGS] + [NAME_PHRASINGS[0].format(name.lower())]
        for n, question in enumerate(dict.fromkeys(asked)):
            records.append({"id": f"name-{paper.paper_id}-{n}", "split": split, "kind": "fact",
                            "question": question, "relevant": [paper.title], "facts": []})
    return records
