"""A real reference-manager export nobody here wrote, embedded for real, against its one measurement."""

from __future__ import annotations

import pytest

from assistant.faces.cli import main
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

EVALS = PROJECT / "evals"


@pytest.fixture(scope="module")
def foreign_store(tmp_path_factory):
    """A real reference-manager export nobody here wrote (evals/foreign/README.md), embedded for real."""
    from assistant import Assistant, Settings

    store = tmp_path_factory.mktemp("foreign-store")
    report = Assistant(Settings(vectorstore_dir=store)).ingest(sorted((EVALS / "foreign").glob("*.bib")), progress=False)
    assert report.added == 263
    return store


def test_the_foreign_corpus_holds_its_one_measurement(foreign_store, monkeypatch, tmp_path):
    """Weights and thresholds fitted on the bundled corpus, measured on a corpus they never saw."""
    monkeypatch.setenv("ASSISTANT_VECTORSTORE_DIR", str(foreign_store))
    assert main(["eval", str(EVALS / "foreign/questions.jsonl"), "--out", str(tmp_path / "foreign"), "--quiet",
                 "--baseline", str(EVALS / "baseline/foreign/report.json"), "--tolerance", "0.05"]) == 0
