#!/usr/bin/env python3
"""Standalone validator for evals/blind17/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import argparse, json, os, re, sys
from collections import Counter

META = json.loads(r'''{
 "v001": {
  "pattern": "\\bZeRO\\b",
  "case_sensitive": true
 },
 "v002": {
  "keys": [
   "ShortGPT",
   "Block Influence"
  ]
 },
 "v003": {
  "keys": [
   "DistServe",
   "goodput"
  ]
 },
 "v004": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?GB"
  ],
  "confirm": [
   "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection",
   "24GB memory"
  ]
 },
 "v005": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(GB|MB|%)",
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b"
  ],
  "confirm": [
   "PreMoe: Lightening MoEs on Constrained Memory by Expert Pruning and Retrieval",
   "(390GB memory)"
  ]
 },
 "v006": {
  "keys": [
   "FlexGen"
  ]
 },
 "v007": {
  "names": [
   "R2E-Gym",
   "AgentGym",
   "SYNGEN"
  ]
 },
 "v008": {
  "pattern": "expert (pruning|merging)|merg\\w* experts|prun\\w* experts",
  "case_sensitive": false
 },
 "v009": {
  "names": [
   "LayerCast",
   "FP32"
  ]
 },
 "v010": {
  "keys": [
   "SpinQuant",
   "W4A4KV4"
  ]
 },
 "v011": {
  "typo": "GeniousAug",
  "correct": "GeniusAug"
 },
 "v012": {
  "patterns": [
   "LLaMA|Llama|Baichuan|Qwen|Mistral|BLOOM|Pythia"
  ],
  "answered": "over 40k human-curated instruction data"
 },
 "v013": {
  "keys": [
   "HQQ",
   "half-quadratic"
  ]
 },
 "v014": {
  "pattern": "upcycl\\w*[^.]{0,80}(MoE|mixture)|dense LLMs into[^.]{0,20}MoE",
  "case_sensitive": false
 },
 "v015": {
  "typo": "ERINE-Gram",
  "correct": "ERNIE-Gram"
 },
 "v016": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "answered": "135M to 1.7B"
 },
 "v017": {
  "names": [
   "DeepSeekMoE"
  ]
 },
 "v018": {
  "names": [
   "LLM.int8",
   "int8"
  ]
 },
 "v019": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1",
   "Kinetics"
  ],
  "confirm": [
   "MOAT: Alternating Mobile Convolution and Attention Brings Strong Vision Models",
   "top-1 accuracy"
  ]
 },
 "v020": {
  "patterns": [
   "Qwen|LLaVA|InternVL|PaliGemma|Idefics|Gemini|GPT-4",
   "\\d+B\\b"
  ],
  "confirm": [
   "MM-RLHF: The Next Step Forward in Multimodal LLM Alignment",
   "LLaVA-ov-7B"
  ]
 },
 "v021": {
  "names": [
   "DySpec"
  ]
 },
 "v022": {
  "names": [
   "MoMa",
   "Modality-Aware"
  ]
 },
 "v023": {
  "patterns": [
   "exponent",
   "coefficient",
   "\\d+\\.\\d+"
  ],
  "answered": "268 QAT experiments"
 },
 "v024": {
  "keys": [
   "LongRoPE",
   "2048k"
  ]
 },
 "v025": {
  "typo": "PerfixKV",
  "correct": "PrefixKV"
 },
 "v026": {
  "names": [
   "Hint-Aug",
   "AOD",
   "CFI"
  ]
 },
 "v027": {
  "pattern": "W4A8",
  "case_sensitive": false
 },
 "v028": {
  "keys": [
   "PowerInfer"
  ]
 },
 "v029": {
  "names": [
   "TokenSelect",
   "Selection Cache"
  ]
 },
 "v030": {
  "keys": [
   "Mooncake",
   "Kimi"
  ]
 },
 "v031": {
  "keys": [
   "Jamba"
  ]
 },
 "v032": {
  "names": [
   "MiniMax",
   "M1",
   "CISPO",
   "Lightning"
  ]
 },
 "v033": {
  "names": [
   "SARATHI",
   "piggyback",
   "Chunked Prefill"
  ]
 },
 "v034": {
  "keys": [
   "SliceGPT"
  ]
 },
 "v035": {
  "names": []
 },
 "v036": {
  "typo": "Polyhister",
  "correct": "Polyhistor"
 },
 "v037": {
  "patterns": [
   "perplexity[^.]{0,60}\\d",
   "WikiText"
  ],
  "confirm": [
   "ShiftAddLLM: Accelerating Pretrained LLMs via Post-Training Multiplication-Less Reparameterization",
   "perplexity improvements of 5.6"
  ]
 },
 "v038": {
  "names": [
   "T3"
  ]
 },
 "v039": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(%|x\\b|×|times)",
   "\\d[\\d,.]*\\s?(million |thousand )?(NVIDIA )?(\\w+ )?GPU hours"
  ],
  "confirm": [
   "Farseer: A Refined Scaling Law in Large Language Models",
   "3 million NVIDIA H100 GPU hours"
  ]
 },
 "v040": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+\\.\\d+ (points|accuracy)"
  ],
  "confirm": [
   "Hint-Aug: Drawing Hints from Foundation Vision Transformers Towards Boosted Few-Shot Parameter-Efficient Tuning",
   "2.22% higher accuracy"
  ]
 },
 "v041": {
  "keys": [
   "DuoAttention",
   "streaming heads"
  ]
 },
 "v042": {
  "keys": [
   "LayerSkip"
  ]
 },
 "v043": {
  "patterns": [
   "\\d+ (parallel )?(processes|chains|runs|trajectories)",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "answered": "5 out of 9"
 },
 "v044": {
  "patterns": [
   "LLaDA|Dream|MDLM|SEDD",
   "Llama|LLaMA|Qwen",
   "\\d+B\\b"
  ],
  "confirm": [
   "MergeQuant: Accurate 4-bit Static Quantization of Large Language Models by Channel-wise Calibration",
   "Llama-2-70B"
  ]
 },
 "v045": {
  "pattern": "(draft|candidate) lengths?",
  "case_sensitive": false
 },
 "v046": {
  "names": [
   "Minitron"
  ]
 },
 "v047": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "MNIST",
   "accuracy of \\d"
  ],
  "confirm": [
   "Natural GaLore: Accelerating GaLore for memory-efficient LLM Training and Fine-tuning",
   "83.09% accuracy"
  ]
 },
 "v048": {
  "keys": [
   "YaRN"
  ]
 },
 "v049": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "billion",
   "million"
  ],
  "confirm": [
   "DeepStack: Deeply Stacking Visual Tokens is Surprisingly Simple and Effective for LMMs",
   "7B and 13B parameters"
  ]
 },
 "v050": {
  "names": [
   "SeCO",
   "SpaCO",
   "Chunk-wise"
  ]
 },
 "v051": {
  "names": [
   "Puzzle",
   "Nemotron-51B",
   "BLD"
  ]
 },
 "v052": {
  "patterns": [
   "\\d+ (different |discrete |audio |deep )?(tokenizers|codecs|trackers)"
  ],
  "confirm": [
   "WebUOT-1M: Advancing Deep Underwater Object Tracking with A Million-Scale Benchmark",
   "30 deep trackers"
  ]
 },
 "v053": {
  "names": []
 },
 "v054": {
  "names": [
   "xKV",
   "Cross-Layer"
  ]
 },
 "v055": {
  "patterns": [
   "cIoU|gIoU|mIoU",
   "RefCOCO",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "answered": "up to 32 tokens"
 },
 "v056": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1"
  ],
  "confirm": [
   "Tokens-to-Token ViT: Training Vision Transformers from Scratch on ImageNet",
   "83.3\\% top1"
  ]
 },
 "v057": {
  "names": [
   "LoLDU",
   "LDU",
   "Lower-Diag-Upper"
  ]
 },
 "v058": {
  "keys": [
   "AQLM",
   "additive quantization"
  ]
 },
 "v059": {
  "patterns": [
   "MRR",
   "nDCG|NDCG",
   "\\d+\\.\\d+",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "Actions Speak Louder than Words: Trillion-Parameter Sequential Transducers for Generative Recommendations",
   "65.8\\% in NDCG"
  ]
 },
 "v060": {
  "typo": "torchtitian",
  "correct": "TorchTitan"
 },
 "v061": {
  "patterns": [
   "Whisper",
   "LLaMA|Llama",
   "Vicuna|Qwen|Mistral",
   "HuBERT|wav2vec",
   "\\d+B\\b"
  ],
  "confirm": [
   "High-Accuracy ECG Image Interpretation using Parameter-Efficient LoRA Fine-Tuning with Multimodal LLaMA 3.2",
   "LLaMA 3.2 model"
  ]
 },
 "v062": {
  "names": [
   "TransferEngine"
  ]
 },
 "v063": {
  "pattern": "Spec-Bench",
  "case_sensitive": false
 },
 "v064": {
  "pattern": "half of the layers|second half",
  "case_sensitive": false
 },
 "v065": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "accuracy"
  ],
  "answered": "seven public datasets"
 },
 "v066": {
  "names": [
   "EnergonAI",
   "Energon"
  ]
 },
 "v067": {
  "typo": "AutoSTD",
  "correct": "AutoSDT"
 },
 "v068": {
  "pattern": "re-?warm",
  "case_sensitive": false
 },
 "v069": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(-\\d+)?\\s?(%|x\\b|×|times)"
  ],
  "confirm": [
   "A Simple Fine-tuning Is All You Need: Towards Robust Deep Learning Via Adversarial Fine-tuning",
   "8-10times"
  ]
 },
 "v070": {
  "patterns": [
   "score (of |was |is )?\\d",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\bpoints\\b"
  ],
  "answered": "100 real-world design tasks and 275 cases"
 },
 "v071": {
  "names": [
   "Farseer"
  ]
 },
 "v072": {
  "keys": [
   "KIVI"
  ]
 },
 "v073": {
  "keys": [
   "BiLLM",
   "1.08 bits"
  ]
 },
 "v074": {
  "typo": "RealCtrl",
  "correct": "RelaCtrl"
 },
 "v075": {
  "patterns": [
   "perplexity[^.]{0,60}\\d",
   "WikiText"
  ],
  "answered": "130M, 1.3B, 7B"
 },
 "v076": {
  "names": [
   "OSP",
   "Outlier-Safe"
  ]
 },
 "v077": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "speed-?up of"
  ],
  "confirm": [
   "MergeQuant: Accurate 4-bit Static Quantization of Large Language Models by Channel-wise Calibration",
   "1.77x speedup"
  ]
 },
 "v078": {
  "keys": [
   "MegaBlocks",
   "dropless"
  ]
 },
 "v079": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "answered": "10 recent open-source LMMs"
 },
 "v080": {
  "names": [
   "MergeQuant",
   "QSM"
  ]
 },
 "v081": {
  "names": [
   "Mamba"
  ]
 },
 "v082": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "PSNR",
   "\\bdB\\b"
  ],
  "confirm": [
   "VL-Rethinker: Incentivizing Self-Reflection of Vision-Language Models with Reinforcement Learning",
   "80.3%"
  ]
 },
 "v083": {
  "keys": [
   "LoftQ"
  ]
 },
 "v084": {
  "names": [
   "FastDraft"
  ]
 },
 "v085": {
  "typo": "BioOptimus",
  "correct": "BIOptimus"
 },
 "v086": {
  "patterns": [
   "T5",
   "BART",
   "GPT-2"
  ],
  "confirm": [
   "Code Summarization Beyond Function Level",
   "CodeT5+ base model"
  ]
 },
 "v087": {
  "typo": "ShortcutBench",
  "correct": "ShortcutsBench"
 },
 "v088": {
  "names": [
   "C4"
  ]
 },
 "v089": {
  "keys": [
   "TriForce",
   "Llama2-7B-128K"
  ]
 },
 "v090": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "billion",
   "million"
  ],
  "confirm": [
   "VITA-Audio: Fast Interleaved Cross-Modal Token Generation for Efficient Large Speech-Language Model",
   "7B parameter scale"
  ]
 },
 "v091": {
  "names": [
   "ParoQuant",
   "Pairwise Rotation"
  ]
 },
 "v092": {
  "names": [
   "WaLa",
   "Wavelet"
  ]
 },
 "v093": {
  "keys": [
   "ReLoRA"
  ]
 },
 "v094": {
  "names": [
   "SE-MoE"
  ]
 },
 "v095": {
  "names": [
   "VL-Rethinker",
   "SSR",
   "Selective Sample Replay"
  ]
 },
 "v096": {
  "pattern": "low-rank (projection|gradients)",
  "case_sensitive": false
 },
 "v097": {
  "patterns": [
   "GPTQ|AWQ|SmoothQuant|OmniQuant|BiLLM",
   "RTN|round-to-nearest"
  ],
  "answered": "5 existing classic post-training quantization techniques"
 },
 "v098": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times|%)"
  ],
  "confirm": [
   "SE-MoE: A Scalable and Efficient Mixture-of-Experts Distributed Training and Inference System",
   "33% higher throughput"
  ]
 },
 "v099": {
  "typo": "Selftock",
  "correct": "Selftok"
 },
 "v100": {
  "pattern": "sequence parallelism",
  "case_sensitive": false
 }
}''')

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--abstracts", default="/tmp/abstracts.jsonl")
ap.add_argument("--questions", default=os.path.join(HERE, "questions.jsonl"))
args = ap.parse_args()

recs = [json.loads(l) for l in open(args.abstracts, encoding="utf-8") if l.strip()]
ABS = {r["title"]: r["abstract"] for r in recs}
BLOB = "\n".join((r["title"] + "\n" + r["abstract"]).lower() for r in recs)
errors = []
def err(msg): errors.append(msg)

def dl_distance(a, b):
    a, b = a.lower(), b.lower()
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1): d[i][0] = i
    for j in range(len(b) + 1): d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            c = 0 if a[i-1] == b[j-1] else 1
            d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + c)
            if i > 1 and j > 1 and a[i-1] == b[j-2] and a[i-2] == b[j-1]:
                d[i][j] = min(d[i][j], d[i-2][j-2] + 1)
    return d[-1][-1]

def name_in(name, text):
    if len(name) >= 5:
        return name.lower() in text.lower()
    return re.search(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])", text, re.I) is not None

# ---- parse, keys, ids
Qs = []
with open(args.questions, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            Qs.append(json.loads(line))
        except Exception as e:
            err(f"line {n}: bad JSON ({e})")
if len(Qs) != 100: err(f"expected 100 lines, got {len(Qs)}")
BASE = {"id", "kind", "question", "relevant", "facts", "tags"}
for i, q in enumerate(Qs, 1):
    want = BASE | ({"detail"} if q.get("kind") == "absent" else set())
    if set(q) != want: err(f"{q.get('id')}: keys {sorted(q)} != {sorted(want)}")
    if q.get("id") != f"v{i:03d}": err(f"line {i}: id {q.get('id')} != v{i:03d}")
    if q.get("id") not in META: err(f"{q.get('id')}: no metadata")

# ---- counts
cnt = Counter((q["kind"], q["tags"][0]) for q in Qs)
expect = {("fact", "paraphrase-figure"): 30, ("fact", "misspelled"): 10, ("absent", "absent-detail"): 30,
          ("unanswerable", "near-domain"): 20, ("topic", "which-papers"): 10}
if dict(cnt) != expect: err(f"counts {dict(cnt)} != {expect}")
two_fig = [q for q in Qs if q["tags"][0] == "paraphrase-figure" and "two-figures" in q["tags"]]
if len(two_fig) != 8: err(f"two-figures count {len(two_fig)} != 8")
two_part = [q for q in Qs if q["kind"] == "absent" and "two-part" in q["tags"]]
if len(two_part) != 10: err(f"two-part count {len(two_part)} != 10")
for q in Qs:
    if q["tags"][0] == "paraphrase-figure":
        n = 2 if "two-figures" in q["tags"] else 1
        if len(q["facts"]) != n: err(f"{q['id']}: {len(q['facts'])} facts, expected {n}")
    if q["kind"] in ("absent", "unanswerable", "topic") and q["facts"]: err(f"{q['id']}: facts must be empty")
    if q["kind"] == "unanswerable" and q["relevant"]: err(f"{q['id']}: relevant must be empty")

# ---- runs
def longest_run(vals):
    best = cur = 1
    for a, b in zip(vals, vals[1:]):
        cur = cur + 1 if a == b else 1
        best = max(best, cur)
    return best
kr = longest_run([q["kind"] for q in Qs]); tr = longest_run([q["tags"][0] for q in Qs])
if kr > 2: err(f"longest run of one kind is {kr} (> 2)")
if tr > 2: err(f"longest run of one category tag is {tr} (> 2)")

# ---- titles, facts
for q in Qs:
    for t in q["relevant"]:
        if t not in ABS: err(f"{q['id']}: title not in corpus: {t!r}")
    for fct in q["facts"]:
        if not any(fct.lower() in ABS.get(t, "").lower() for t in q["relevant"]):
            err(f"{q['id']}: fact {fct!r} not in relevant abstract")

# ---- paper reuse
fa = [q for q in Qs if q["kind"] in ("fact", "absent")]
fa_papers = []
for q in fa:
    if len(q["relevant"]) != 1: err(f"{q['id']}: fact/absent must have exactly one relevant paper")
    fa_papers += q["relevant"]
dup = [t for t, c in Counter(fa_papers).items() if c > 1]
if dup: err(f"papers repeated across fact/absent: {dup}")
topic_papers = []
for q in Qs:
    if q["kind"] == "topic":
        if not q["question"].startswith("Which papers"): err(f"{q['id']}: topic question must start with 'Which papers'")
        if not 2 <= len(q["relevant"]) <= 4 or len(set(q["relevant"])) != len(q["relevant"]):
            err(f"{q['id']}: topic needs 2-4 distinct papers")
        topic_papers += q["relevant"]
if len(set(topic_papers)) != len(topic_papers): err("topic papers repeat across topics")
if set(topic_papers) & set(fa_papers): err(f"topic papers overlap fact/absent: {set(topic_papers) & set(fa_papers)}")

# ---- per-kind checks
for q in Qs:
    m = META.get(q["id"], {}); qt = q["question"]; tag = q["tags"][0]
    if tag == "paraphrase-figure":
        for nm in m["names"]:
            if name_in(nm, qt): err(f"{q['id']}: question contains method name {nm!r}")
    elif tag == "misspelled":
        typo, corr = m["typo"], m["correct"]
        ab = ABS[q["relevant"][0]]
        if typo not in qt: err(f"{q['id']}: typo {typo!r} not in question")
        if len(corr) < 5: err(f"{q['id']}: correct name shorter than 5 letters")
        if typo[0].lower() != corr[0].lower(): err(f"{q['id']}: first letter changed")
        if typo.lower() in BLOB: err(f"{q['id']}: typo {typo!r} occurs in corpus")
        if corr.lower() not in ab.lower(): err(f"{q['id']}: correct name {corr!r} not in abstract")
        if corr.lower() in qt.lower(): err(f"{q['id']}: correct name appears in question")
        if dl_distance(typo, corr) != 1: err(f"{q['id']}: typo {typo!r} is not one edit from {corr!r}")
    elif tag == "absent-detail":
        t = q["relevant"][0]; ab = ABS[t]
        for p in m["patterns"]:
            if re.search(p, ab, re.I): err(f"{q['id']}: pattern {p!r} matches the asked abstract")
        if "two-part" in q["tags"]:
            if "answered" not in m or m["answered"].lower() not in ab.lower():
                err(f"{q['id']}: answered part not found in abstract")
        else:
            if "confirm" not in m: err(f"{q['id']}: no confirming abstract recorded")
            else:
                ct, phrase = m["confirm"]
                if ct == t or ct not in ABS: err(f"{q['id']}: bad confirming title {ct!r}")
                elif phrase.lower() not in ABS[ct].lower(): err(f"{q['id']}: confirming phrase {phrase!r} not in {ct!r}")
                elif not any(re.search(p, ABS[ct], re.I) for p in m["patterns"]):
                    err(f"{q['id']}: no pattern matches confirming abstract {ct!r}")
    elif tag == "near-domain":
        if not any(k.lower() in qt.lower() for k in m["keys"]): err(f"{q['id']}: question lacks its key names")
        for k in m["keys"]:
            if k.lower() in BLOB: err(f"{q['id']}: key name {k!r} occurs in corpus")
    elif tag == "which-papers":
        fl = 0 if m["case_sensitive"] else re.I
        hits = {r["title"] for r in recs if re.search(m["pattern"], r["title"] + "\n" + r["abstract"], fl)}
        if hits != set(q["relevant"]):
            err(f"{q['id']}: pattern hits {sorted(hits)} != relevant {sorted(q['relevant'])}")

# ---- overlap with earlier blind sets (relevant fields only; optional)
used = set(fa_papers) | set(topic_papers)
report = {}
for s in range(12, 17):
    p = os.path.join(HERE, "..", f"blind{s}", "questions.jsonl")
    if not os.path.exists(p): continue
    prev = set()
    for l in open(p, encoding="utf-8"):
        if l.strip(): prev |= set(json.loads(l).get("relevant", []))
    report[f"blind{s}"] = len(used & prev)
    if s >= 14 and used & prev: err(f"papers overlap blind{s}: {sorted(used & prev)}")

print(f"questions: {len(Qs)}; distinct papers: {len(used)} (fact/misspelled/absent {len(set(fa_papers))}, topic {len(topic_papers)})")
print(f"longest kind run {kr}, longest tag run {tr}")
if report: print("overlap with earlier sets:", report)
if errors:
    print(f"{len(errors)} PROBLEM(S):")
    for e in errors: print("  -", e)
    sys.exit(1)
print("ALL CHECKS PASSED")
