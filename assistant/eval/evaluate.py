"""Question set -> every question through the same ``Assistant`` as the UI -> scores.

Scoring follows how LitQA2 scores PaperQA2: an answer is *correct*, *incorrect* or *declined*;
precision is correct / answered and accuracy is correct / all, where declining a question that no
paper covers counts as correct. Retrieval is scored on the papers shown with the answer (cited or
not) in retrieval order, so it measures what a user is shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from tqdm import tqdm

from ..answer.cite import CITATION
from ..errors import QuestionError, SettingsError
from .metrics import METRICS
from .sets import EvalQuestion

if TYPE_CHECKING:
    from ..assistant import Assistant


# A configuration is one or more of these joined by "+", e.g. "dense+llm", or "llm+endpoint=URL",
# "llm+model=NAME", "llm+prompts=DIR" to compare LLM endpoints, models or prompt folders.
SETTING_PARTS = {"endpoint": "llm_base_url", "model": "llm_model", "prompts": "prompts_dir"}
CONFIG_PARTS: dict[str, dict[str, str]] = {
    "hybrid": {"retriever": "hybrid"},
    "dense": {"retriever": "dense"},
    "bm25": {"retriever": "bm25"},
    "extractive": {"mode": "extractive"},
    "llm": {"mode": "llm"},
}


@dataclass
class QuestionResult:
    question: EvalQuestion
    answer: dict
    papers: list[str]  # paper ids shown with the answer, in retrieval order
    cited: list[str]
    orphan_markers: int
    verdict: str  # correct | incorrect | declined | declined (correct) | answered (incorrect) | other paper (incorrect)
    facts_found: tuple[str, ...] = ()
    checked: tuple[tuple[bool, bool], ...] = ()  # (flagged, defective) per labelled claim

    @property
    def correct(self) -> bool:
        return self.verdict in ("correct", "declined (correct)")

    @property
    def declined(self) -> bool:
        return declined(self.answer)


@dataclass
class EvalRun:
    config: str
    k: int
    results: list[QuestionResult] = field(default_factory=list)

    def metrics(self) -> dict[str, float | None]:
        return score(self.results, self.k)

    def latency(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for stage in ("total", "retrieval", "generation", "grounding"):
            values = [r.answer["timings"].get(stage, 0.0) for r in self.results]
            out[f"{stage}_p50"] = _round(float(np.percentile(values, 50))) if values else None
            out[f"{stage}_p95"] = _round(float(np.percentile(values, 95))) if values else None
        return out


def parse_config(name: str) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for part in name.split("+"):
        if part == "default":
            continue
        key, equals, value = part.partition("=")
        if equals and key in SETTING_PARTS and value:
            overrides[SETTING_PARTS[key]] = value
            continue
        if part not in CONFIG_PARTS:
            known = ", ".join(["default", *CONFIG_PARTS, *(f"{k}=..." for k in SETTING_PARTS)])
            raise SettingsError(f"unknown eval configuration {part!r} in {name!r}: use {known}, joined by '+'")
        overrides.update(CONFIG_PARTS[part])
    return overrides


def evaluate(assistant: Assistant, questions: Sequence[EvalQuestion], k: int, config: str = "default",
             progress: bool = True, on_result: Callable[[QuestionResult], None] | None = None) -> EvalRun:
    overrides = parse_config(config)
    settings_overrides = {k: overrides.pop(k) for k in SETTING_PARTS.values() if k in overrides}
    if settings_overrides:  # another endpoint, model or prompt folder: an Assistant of its own, same store
        assistant = type(assistant)(assistant.settings.with_overrides(**settings_overrides), store=assistant.store,
                                    embedding=assistant.embedding)
    if overrides.get("mode") == "llm" and assistant.llm is None:
        raise SettingsError(f"configuration {config!r} needs an LLM: set ASSISTANT_LLM_BASE_URL or OPENAI_API_KEY")
    run = EvalRun(config=config, k=k)
    assistant.warm_up()
    for question in tqdm(questions, desc=config, unit="q", disable=not progress, leave=False):
        try:
            answer = assistant.ask(question.question, top_k=k, **overrides).to_dict()
        except QuestionError as exc:  # a set may hold a question the assistant refuses: it counts as declined
            answer = {"question": question.question, "text": str(exc), "sources": [], "uncited": [],
                      "abstained": True, "timings": {}, "mode": "", "notice": str(exc)}
        result = judge(question, answer)
        run.results.append(result)
        if on_result:
            on_result(result)
    return run


def declined(answer: dict) -> bool:
    """Declined, or answered that the abstracts do not give what was asked (the focus was not found)."""
    focus = (answer.get("evidence") or {}).get("focus") or {}
    return bool(answer["abstained"] or focus.get("found") is False)


def judge(question: EvalQuestion, answer: dict) -> QuestionResult:
    cited = [s["paper_id"] for s in answer["sources"]]
    shown = sorted([*answer["sources"], *answer["uncited"]], key=lambda s: s.get("rank") or 10**6)
    papers = list(dict.fromkeys(s["paper_id"] for s in shown))
    markers = [int(n) for n in CITATION.findall(answer["text"])]
    orphans = sum(1 for n in markers if not 1 <= n <= len(cited))
    text = " ".join(answer["text"].casefold().split())
    found = tuple(f for f in question.facts if " ".join(f.casefold().split()) in text)
    said_no = declined(answer)
    if question.kind == "unanswerable":
        verdict = "declined (correct)" if said_no else "answered (incorrect)"
    elif question.kind == "absent":  # honest: no answer, or "its abstract does not say", from that paper alone
        if set(cited) - question.relevant_ids:
            verdict = "other paper (incorrect)"
        else:
            verdict = "declined (correct)" if said_no else "answered (incorrect)"
    elif said_no:
        verdict = "declined"
    elif question.relevant_ids & set(cited) and len(found) == len(question.facts):
        verdict = "correct"
    else:
        verdict = "incorrect"
    claims = answer.get("claims") or []
    if question.parts:
        checked = _checked_parts(question, claims)
    else:  # one claim a sentence, in order (evals/make_claims.py writes its scripts so)
        checked = tuple((c["status"] != "supported", bool(label)) for c, label in zip(claims, question.defects))
    return QuestionResult(question, answer, papers, cited, orphans, verdict, found, checked)


def _checked_parts(question: EvalQuestion, claims: Sequence[dict]) -> tuple[tuple[bool, bool], ...]:
    """(flagged, defective) per labelled part: a part is flagged when a claim whose text it holds is."""
    def bare(text: str) -> str:
        text = re.sub(r"\{cite(?:-other)?:[^}]*\}", "", CITATION.sub("", text))
        return " ".join(re.findall(r"[\w.%×$-]+", text.casefold()))

    parts = [bare(p) for p in question.parts]
    flagged = [False] * len(parts)
    for claim in claims:
        said = bare(claim["text"])
        owner = next((i for i, part in enumerate(parts) if said and (said in part or part in said)), None)
        if owner is not None and claim["status"] != "supported":
            flagged[owner] = True
    return tuple(zip(flagged, (bool(d) for d in question.defects)))


def score(results: Sequence[QuestionResult], k: int) -> dict[str, float | None]:
    answerable = [r for r in results if r.question.answerable]
    unanswerable = [r for r in results if r.question.kind == "unanswerable"]
    absent = [r for r in results if r.question.kind == "absent"]
    topics = [r for r in results if r.question.kind == "topic"]
    misspelled = [r for r in results if "misspelled" in r.question.tags]
    answered_ok = [r for r in answerable if not r.declined]
    with_facts = [r for r in answerable if r.question.facts]
    cited = [(pid, r) for r in answered_ok for pid in r.cited]
    answered = [r for r in results if not r.declined]
    claims = [c for r in results for c in r.answer.get("claims") or []]
    citations = [c["status"] == "supported" for c in claims for _ in c["citations"]]
    checked = [pair for r in results for pair in r.checked]
    return {
        "questions": len(results),
        "hit_at_k": _mean(bool(r.question.relevant_ids & set(r.papers[:k])) for r in answerable),
        "recall_at_k": _mean(len(r.question.relevant_ids & set(r.papers[:k])) / len(r.question.relevant_ids)
                             for r in answerable),
        "mrr": _mean(_reciprocal_rank(r.papers[:k], r.question.relevant_ids) for r in answerable),
        "fact_recall": _mean(len(r.facts_found) / len(r.question.facts) for r in with_facts),
        "orphan_markers": sum(r.orphan_markers for r in results),
        "cites_relevant": _mean(bool(r.question.relevant_ids & set(r.cited)) for r in answered_ok),
        "citation_precision": _mean(pid in r.question.relevant_ids for pid, r in cited),
        "precision": _mean(r.correct for r in answered),
        "accuracy": _mean(r.correct for r in results),
        "declined_unanswerable": _mean(r.declined for r in unanswerable),
        "wrongly_declined": _mean(r.declined for r in answerable),
        "topic_recall": _mean(len(r.question.relevant_ids & set(r.cited)) / len(r.question.relevant_ids)
                              for r in topics),
        "absent_honest": _mean(r.verdict == "declined (correct)" for r in absent),
        "absent_other_paper": _mean(r.verdict == "other paper (incorrect)" for r in absent),
        "misspelled_correct": _mean(not r.declined and bool(r.question.relevant_ids & set(r.cited))
                                    for r in misspelled),
        "claims_flagged": _mean(c["status"] != "supported" for c in claims),
        "claim_citation_recall": _mean(c["status"] == "supported" for c in claims),
        "claim_citation_precision": _mean(citations),
        "checker_precision": _mean(defective for flagged, defective in checked if flagged),
        "checker_recall": _mean(flagged for flagged, defective in checked if defective),
    }


def check(metrics: dict[str, float | None], minimums: dict[str, float], maximums: dict[str, float]) -> list[str]:
    """Plain sentences for each metric that falls short of a threshold."""
    failures = []
    for name, floor in minimums.items():
        value = metrics.get(name)
        if value is not None and value < floor:
            failures.append(f"{name} is {value:.3f}, below the minimum {floor:.3f}")
    for name, ceiling in maximums.items():
        value = metrics.get(name)
        if value is not None and value > ceiling:
            failures.append(f"{name} is {value:.3f}, above the maximum {ceiling:.3f}")
    return failures


def regressions(metrics: dict[str, float | None], baseline: dict[str, float | None], tolerance: float) -> list[str]:
    """Metrics worse than the baseline by more than ``tolerance`` (latency is left out: machines differ)."""
    failures = []
    for name, (_, higher_is_better) in METRICS.items():
        now, before = metrics.get(name), baseline.get(name)
        if now is None or before is None:
            continue
        worse = before - now if higher_is_better else now - before
        if worse > tolerance:
            failures.append(f"{name} regressed from {before:.3f} to {now:.3f}")
    return failures


def _reciprocal_rank(ranked: Sequence[str], relevant: frozenset[str]) -> float:
    return next((1.0 / rank for rank, pid in enumerate(ranked, start=1) if pid in relevant), 0.0)


def _mean(values) -> float | None:
    values = [float(v) for v in values]
    return _round(sum(values) / len(values)) if values else None


def _round(value: float) -> float:
    return round(value, 4)
