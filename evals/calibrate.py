"""Fit the decline decision's weights and threshold on the calibration halves; report the held-out halves.

    .venv/bin/python evals/calibrate.py [--signals reports/signals.json]

Every question of the sets below goes through ``ask()`` once (about two minutes on two cores) and
its evidence signals are kept. A grid search over the weights (summing to 1) and the threshold then
picks, on the calibration halves only, the setting that declines the fewest answerable questions
while declining at least the target share of unanswerable ones. The held-out halves are scored with
that setting and printed beside it; they never influence the choice.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = ["named.jsonl", "paraphrased.jsonl", "unanswerable.jsonl", "handwritten.jsonl"]
SIGNALS = ("dense", "sentence", "coverage", "title")
TARGET_UNANSWERABLE = 0.95  # calibration target, a little above the held-out target of 0.90


def collect(path: Path) -> list[dict]:
    from assistant import get_assistant
    from assistant.eval.sets import load_questions

    assistant = get_assistant()
    known = assistant.store.stored_papers()
    rows = []
    for name in SETS:
        for q in load_questions(ROOT / "evals" / name, known=known):
            answer = assistant.ask(q.question)
            rows.append({"set": name, "id": q.id, "split": q.split or "calibration", "question": q.question,
                         "answerable": q.answerable, **{s: answer.evidence.to_dict()[s] for s in SIGNALS},
                         "unknown": float(bool(answer.evidence.unknown_names))})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=0))
    return rows


def score(r: dict, weights: dict[str, float], penalty: float) -> float:
    return sum(weights[s] * r[s] for s in SIGNALS) - penalty * r["unknown"]


def rates(rows: list[dict], weights: dict[str, float], penalty: float, threshold: float) -> dict[str, float]:
    def declined(r: dict) -> bool:
        return score(r, weights, penalty) < threshold

    out = {}
    for label, keep in (("named", lambda r: r["set"] == "named.jsonl"),
                        ("paraphrased", lambda r: r["set"] == "paraphrased.jsonl"),
                        ("handwritten", lambda r: r["set"] == "handwritten.jsonl" and r["answerable"]),
                        ("unanswerable", lambda r: not r["answerable"])):
        chosen = [r for r in rows if keep(r)]
        out[label] = float(np.mean([declined(r) for r in chosen])) if chosen else float("nan")
    return out


def fit(rows: list[dict]) -> tuple[dict[str, float], float, float]:
    best = None
    grid = np.round(np.arange(0.0, 1.01, 0.05), 2)
    for w, penalty in itertools.product(itertools.product(grid, repeat=3), (0.0, 0.1, 0.2, 0.3, 0.5)):
        if sum(w) > 1.0:
            continue
        weights = dict(zip(SIGNALS, (*w, round(1.0 - sum(w), 2))))
        scores = sorted(score(r, weights, penalty) for r in rows if not r["answerable"])
        # the lowest threshold that still declines the target share of unanswerable questions
        threshold = scores[min(len(scores) - 1, int(np.ceil(TARGET_UNANSWERABLE * len(scores))) - 1)] + 1e-4
        r = rates(rows, weights, penalty, threshold)
        wrong = r["named"] + r["paraphrased"] + r["handwritten"]
        key = (wrong, -r["unanswerable"])
        if best is None or key < best[0]:
            best = (key, weights, penalty, threshold)
    assert best is not None
    return best[1], best[2], round(best[3], 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=Path, default=ROOT / "reports" / "signals.json",
                        help="cached signals (collected when missing)")
    args = parser.parse_args()
    rows = json.loads(args.signals.read_text()) if args.signals.exists() else collect(args.signals)
    calibration = [r for r in rows if r["split"] == "calibration"]
    heldout = [r for r in rows if r["split"] == "heldout"]
    weights, penalty, threshold = fit(calibration)
    print("weights", {k: float(v) for k, v in weights.items()}, "unknown-name penalty", penalty, "threshold", threshold)
    for label, part in (("calibration", calibration), ("held-out", heldout)):
        declined = rates(part, weights, penalty, threshold)
        print(f"{label:12}", "  ".join(f"{k} declined {v:.3f}" for k, v in declined.items()))


if __name__ == "__main__":
    main()
