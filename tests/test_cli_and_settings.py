import json
import os
import subprocess
import sys

import pytest

import assistant
from assistant import Settings, SettingsError
from assistant.settings import load_settings
from assistant.faces.settings_doc import settings_table
from tests.conftest import FIXTURES, PROJECT


def _cli(*args, env_extra=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") and k != "OPENAI_API_KEY"}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.fixture
def cli_env(tmp_path):
    return {
        "ASSISTANT_EMBED_MODEL": "hash",
        "ASSISTANT_CORPUS_DIR": str(FIXTURES),
        "ASSISTANT_VECTORSTORE_DIR": str(tmp_path / "vs"),
        "ASSISTANT_MIN_SUPPORT": "0.15",
    }


@pytest.mark.heavy
def test_cli_ask_json_ingests_on_first_use_and_cites(cli_env, tmp_path):
    result = _cli("ask", "What is the virtual group initialization for upcycling?", "--json", env_extra=cli_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sources"][0]["title"] == "Upcycling Large Language Models into Mixture of Experts"
    assert "[1]" in data["text"] and data["mode"] == "extractive"
    assert "8 added" in result.stderr


@pytest.mark.heavy
def test_cli_ask_prints_answer_and_sources(cli_env, tmp_path):
    result = _cli("ask", "Muon optimizer scalability for LLM training", env_extra=cli_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Sources:" in result.stdout and "[1] Muon is Scalable for LLM Training" in result.stdout


def test_cli_reports_bad_corpus_file_with_its_line(cli_env, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title\n\xff\xfe\n")
    result = _cli("ingest", str(bad), env_extra=cli_env, cwd=tmp_path)
    assert result.returncode == 1
    assert f"error: {bad}:2: bytes that are not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.heavy
def test_cli_empty_question_is_a_message_not_a_traceback(cli_env, tmp_path):
    result = _cli("ask", "   ", env_extra=cli_env, cwd=tmp_path)
    assert result.returncode == 1 and "Please type a question" in result.stderr and "Traceback" not in result.stderr


def test_readme_settings_table_matches_the_settings_class():
    readme = (PROJECT / "README.md").read_text()
    assert settings_table(markdown=True) in readme


def test_settings_come_from_environment_and_dotenv(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("ASSISTANT_TOP_K=7\nASSISTANT_LLM_MODEL=from-dotenv\n")
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "from-env")
    settings = load_settings()
    assert settings.top_k == 7 and settings.llm_model == "from-env"


def test_openai_api_key_alone_means_the_hosted_api(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc")
    settings = load_settings()
    assert settings.llm_configured and settings.effective_mode.value == "llm"
    assert settings.effective_base_url == "https://api.openai.com/v1"
    assert "sk-abc" not in repr(settings) and "sk-abc" not in settings.model_dump_json()


def test_llm_mode_without_an_llm_is_a_settings_error():
    with pytest.raises(SettingsError, match="ASSISTANT_LLM_BASE_URL"):
        Settings(mode="llm").effective_mode


def test_invalid_setting_is_a_settings_error(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TOP_K", "many")
    with pytest.raises(SettingsError, match="top_k"):
        load_settings()


def test_public_names_are_exported():
    for name in assistant.__all__:
        assert hasattr(assistant, name), name
    assert {"ask", "Assistant", "Settings", "Answer", "Source", "AssistantError"} <= set(assistant.__all__)


def test_bad_override_is_a_settings_error():
    with pytest.raises(SettingsError, match="chunk_overlap"):
        Settings().with_overrides(chunk_overlap=500)
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings().with_overrides(no_such_thing=1)
