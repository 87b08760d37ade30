"""The shipped question sets against their committed baselines, with the real model and corpus."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

EVALS = PROJECT / "evals"


@pytest.fixture
def real_env(real_assistant, monkeypatch):
    monkeypatch.setenv("ASSISTANT_VECTORSTORE_DIR", str(real_assistant.settings.vectorstore_dir))


def test_handwritten_set_holds_its_baseline_and_hybrid_leads(real_env, tmp_path):
    out = tmp_path / "handwritten"
    code = main(["eval", str(EVALS / "handwritten.jsonl"), "--compare", "hybrid,dense,bm25", "--out", str(out),
                 "--quiet", "--baseline", str(EVALS / "baseline/handwritten/report.json"),
                 "--min-hit-at-k", "0.95", "--min-fact-recall", "0.8", "--min-declined-unanswerable", "0.67"])
    assert code == 0
    metrics = {c: v["metrics"] for c, v in json.loads((out / "report.json").read_text())["configs"].items()}
    for name in ("hit_at_k", "recall_at_k", "mrr", "fact_recall", "accuracy"):
        assert metrics["hybrid"][name] >= max(metrics["dense"][name], metrics["bm25"][name]), name


def test_generated_title_set_holds_its_baseline(real_env, tmp_path):
    code = main(["eval", str(EVALS / "titles.jsonl"), "--compare", "hybrid", "--out", str(tmp_path / "titles"),
                 "--quiet", "--baseline", str(EVALS / "baseline/titles/report.json"), "--min-hit-at-k", "0.98"])
    assert code == 0
