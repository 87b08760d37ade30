"""Evaluation question sets: JSON Lines, one question a line.

    {"id": "q1", "kind": "fact", "question": "...", "relevant": ["exact paper title", ...], "facts": ["67.6"]}

``kind`` is ``fact`` (one paper answers it), ``topic`` (several do) or ``unanswerable`` (none does;
``relevant`` empty). Titles match stored papers case-, whitespace- and punctuation-insensitively;
``facts`` are strings a correct answer contains (case-insensitive).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QuestionSetError
from .models import Paper, paper_id_for

KINDS = ("fact", "topic", "unanswerable")


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    kind: str
    question: str
    relevant: tuple[str, ...] = ()  # titles as written in the set
    facts: tuple[str, ...] = ()
    relevant_ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"


def load_questions(path: Path | str, known: Mapping[str, str] | None = None) -> list[EvalQuestion]:
    """Read and check a set. ``known`` maps stored paper ids to titles; an unknown title is an error."""
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
    if kind == "unanswerable" and relevant:
        raise bad("an unanswerable question lists no relevant papers")
    if kind != "unanswerable" and not relevant:
        raise bad(f'a {kind} question needs at least one "relevant" title')
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
