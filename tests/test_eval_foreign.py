"""Real reference-manager exports nobody here wrote, embedded for real, against their one measurement."""

from __future__ import annotations

import pytest

from assistant.faces.cli import main
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

EVALS = PROJECT / "evals"


# Real reference-manager exports nobody here wrote (evals/foreign*/README.md): a Zotero library of LLM and
# document-AI papers, one of vision and audio-visual papers, one of reinforcement learning for robots, one of
# genomic medicine and drug repurposing, one of Earth and space science cyberinfrastructure, one of brain
# MRI and visual analytics, one of pesticide and solvent fate in catchments (a Mendeley export), one of
# phonetics and child language development, one of shark and ray fisheries science, one of urban remote
# sensing, one of conservation biology, one of gastrointestinal surgical oncology, one of the cognitive
# linguistics of Indonesian and one of music cognition, with the papers each holds.
CORPORA = {"foreign": 263, "foreign2": 215, "foreign3": 176, "foreign4": 259, "foreign5": 178, "foreign6": 323,
           "foreign7": 267, "foreign8": 370, "foreign9": 790, "foreign10": 692, "foreign11": 870, "foreign12": 1203,
           "foreign13": 487, "foreign14": 540}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def foreign_store(request, tmp_path_factory):
    """One export, embedded for real."""
    from assistant import Assistant, Settings

    name = request.param
    store = tmp_path_factory.mktemp(f"{name}-store")
    report = Assistant(Settings(vectorstore_dir=store)).ingest(sorted((EVALS / name).glob("*.bib")), progress=False)
    assert report.added == CORPORA[name]
    return name, store


def test_each_foreign_corpus_holds_its_one_measurement(foreign_store, monkeypatch, tmp_path):
    """Weights and thresholds fitted on the bundled corpus, measured on a corpus they never saw."""
    name, store = foreign_store
    monkeypatch.setenv("ASSISTANT_VECTORSTORE_DIR", str(store))
    assert main(["eval", str(EVALS / name / "questions.jsonl"), "--out", str(tmp_path / name), "--quiet",
                 "--baseline", str(EVALS / "baseline" / name / "report.json"), "--tolerance", "0.05"]) == 0
