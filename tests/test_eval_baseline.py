"""The shipped question sets against their committed baselines, with the real model and corpus."""

from __future__ import annotations

import json

import pytest

from assistant.faces.cli import main
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

EVALS = PROJECT / "evals"


def test_handwritten_set_holds_its_baseline_and_hybrid_leads(real_env, tmp_path):
    out = tmp_path / "handwritten"
    code = main(["eval", str(EVALS / "handwritten.jsonl"), "--compare", "hybrid,dense,bm25", "--out", str(out),
                 "--quiet", "--baseline", str(EVALS / "baseline/handwritten/report.json"),
                 "--min-hit-at-k", "0.95", "--min-fact-recall", "0.95", "--min-declined-unanswerable", "0.9"])
    assert code == 0
    metrics = {c: v["metrics"] for c, v in json.loads((out / "report.json").read_text())["configs"].items()}
    for name in ("hit_at_k", "recall_at_k", "mrr", "fact_recall", "accuracy"):
        assert metrics["hybrid"][name] >= max(metrics["dense"][name], metrics["bm25"][name]), name


def test_generated_title_set_holds_its_baseline(real_env, tmp_path):
    code = main(["eval", str(EVALS / "titles.jsonl"), "--compare", "hybrid", "--out", str(tmp_path / "titles"),
                 "--quiet", "--baseline", str(EVALS / "baseline/titles/report.json"), "--min-hit-at-k", "0.98"])
    assert code == 0


def test_named_method_questions_are_answered_on_the_held_out_half(real_env, tmp_path):
    """'What does X do?' and four other phrasings for papers the calibration never named."""
    code = main(["eval", str(EVALS / "named.jsonl"), "--split", "heldout", "--out", str(tmp_path / "named"), "--quiet",
                 "--baseline", str(EVALS / "baseline/named-heldout/report.json"),
                 "--max-wrongly-declined", "0.01", "--min-hit-at-k", "0.98"])
    assert code == 0


def test_held_out_paraphrased_and_unanswerable_questions_meet_the_decline_targets(real_env, tmp_path):
    # At most two of the 23 answerable: p30, whose paper (BigMac) no retriever finds from its words
    # (declining it replaced an answer that quoted DeepSpeed-MoE), and p03, answered from the wrong paper
    # until its words no paper uses ("planet-wide satellite imagery") lowered its support. The baseline
    # holds the rest.
    code = main(["eval", str(EVALS / "paraphrased.jsonl"), str(EVALS / "unanswerable.jsonl"), "--split", "heldout",
                 "--out", str(tmp_path / "heldout"), "--quiet",
                 "--baseline", str(EVALS / "baseline/paraphrased-heldout/report.json"),
                 "--max-wrongly-declined", "0.09", "--min-declined-unanswerable", "0.9"])
    assert code == 0
    assert (tmp_path / "heldout" / "report.png").stat().st_size > 0


def test_paraphrased_answers_quote_the_asked_for_figures(real_env, tmp_path):
    code = main(["eval", str(EVALS / "paraphrased.jsonl"), str(EVALS / "unanswerable.jsonl"),
                 "--out", str(tmp_path / "paraphrased"), "--quiet",
                 "--baseline", str(EVALS / "baseline/paraphrased/report.json"), "--min-fact-recall", "0.85"])
    assert code == 0


def test_calibration_sets_for_honest_answers_hold_their_baselines(real_env, tmp_path):
    """Named papers asked for details they lack, misspellings, near-domain questions (evals/honesty.jsonl),
    and the held-out halves of the larger paraphrase and near-domain sets."""
    assert main(["eval", str(EVALS / "honesty.jsonl"), "--out", str(tmp_path / "honesty"), "--quiet",
                 "--baseline", str(EVALS / "baseline/honesty/report.json"),
                 "--min-absent-honest", "0.9", "--max-absent-other-paper", "0", "--min-misspelled-correct", "0.9"]) == 0
    assert main(["eval", str(EVALS / "paraphrased2.jsonl"), str(EVALS / "nearby.jsonl"), "--split", "heldout",
                 "--out", str(tmp_path / "nearby"), "--quiet",
                 "--baseline", str(EVALS / "baseline/nearby-heldout/report.json")]) == 0


# Each blind set was written by a helper who never ran the system, committed before the code it measures,
# and run once; CI holds the answers to that run less a margin of about one question a kind. A set worked
# on since with its failures in view is a floor, not a held-out figure (evals/README.md).
BLIND_SETS = [
    "blind",   # 2c1aecf, run once on b208412
    "blind2",  # e925c3c, run once on 7d7a488; worked on since
    "blind3",  # 16bf7fb, run once on 0a9171c; worked on since
    "blind4",  # 0ef2898, run once on a0c137d; worked on since
    "blind5",  # 3198d88, run once on 8df5930; worked on since
    "blind6",  # ad83f85, run once on 289d1f7; worked on since
    "blind7",  # 9e35966, run once on c112400; worked on since
    "blind8",  # d44e039, run once on 7fa5a35; worked on since
    "blind9",  # 8ae57be, run once on 3e4bb1f; worked on since
    "blind10",  # 40d5176, run once on 3fa7876; worked on since
    "blind11",  # db149aa, run once on db829af; worked on since
    "blind12",  # 38b174b, run once on e077171; worked on since
    "blind13",  # d686181, run once on a49e8d6; worked on since
    "blind14",  # a2fc21c, run once on 6f9f312; worked on since
    "blind15",  # 412efd3, run once on af75a7e; worked on since
    "blind16",  # bca52ec, run once on 415b239; worked on since
    "blind17",  # 1935710, run once on 06f21d3 (the same answers as on fb9ba8b, the code it was written beside); worked on since
    "blind18",  # e6a7c10, run once on 053aaf1; worked on since
    "blind19",  # cf2bae3, run once on 915c31c (as 0b3aeb0 in the clone it was written in, the same code); worked on since
    "blind20",  # 2025075, run once on e0255c6; worked on since
    "blind21",  # 14cfb85, run once on b36ce5e
    "blind22",  # f09073a, run once on 324ec6a
]


@pytest.mark.parametrize("name", BLIND_SETS)
def test_each_blind_set_holds_its_one_measurement(real_env, tmp_path, name):
    assert main(["eval", str(EVALS / name / "questions.jsonl"), "--out", str(tmp_path / name), "--quiet",
                 "--baseline", str(EVALS / "baseline" / name / "report.json"), "--tolerance", "0.05"]) == 0
