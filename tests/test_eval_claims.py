"""The claim checker against scripted LLM answers about the real corpus, served by the fake OpenAI-compatible server."""

from __future__ import annotations

import json

import pytest

from assistant.faces.cli import main
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

EVALS = PROJECT / "evals"


def _scripted_eval(name: str, path, monkeypatch, out, *options: str) -> dict:
    """A set of scripted LLM answers served by the fake OpenAI-compatible server, checked claim by claim
    and compared with its committed baseline; returns the metrics."""
    from assistant.eval.sets import load_questions
    from tests.fake_llm import FakeLLM, scripted

    server = FakeLLM().start()
    try:
        server.reply = scripted(load_questions(path))
        monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("ASSISTANT_LLM_MODEL", "fake-model")
        code = main(["eval", str(path), "--compare", "llm", "--out", str(out), "--quiet",
                     "--baseline", str(EVALS / f"baseline/{name}/report.json"), *options])
    finally:
        server.stop()
    assert code == 0
    return json.loads((out / "report.json").read_text())["configs"]["llm"]["metrics"]


def test_claim_checker_flags_the_planted_defects_of_90_scripted_llm_answers(real_env, tmp_path, monkeypatch):
    """Scripted answers about real papers (evals/make_claims.py), close to the abstracts' wording."""
    metrics = _scripted_eval("claims", EVALS / "claims.jsonl", monkeypatch, tmp_path / "claims",
                             "--min-checker-precision", "0.9", "--min-checker-recall", "0.9")
    assert metrics["questions"] == 90 and metrics["claims_flagged"] > 0.3


def test_claim_checker_reads_answers_in_the_prose_of_real_models(real_env, tmp_path, monkeypatch):
    """Answers written as models write them (pronouns, abbreviations, lists, a wrong figure beside a
    right one): evals/prose-dev.jsonl, which the checker was tuned on, and evals/blind/prose.jsonl,
    written blind and measured once (76e00db, before the checker changed)."""
    dev = _scripted_eval("prose-dev", EVALS / "prose-dev.jsonl", monkeypatch, tmp_path / "dev",
                         "--min-checker-precision", "0.8", "--min-checker-recall", "0.75")
    blind = _scripted_eval("blind-prose", EVALS / "blind/prose.jsonl", monkeypatch, tmp_path / "blind",
                           "--tolerance", "0.05")
    assert dev["questions"] == 48 and blind["questions"] == 82
