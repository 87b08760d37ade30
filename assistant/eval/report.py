"""Eval runs -> a console table, ``report.json``, ``report.md`` and ``report.png``."""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from .evaluate import EvalRun, QuestionResult
from .metrics import METRICS

_LATENCY = ("total_p50", "total_p95", "retrieval_p50", "retrieval_p95", "generation_p50", "generation_p95",
            "grounding_p50", "grounding_p95")


def report_data(runs: Sequence[EvalRun], question_set: str, settings: Mapping[str, object]) -> dict:
    return {
        "question_set": question_set,
        "created": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}",
        "settings": dict(settings),
        "configs": {
            run.config: {
                "k": run.k,
                "metrics": run.metrics(),
                "latency_s": run.latency(),
                "questions": [_question_record(r) for r in run.results],
            }
            for run in runs
        },
    }


def console_table(data: dict) -> str:
    configs = list(data["configs"])
    rows = [("metric", *configs)]
    for name in ("questions", *METRICS):
        rows.append((name, *(_fmt(data["configs"][c]["metrics"].get(name)) for c in configs)))
    for name in _LATENCY:
        rows.append((f"{name} (s)", *(_fmt(data["configs"][c]["latency_s"].get(name)) for c in configs)))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(cell).ljust(w) if i == 0 else str(cell).rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_reports(data: dict, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md", out / "report.png"]
    paths[0].write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    paths[1].write_text(_markdown(data), encoding="utf-8")
    _chart(data, paths[2])
    return paths


def _question_record(result: QuestionResult) -> dict:
    answer = result.answer
    titles = {s["paper_id"]: s["title"] for s in [*answer["sources"], *answer["uncited"]]}
    return {
        "id": result.question.id,
        "kind": result.question.kind,
        "tags": list(result.question.tags),
        "question": result.question.question,
        "expected": list(result.question.relevant),
        "facts": list(result.question.facts),
        "facts_found": list(result.facts_found),
        "retrieved": [titles[pid] for pid in result.papers],
        "cited": [titles[pid] for pid in result.cited],
        "relevant_retrieved": sorted(titles[pid] for pid in set(result.papers) & result.question.relevant_ids),
        "abstained": answer["abstained"],
        "orphan_markers": result.orphan_markers,
        "verdict": result.verdict,
        "answer": answer["text"],
        "timings": answer["timings"],
        "evidence": answer.get("evidence"),
        "claims": answer.get("claims") or [],
        "defects": list(result.question.defects),
    }


def _markdown(data: dict) -> str:
    configs = list(data["configs"])
    lines = [
        f"# Evaluation of `{data['question_set']}`",
        "",
        f"{data['created']} on {data['machine']}.",
        "",
        "| metric | " + " | ".join(configs) + " |",
        "|---|" + "---:|" * len(configs),
    ]
    for name in ("questions", *METRICS):
        lines.append(f"| {name} | " + " | ".join(_fmt(data["configs"][c]["metrics"].get(name)) for c in configs) + " |")
    for name in _LATENCY:
        lines.append(f"| {name} (s) | " + " | ".join(_fmt(data["configs"][c]["latency_s"].get(name)) for c in configs) + " |")
    lines += ["", "Metrics: " + "; ".join(f"`{n}`: {meaning}" for n, (meaning, _) in METRICS.items()) + ".", ""]
    lines += _by_tag(data)
    for config in configs:
        lines += [
            f"## Questions: `{config}`",
            "",
            "| id | kind | question | expected | retrieved | cited | verdict |",
            "|---|---|---|---|---|---|---|",
        ]
        for q in data["configs"][config]["questions"]:
            expected = "; ".join(q["expected"]) or "(none)"
            if q["facts"]:
                expected += " — facts: " + ", ".join(f"{f} {'✓' if f in q['facts_found'] else '✗'}" for f in q["facts"])
            retrieved = f"{len(q['relevant_retrieved'])}/{len(q['expected'])} relevant of {len(q['retrieved'])}" \
                if q["expected"] else f"{len(q['retrieved'])} papers"
            lines.append("| " + " | ".join(_cell(v) for v in (
                q["id"], q["kind"], q["question"], expected, retrieved, "; ".join(q["cited"]) or "—", q["verdict"],
            )) + " |")
        lines.append("")
    return "\n".join(lines)


def _by_tag(data: dict) -> list[str]:
    """Correct and declined counts per question tag and configuration (nothing when no question has tags)."""
    configs = list(data["configs"])
    tags = sorted({t for c in configs for q in data["configs"][c]["questions"] for t in q.get("tags", [])})
    if not tags:
        return []
    lines = ["## By tag", "", "| tag | " + " | ".join(f"{c}: correct / declined / of" for c in configs) + " |",
             "|---|" + "---:|" * len(configs)]
    for tag in tags:
        cells = []
        for config in configs:
            mine = [q for q in data["configs"][config]["questions"] if tag in q.get("tags", [])]
            correct = sum(q["verdict"] in ("correct", "declined (correct)") for q in mine)
            said_no = sum(q["verdict"].startswith("declined") for q in mine)
            cells.append(f"{correct} / {said_no} / {len(mine)}")
        lines.append(f"| {tag} | " + " | ".join(cells) + " |")
    return lines + [""]


def _chart(data: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = [n for n, (_, higher) in METRICS.items() if higher]
    configs = list(data["configs"])
    curves = {c: decline_curve(data["configs"][c]["questions"]) for c in configs}
    with_curve = any(curves.values())
    fig, axes = plt.subplots(1, 2 if with_curve else 1, figsize=(16 if with_curve else 11, 4.5), dpi=110,
                             gridspec_kw={"width_ratios": [2.2, 1]} if with_curve else None)
    ax = axes[0] if with_curve else axes
    width = 0.8 / max(1, len(configs))
    x = np.arange(len(names))
    for i, config in enumerate(configs):
        values = [data["configs"][config]["metrics"].get(n) or 0.0 for n in names]
        ax.bar(x + i * width - 0.4 + width / 2, values, width, label=config)
    ax.set_xticks(x, [n.replace("_", "\n") for n in names], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title(f"{data['question_set']}: {data['configs'][configs[0]]['metrics']['questions']} questions")
    ax.legend(fontsize=8, ncols=len(configs))
    ax.grid(axis="y", alpha=0.3)
    if with_curve:
        ax = axes[1]
        for config, curve in curves.items():
            if not curve:
                continue
            ax.plot(curve["answerable_declined"], curve["unanswerable_declined"], label=config, lw=1.5)
            ax.plot(*curve["at_threshold"], "o", ms=6, color=ax.lines[-1].get_color())
            ax.annotate(f"threshold {curve['threshold']:.3f}", curve["at_threshold"], fontsize=7,
                        xytext=(8, -12), textcoords="offset points")
        ax.set_xlim(-0.01, 1.0)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("answerable questions declined")
        ax.set_ylabel("unanswerable questions declined")
        ax.set_title("decline trade-off over the threshold (dot: the setting used)", fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def decline_curve(questions: Sequence[dict]) -> dict | None:
    """Declined shares of answerable and unanswerable questions as the threshold sweeps over every
    recorded evidence score; None unless the set holds both kinds and the answers carry evidence."""
    scored = [(q["evidence"]["score"], q["kind"] == "unanswerable") for q in questions if q.get("evidence")]
    answerable = [s for s, unanswerable in scored if not unanswerable]
    unanswerable = [s for s, is_un in scored if is_un]
    if not answerable or not unanswerable:
        return None
    threshold = next(q["evidence"]["threshold"] for q in questions if q.get("evidence"))
    cuts = sorted({s + 1e-9 for s, _ in scored} | {threshold, 0.0})

    def declined(scores: list[float], cut: float) -> float:
        return sum(s < cut for s in scores) / len(scores)

    return {
        "threshold": threshold,
        "answerable_declined": [declined(answerable, c) for c in cuts],
        "unanswerable_declined": [declined(unanswerable, c) for c in cuts],
        "at_threshold": (declined(answerable, threshold), declined(unanswerable, threshold)),
    }


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
