"""A sentence-transformers BERT model (all-MiniLM-L6-v2) as an ONNX graph, built from its safetensors.

The graph is written op by op from the packaged weights, so making it needs neither torch nor a
download: BERT embeddings, the encoder layers, mean pooling over the attention mask and L2
normalization, exactly the three modules of the sentence-transformers model. OpenVINO runs it
(``encoder.py``); ``tests/test_embedding.py`` checks it against the torch model.

The graph is built once per model into ``Settings.model_cache_dir`` and reused; its name carries a
hash of the weights file, so a changed model builds a new graph.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

OPSET = 17  # LayerNormalization
_EPS_POOL = 1e-9


def model_path(model_dir: Path, cache_dir: Path) -> Path:
    """The model's OpenVINO IR (``.xml`` beside its ``.bin``), built on first call (a few seconds).

    The ONNX graph is converted once into OpenVINO's own format with its weights stored as float16:
    OpenVINO maps that file rather than copying float32 weights into memory, which held about 100 MiB
    less (benchmarks/README.md, "Embedding"); the arithmetic is unchanged, float16 weights lie within
    cosine 0.99995 of float32 ones on the bundled corpus.
    """
    weights = model_dir / "model.safetensors"
    stat = weights.stat()
    key = hashlib.sha256(f"{weights.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:v3".encode()).hexdigest()[:12]
    path = cache_dir / f"{model_dir.name}-{key}.xml"
    if not path.exists():
        import openvino

        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial.onnx")
        try:
            partial.write_bytes(build_model(model_dir).SerializeToString())
            converted = partial.with_suffix(".xml")
            openvino.save_model(openvino.Core().read_model(str(partial)), str(converted), compress_to_fp16=True)
            # The weights first, the graph last: a reader that finds the graph finds its weights whole.
            os.replace(converted.with_suffix(".bin"), path.with_suffix(".bin"))
            os.replace(converted, path)
        finally:
            for leftover in cache_dir.glob(f"{partial.stem.removesuffix('.partial')}.partial.*"):
                leftover.unlink(missing_ok=True)
    return path


def build_model(model_dir: Path):
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    config = json.loads((model_dir / "config.json").read_text())
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
        raise ValueError(f"{model_dir} is not a BERT model with GELU; only those can be built into ONNX here")
    weights = load_file(str(model_dir / "model.safetensors"))
    weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    hidden, heads = config["hidden_size"], config["num_attention_heads"]
    eps = float(config.get("layer_norm_eps", 1e-12))

    nodes: list = []
    inits: list = []

    def const(name: str, array) -> str:
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(kind: str, inputs: list[str], name: str, **attrs) -> str:
        nodes.append(helper.make_node(kind, inputs, [name], name=name, **attrs))
        return name

    unused = ("pooler.", "embeddings.position_ids", "embeddings.token_type_embeddings")
    for key, value in weights.items():
        if key.startswith(unused) or ".attention.self." in key:  # attention's weights are packed below
            continue
        if key.endswith(".weight") and value.ndim == 2 and "embeddings" not in key:
            const(key + ".T", value.T.copy())  # MatMul wants (in, out)
        else:
            const(key, value)

    def linear(x: str, prefix: str, name: str) -> str:
        return op("Add", [op("MatMul", [x, prefix + ".weight.T"], name + ".mm"), prefix + ".bias"], name)

    def layer_norm(x: str, prefix: str, name: str) -> str:
        return op("LayerNormalization", [x, prefix + ".weight", prefix + ".bias"], name, axis=-1, epsilon=eps)

    # Embeddings: word + position (rows 0..S-1) + token type 0, then LayerNorm.
    seq = op("Slice", [op("Shape", ["input_ids"], "shape"), const("one", np.array([1])), const("two", np.array([2]))],
             "seq_len")
    positions = op("Slice", ["embeddings.position_embeddings.weight", const("zero", np.array([0])), seq,
                             const("axis0", np.array([0]))], "positions")
    word = op("Gather", ["embeddings.word_embeddings.weight", "input_ids"], "word")
    type0 = const("type0", weights["embeddings.token_type_embeddings.weight"][0])
    x = op("Add", [op("Add", [word, positions], "word_pos"), type0], "emb_sum")
    x = layer_norm(x, "embeddings.LayerNorm", "emb")

    mask = op("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)  # for pooling
    one = const("onef", np.array(1.0, np.float32))
    sqrt2 = const("sqrt2", np.array(np.sqrt(2.0), np.float32))
    half = const("half", np.array(0.5, np.float32))
    mask_i32 = op("Cast", ["attention_mask"], "mask_i32", to=TensorProto.INT32)  # 1 attended, 0 padding
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        # The fused attention of com.microsoft (OpenVINO reads it too): the three projections in one
        # MatMul, then scaled scores, the padding mask and softmax in one kernel. ONNX Runtime embedded
        # chunks about 8 % faster with it than with the same attention written op by op; OpenVINO
        # runs both at the same speed.
        qkv = [f"{p}.attention.self.{kind}" for kind in ("query", "key", "value")]
        packed_w = const(f"l{i}.qkv.w", np.concatenate([weights[k + ".weight"].T for k in qkv], axis=1))
        packed_b = const(f"l{i}.qkv.b", np.concatenate([weights[k + ".bias"] for k in qkv]))
        nodes.append(helper.make_node("Attention", [x, packed_w, packed_b, mask_i32], [f"l{i}.ctx.r"],
                                      name=f"l{i}.attention", domain="com.microsoft", num_heads=heads))
        attended = linear(f"l{i}.ctx.r", f"{p}.attention.output.dense", f"l{i}.attn_out")
        x = layer_norm(op("Add", [attended, x], f"l{i}.res1"), f"{p}.attention.output.LayerNorm", f"l{i}.ln1")
        inner = linear(x, f"{p}.intermediate.dense", f"l{i}.ff1")
        # exact GELU: 0.5 x (1 + erf(x / sqrt 2))
        erf = op("Erf", [op("Div", [inner, sqrt2], f"l{i}.gelu.div")], f"l{i}.gelu.erf")
        gelu = op("Mul", [op("Mul", [inner, half], f"l{i}.gelu.half"),
                          op("Add", [erf, one], f"l{i}.gelu.plus")], f"l{i}.gelu")
        out = linear(gelu, f"{p}.output.dense", f"l{i}.ff2")
        x = layer_norm(op("Add", [out, x], f"l{i}.res2"), f"{p}.output.LayerNorm", f"l{i}.ln2")

    # Mean pooling over real tokens, then unit length.
    weights_3d = op("Unsqueeze", [mask, const("axis2", np.array([2]))], "mask_3d")
    summed = op("ReduceSum", [op("Mul", [x, weights_3d], "masked_tokens"), "one"], "summed", keepdims=0)
    counts = op("Max", [op("ReduceSum", [weights_3d, "one"], "counts", keepdims=0),
                        const("tiny", np.array(_EPS_POOL, np.float32))], "counts_safe")
    mean = op("Div", [summed, counts], "mean")
    norm = op("Max", [op("ReduceL2", [mean], "l2", axes=[1], keepdims=1),
                      const("tiny_norm", np.array(1e-12, np.float32))], "l2_safe")
    op("Div", [mean, norm], "sentence_embedding")

    graph = helper.make_graph(
        nodes, "sentence_embedding", [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
        ],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])],
        initializer=inits,
    )
    opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)]  # Attention
    model = helper.make_model(graph, opset_imports=opsets, producer_name="assistant")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model
