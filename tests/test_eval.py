"""The evaluation harness: question sets, scoring, reports, thresholds and baselines."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from assistant.faces.cli import main
from assistant.errors import QuestionSetError
from assistant.eval.sets import load_questions
from assistant.eval.evaluate import evaluate, judge, regressions, score
from tests.conftest import FIXTURES, HASH_SUPPORT, MINI_FEED, PROJECT

QUESTIONS = FIXTURES / "sets" / "mini_questions.jsonl"


def _known(assistant):
    return assistant.store.stored_papers()


def test_titles_match_case_and_whitespace_insensitively(assistant):
    questions = load_questions(QUESTIONS, known=_known(assistant))
    assert [q.kind for q in questions] == ["fact", "fact", "fact", "topic", "unanswerable"]
    assert questions[0].relevant_ids == questions[3].relevant_ids - {next(iter(questions[3].relevant_ids - questions[0].relevant_ids))}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"kind": "fact", "question": "q?", "relevant": ["No Such Paper"]}', "no stored paper has the title 'No Such Paper'"),
        ('{"kind": "fact", "question": "q?", "relevant": [}', "not valid JSON"),
        ('{"kind": "guess", "question": "q?", "relevant": []}', "kind 'guess'"),
        ('{"kind": "unanswerable", "question": "q?", "relevant": ["Qwen3 Technical Report"]}', "lists no relevant papers"),
        ('{"kind": "fact", "question": "  ", "relevant": ["Qwen3 Technical Report"]}', '"question" is missing'),
        ('{"kind": "fact", "question": "q?", "relevant": "Qwen3 Technical Report"}', "list of non-empty strings"),
    ],
)
def test_bad_lines_are_errors_naming_file_and_line(assistant, tmp_path, line, problem):
    path = tmp_path / "set.jsonl"
    good = '{"kind": "fact", "question": "What is Qwen3?", "relevant": ["Qwen3 Technical Report"]}'
    path.write_text(f"{good}\n\n{line}\n")
    with pytest.raises(QuestionSetError, match="set.jsonl:3: ") as error:
        load_questions(path, known=_known(assistant))
    assert problem in str(error.value)


def test_verdicts_follow_litqa2_scoring(assistant):
    fact, _, _, _, unanswerable = load_questions(QUESTIONS, known=_known(assistant))
    pid = next(iter(fact.relevant_ids))
    source = {"paper_id": pid, "title": "Upcycling", "rank": 1}
    other = {"paper_id": "other", "title": "Other", "rank": 2}

    def answer(text, sources=(), uncited=(), abstained=False):
        return {"text": text, "sources": list(sources), "uncited": list(uncited), "abstained": abstained, "timings": {}}

    right = judge(fact, answer("Virtual Group init [1].", [source]))
    no_fact = judge(fact, answer("Something else [1].", [source]))
    # retrieval ranked the other paper first: ranks, not citation order, drive recall and MRR
    wrong_paper = judge(fact, answer("virtual group [1] and [3].", [{**other, "rank": 1}], [{**source, "rank": 2}]))
    declined = judge(fact, answer("The collection does not cover this question.", uncited=[source], abstained=True))
    declined_ok = judge(unanswerable, answer("The collection does not cover this question.", abstained=True))
    answered_bad = judge(unanswerable, answer("Bread [1].", [other]))

    assert [r.verdict for r in (right, no_fact, wrong_paper, declined, declined_ok, answered_bad)] == [
        "correct", "incorrect", "incorrect", "declined", "declined (correct)", "answered (incorrect)"]
    assert wrong_paper.orphan_markers == 1 and wrong_paper.papers == ["other", pid]

    metrics = score([right, no_fact, wrong_paper, declined, declined_ok, answered_bad], k=5)
    assert metrics["precision"] == round(1 / 4, 4)  # one correct among four answered
    assert metrics["accuracy"] == round(2 / 6, 4)  # plus the correctly declined one
    assert metrics["wrongly_declined"] == 0.25 and metrics["declined_unanswerable"] == 0.5
    assert metrics["fact_recall"] == 0.5 and metrics["orphan_markers"] == 1
    assert metrics["mrr"] == round((1 + 1 + 0.5 + 1) / 4, 4)
    assert metrics["cites_relevant"] == round(2 / 3, 4)


def test_an_absent_detail_is_answered_honestly_only_by_declining_or_saying_so_from_that_paper(assistant, tmp_path):
    path = tmp_path / "absent.jsonl"
    path.write_text(
        '{"id": "a1", "kind": "absent", "question": "What license is Muon under?", "relevant": ["Muon is Scalable '
        'for LLM Training"], "detail": "license", "tags": ["named-absent"]}\n'
        '{"id": "t1", "kind": "topic", "question": "Which papers?", "relevant": ["Muon is Scalable for LLM Training", '
        '"Qwen3 Technical Report"], "tags": ["which-papers"]}\n'
        '{"id": "m1", "kind": "fact", "question": "What does Muonn do?", "relevant": ["Muon is Scalable for LLM '
        'Training"], "tags": ["misspelled"]}\n')
    absent, topic, misspelled = load_questions(path, known=_known(assistant))
    assert (absent.kind, absent.detail, absent.tags, absent.answerable) == ("absent", "license", ("named-absent",), False)
    muon = {"paper_id": next(iter(absent.relevant_ids)), "title": "Muon", "rank": 1}
    qwen = {"paper_id": next(iter(topic.relevant_ids - absent.relevant_ids)), "title": "Qwen3", "rank": 2}

    def answer(text, sources=(), abstained=False, found=None):
        evidence = {"focus": {"found": found}} if found is not None else None
        return {"text": text, "sources": list(sources), "uncited": [], "abstained": abstained, "timings": {},
                "evidence": evidence}

    says_so = judge(absent, answer("Muon's abstract does not state the license [1].", [muon], found=False))
    declined = judge(absent, answer("The collection does not cover this question.", abstained=True))
    borrowed = judge(absent, answer("It is under Apache 2.0 [1].", [qwen], found=True))
    quoted = judge(absent, answer("Muon scales [1].", [muon], found=True))
    assert [r.verdict for r in (says_so, declined, borrowed, quoted)] == [
        "declined (correct)", "declined (correct)", "other paper (incorrect)", "answered (incorrect)"]
    half_list = judge(topic, answer("- Muon [1]", [muon], found=True))
    right = judge(misspelled, answer("Muon [1].", [muon], found=True))
    metrics = score([says_so, declined, borrowed, quoted, half_list, right], k=5)
    assert (metrics["absent_honest"], metrics["absent_other_paper"]) == (0.5, 0.25)
    assert metrics["topic_recall"] == 0.5 and metrics["misspelled_correct"] == 1.0
    assert metrics["wrongly_declined"] == 0.0  # the absent questions are not answerable ones


def test_an_absent_question_names_one_paper(assistant, tmp_path):
    path = tmp_path / "absent.jsonl"
    path.write_text('{"kind": "absent", "question": "q?", "relevant": ["Muon is Scalable for LLM Training", '
                    '"Qwen3 Technical Report"], "detail": "license"}\n')
    with pytest.raises(QuestionSetError, match="absent.jsonl:1: an absent question names exactly one paper"):
        load_questions(path, known=_known(assistant))


def test_evaluate_runs_every_question_through_the_assistant(assistant):
    questions = load_questions(QUESTIONS, known=_known(assistant))
    run = evaluate(assistant, questions, k=3, config="dense", progress=False)
    assert len(run.results) == 5
    assert all(r.answer["question"] == q.question for r, q in zip(run.results, questions))
    assert run.metrics()["orphan_markers"] == 0
    assert run.latency()["total_p95"] >= run.latency()["total_p50"] > 0


def test_regressions_compare_against_a_baseline():
    before = {"recall_at_k": 0.9, "wrongly_declined": 0.1, "fact_recall": None}
    assert regressions({"recall_at_k": 0.89, "wrongly_declined": 0.11}, before, 0.02) == []
    assert regressions({"recall_at_k": 0.8, "wrongly_declined": 0.2}, before, 0.02) == [
        "recall_at_k regressed from 0.900 to 0.800", "wrongly_declined regressed from 0.100 to 0.200"]


@pytest.fixture
def cli_env(settings, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "hash")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(MINI_FEED))
    monkeypatch.setenv("ASSISTANT_MIN_SUPPORT", str(HASH_SUPPORT))
    monkeypatch.setenv("ASSISTANT_VECTORSTORE_DIR", str(settings.vectorstore_dir))


def test_eval_command_writes_the_three_reports_and_compares_configs(cli_env, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["eval", str(QUESTIONS), "--out", str(out), "--compare", "hybrid,dense,bm25", "--quiet"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["metric", "hybrid", "dense", "bm25"]
    data = json.loads((out / "report.json").read_text())
    assert set(data["configs"]) == {"hybrid", "dense", "bm25"}
    first = data["configs"]["hybrid"]["questions"][0]
    assert first["expected"] == ["upcycling large language models into   MIXTURE of experts"]
    assert first["verdict"] in {"correct", "incorrect", "declined"}
    markdown = (out / "report.md").read_text()
    assert "| id | kind | question | expected | retrieved | cited | verdict |" in markdown
    assert (out / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_thresholds_and_baseline_set_the_exit_code(cli_env, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["eval", str(QUESTIONS), "--out", str(out), "--quiet", "--min-recall-at-k", "1.01"]) == 1
    assert "recall_at_k is" in capsys.readouterr().err

    baseline = json.loads((out / "report.json").read_text())
    assert main(["eval", str(QUESTIONS), "--out", str(tmp_path / "again"), "--quiet",
                 "--baseline", str(out / "report.json")]) == 0
    baseline["configs"]["default"]["metrics"]["accuracy"] = 1.5  # a baseline no run can reach
    (tmp_path / "better.json").write_text(json.dumps(baseline))
    assert main(["eval", str(QUESTIONS), "--out", str(tmp_path / "third"), "--quiet",
                 "--baseline", str(tmp_path / "better.json")]) == 1
    assert "default: accuracy regressed from 1.500" in capsys.readouterr().err


def test_eval_rejects_unknown_configurations_before_running(cli_env, capsys):
    assert main(["eval", str(QUESTIONS), "--compare", "hybrid,dens"]) == 1
    assert "unknown eval configuration 'dens'" in capsys.readouterr().err


def test_compare_runs_llm_endpoints_and_prompt_folders_side_by_side_with_claim_metrics(cli_env, tmp_path, fake_llm,
                                                                                         monkeypatch):
    """Two endpoints (one faithful, one inventing a figure) and another prompt folder, in one report."""
    from tests.fake_llm import FakeLLM, Reply

    def quote_source_one(request):  # the first sentence of source 1, as the prompt gives it, cited
        abstract = re.search(r'<source id="1">.*?Abstract: (.*?)\n', request["messages"][-1]["content"], re.S).group(1)
        return Reply(text=f"{abstract.split('. ')[0]} [1].")

    fake_llm.reply = quote_source_one
    inventing = FakeLLM().start()
    inventing.reply = lambda request: Reply(text="It reaches 99.9% on every benchmark [1].")
    prompts = tmp_path / "prompts"
    shutil.copytree(PROJECT / "prompts", prompts)
    monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "fake-model")
    out = tmp_path / "report"
    configs = f"llm,llm+endpoint={inventing.base_url},llm+prompts={prompts}"
    try:
        assert main(["eval", str(QUESTIONS), "--out", str(out), "--compare", configs, "--quiet"]) == 0
    finally:
        inventing.stop()
    metrics = {name: c["metrics"] for name, c in json.loads((out / "report.json").read_text())["configs"].items()}
    faithful, invented, other_prompts = metrics.values()
    assert invented["claims_flagged"] == 1.0 and invented["claim_citation_recall"] == 0.0
    assert faithful["claims_flagged"] == 0.0 and faithful["claim_citation_recall"] == 1.0
    assert other_prompts["claim_citation_recall"] == faithful["claim_citation_recall"]
    assert faithful["checker_recall"] is None  # the set labels no claims
