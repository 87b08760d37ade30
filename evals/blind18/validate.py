#!/usr/bin/env python3
"""Standalone validator for evals/blind18/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import argparse, json, os, re, sys
from collections import Counter

META = json.loads(r'''{
 "w001": {
  "names": [
   "DeepSpeed"
  ]
 },
 "w002": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points"
  ],
  "confirm": [
   "Merging Models on the Fly Without Retraining: A Sequential Approach to Scalable Continual Model Merging",
   "5-8% average accuracy improvement"
  ]
 },
 "w003": {
  "keys": [
   "LongLoRA",
   "shifted sparse attention"
  ]
 },
 "w004": {
  "typo": "BlockFNN",
  "correct": "BlockFFN"
 },
 "w005": {
  "patterns": [
   "GPT-?\\d|ChatGPT|Llama|LLaMA|Vicuna|Flan|Qwen|Mistral"
  ],
  "confirm": [
   "Arctic-SnowCoder: Demystifying High-Quality Data in Code Pretraining",
   "Llama-3.1-70B"
  ]
 },
 "w006": {
  "pattern": "adversarial training|adversarially",
  "case_sensitive": false
 },
 "w007": {
  "names": [
   "GPipe"
  ]
 },
 "w008": {
  "keys": [
   "Sophia",
   "second-order clipped"
  ]
 },
 "w009": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? points"
  ],
  "confirm": [
   "UltraMemV2: Memory Networks Scaling to 120B Parameters with Superior Long-Context Learning",
   "+7.9 points"
  ]
 },
 "w010": {
  "names": [
   "LoRA-GA",
   "Gradient Approximation"
  ]
 },
 "w011": {
  "names": [
   "CoDe",
   "Collaborative Decoding"
  ]
 },
 "w012": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "CIFAR|STL",
   "top-?1"
  ],
  "confirm": [
   "MOAT: Alternating Mobile Convolution and Attention Brings Strong Vision Models",
   "89.1% / 81.5% top-1 accuracy"
  ]
 },
 "w013": {
  "keys": [
   "Adam-mini"
  ]
 },
 "w014": {
  "names": [
   "MatMul-free",
   "MatMul"
  ]
 },
 "w015": {
  "patterns": [
   "\\d[\\d,]*\\s?(\\w+\\s){0,3}(GPUs|chips|accelerators|NPUs)"
  ],
  "confirm": [
   "Insights into DeepSeek-V3: Scaling Challenges and Reflections on Hardware for AI Architectures",
   "2,048 NVIDIA H800 GPUs"
  ]
 },
 "w016": {
  "pattern": "grokk",
  "case_sensitive": false
 },
 "w017": {
  "names": [
   "DeepSeek-V3",
   "DeepSeek"
  ]
 },
 "w018": {
  "keys": [
   "Griffin",
   "RG-LRU"
  ]
 },
 "w019": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1",
   "error rate"
  ],
  "confirm": [
   "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism",
   "top-1 accuracy of 84.4%"
  ]
 },
 "w020": {
  "typo": "MiniCMP4",
  "correct": "MiniCPM4"
 },
 "w021": {
  "typo": "deepstak",
  "correct": "DeepStack"
 },
 "w022": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (F1 |accuracy )?points"
  ],
  "answered": "14 diverse low-resource languages"
 },
 "w023": {
  "keys": [
   "MeZO",
   "zeroth-order"
  ]
 },
 "w024": {
  "names": [
   "Light-PEFT",
   "Masked Early Pruning",
   "Multi-Granularity"
  ]
 },
 "w025": {
  "patterns": [
   "FID",
   "\\d+\\.\\d+"
  ],
  "confirm": [
   "Collaborative Decoding Makes Visual Auto-Regressive Modeling Efficient",
   "FID increase from 1.95 to 1.98"
  ]
 },
 "w026": {
  "pattern": "\\[CLS\\][^.]{0,80}visual|visual[^.]{0,80}\\[CLS\\]",
  "case_sensitive": false
 },
 "w027": {
  "typo": "Seedraem",
  "correct": "Seedream"
 },
 "w028": {
  "keys": [
   "PyramidKV"
  ]
 },
 "w029": {
  "patterns": [
   "\\d+[- ]?bits?\\b",
   "\\bFP\\d|\\bINT\\d|bf16"
  ],
  "confirm": [
   "S2A: A Unified Framework for Parameter and Memory Efficient Transfer Learning",
   "4-bit quantization"
  ]
 },
 "w030": {
  "names": [
   "Light-R1"
  ]
 },
 "w031": {
  "names": [
   "Aquarius",
   "Datapipe"
  ]
 },
 "w032": {
  "patterns": [
   "LLaMA|Llama|Qwen|Mistral|OPT\\b|BLOOM|Falcon|Baichuan",
   "\\d+B\\b"
  ],
  "answered": "ten diverse benchmarks"
 },
 "w033": {
  "keys": [
   "DoRA",
   "weight-decomposed"
  ]
 },
 "w034": {
  "names": [
   "LoRAPrune"
  ]
 },
 "w035": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "speed-?up of"
  ],
  "confirm": [
   "A Little Goes a Long Way: Efficient Long Context Training and Inference with Partial Contexts",
   "1.67x prefilling speedup"
  ]
 },
 "w036": {
  "pattern": "DataComp",
  "case_sensitive": false
 },
 "w037": {
  "names": [
   "R2R",
   "Roads to Rome"
  ]
 },
 "w038": {
  "keys": [
   "SqueezeLLM",
   "dense-and-sparse"
  ]
 },
 "w039": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "\\d+(\\.\\d+)?\\s?(seconds|minutes|hours)"
  ],
  "confirm": [
   "A Little Goes a Long Way: Efficient Long Context Training and Inference with Partial Contexts",
   "reduces wall-clock time by 36%"
  ]
 },
 "w040": {
  "names": [
   "StarCoder2",
   "StarCoder",
   "Stack v2"
  ]
 },
 "w041": {
  "typo": "OctoThinkr",
  "correct": "OctoThinker"
 },
 "w042": {
  "patterns": [
   "Llama|LLaMA|Qwen|Mistral|GPT-?2|\\bT5\\b|Pythia|Gemma|\\bPhi\\b",
   "\\d+(\\.\\d+)?[BM]\\b"
  ],
  "confirm": [
   "A Little Goes a Long Way: Efficient Long Context Training and Inference with Partial Contexts",
   "Llama-2 7B"
  ]
 },
 "w043": {
  "keys": [
   "OLMoE"
  ]
 },
 "w044": {
  "names": [
   "AGVM",
   "Adaptive Gradient Variance Modulator"
  ]
 },
 "w045": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1",
   "ImageNet"
  ],
  "confirm": [
   "MOAT: Alternating Mobile Convolution and Attention Brings Strong Vision Models",
   "top-1 accuracy"
  ]
 },
 "w046": {
  "pattern": "lineariz",
  "case_sensitive": false
 },
 "w047": {
  "typo": "HeirarchicalPrune",
  "correct": "HierarchicalPrune"
 },
 "w048": {
  "keys": [
   "PipeDream",
   "1F1B"
  ]
 },
 "w049": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|billion|trillion)\\s(\\w+\\s)?tokens",
   "\\d+(\\.\\d+)?\\s?(billion|trillion|[BT])\\s(\\w+\\s)?tokens"
  ],
  "answered": "1024 x 1024"
 },
 "w050": {
  "names": [
   "Judge Decoding",
   "Judge"
  ]
 },
 "w051": {
  "names": [
   "nn4mc"
  ]
 },
 "w052": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "success rate"
  ],
  "answered": "less than a day"
 },
 "w053": {
  "keys": [
   "SmoothQuant"
  ]
 },
 "w054": {
  "names": [
   "G_{stack}",
   "Gstack"
  ]
 },
 "w055": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "DeepSpeed-MoE: Advancing Mixture-of-Experts Inference and Training to Power Next-Generation AI Scale",
   "5x saving"
  ]
 },
 "w056": {
  "names": [
   "LlamaRL"
  ]
 },
 "w057": {
  "keys": [
   "xLSTM",
   "exponential gating"
  ]
 },
 "w058": {
  "pattern": "quality rating|quality criteria|dimensions to evaluate data quality|quality scores",
  "case_sensitive": false
 },
 "w059": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|billion|trillion)\\s(\\w+\\s)?tokens"
  ],
  "confirm": [
   "Muon is Scalable for LLM Training",
   "5.7T tokens"
  ]
 },
 "w060": {
  "names": [
   "FPNN",
   "InceptionBlock"
  ]
 },
 "w061": {
  "names": [
   "MoDE",
   "Mixture-of-Denoising"
  ]
 },
 "w062": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|billion|trillion)\\s(\\w+\\s)?tokens",
   "\\btokens\\b"
  ],
  "answered": "RTX 3090"
 },
 "w063": {
  "keys": [
   "QuaRot"
  ]
 },
 "w064": {
  "names": [
   "LLaVA-Mini",
   "pre-fusion"
  ]
 },
 "w065": {
  "patterns": [
   "Llama|LLaMA|Mistral|Qwen|Gemma|\\bPhi\\b|Falcon",
   "\\d+(\\.\\d+)?[BM]\\b"
  ],
  "confirm": [
   "Open-Qwen2VL: Compute-Efficient Pre-Training of Fully-Open Multimodal LLMs on Academic Resources",
   "Qwen2-VL-2B"
  ]
 },
 "w066": {
  "pattern": "astronom(y|ical literature|ers)|Zwicky",
  "case_sensitive": false
 },
 "w067": {
  "typo": "SageAtention2",
  "correct": "SageAttention2"
 },
 "w068": {
  "keys": [
   "OmniQuant",
   "learnable weight clipping"
  ]
 },
 "w069": {
  "patterns": [
   "GPTQ|AWQ|SmoothQuant|OmniQuant|QuIP|SpQR"
  ],
  "confirm": [
   "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration",
   "1.45x speedup over GPTQ"
  ]
 },
 "w070": {
  "typo": "Arctic-SnwoCoder",
  "correct": "Arctic-SnowCoder"
 },
 "w071": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "accuracy of \\d"
  ],
  "answered": "six math reasoning datasets"
 },
 "w072": {
  "names": [
   "CloudMatrix",
   "CloudMatrix384",
   "CloudMatrix-Infer"
  ]
 },
 "w073": {
  "keys": [
   "StreamingLLM"
  ]
 },
 "w074": {
  "names": [
   "ComPEFT"
  ]
 },
 "w075": {
  "patterns": [
   "GLUE score",
   "score of \\d",
   "\\d+\\.\\d+"
  ],
  "answered": "4 days"
 },
 "w076": {
  "pattern": "RedPajama",
  "case_sensitive": false
 },
 "w077": {
  "names": [
   "ARAUS"
  ]
 },
 "w078": {
  "keys": [
   "Splitwise"
  ]
 },
 "w079": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "ImageNet|CIFAR",
   "accuracy of \\d"
  ],
  "confirm": [
   "Tokens-to-Token ViT: Training Vision Transformers from Scratch on ImageNet",
   "83.3\\% top1"
  ]
 },
 "w080": {
  "names": [
   "MaTVLM",
   "Mamba"
  ]
 },
 "w081": {
  "names": [
   "DeepSpeed-MoE",
   "DeepSpeed"
  ]
 },
 "w082": {
  "patterns": [
   "perplexity (of )?\\d",
   "\\d+\\.\\d+"
  ],
  "answered": "about 25% less memory"
 },
 "w083": {
  "keys": [
   "FlashInfer"
  ]
 },
 "w084": {
  "names": [
   "ShadowKV"
  ]
 },
 "w085": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "CIFAR",
   "images per class|\\bIPC\\b"
  ],
  "confirm": [
   "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism",
   "top-1 accuracy of 84.4%"
  ]
 },
 "w086": {
  "pattern": "dictionary learning",
  "case_sensitive": false
 },
 "w087": {
  "names": [
   "COAT",
   "Dynamic Range Expansion",
   "Mixed-Granularity"
  ]
 },
 "w088": {
  "keys": [
   "CogVideoX"
  ]
 },
 "w089": {
  "patterns": [
   "Llama|LLaMA|Pythia|GPT|Qwen|Mistral|\\bT5\\b",
   "\\d+(\\.\\d+)?[BM]\\b"
  ],
  "confirm": [
   "A Little Goes a Long Way: Efficient Long Context Training and Inference with Partial Contexts",
   "Llama-2 7B"
  ]
 },
 "w090": {
  "typo": "HyperAtention",
  "correct": "HyperAttention"
 },
 "w091": {
  "names": [
   "UltraMemV2",
   "UltraMem"
  ]
 },
 "w092": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? points"
  ],
  "answered": "30+ tasks across 13 task families"
 },
 "w093": {
  "keys": [
   "S-LoRA",
   "Unified Paging"
  ]
 },
 "w094": {
  "names": [
   "Open-Qwen2VL",
   "Qwen2VL"
  ]
 },
 "w095": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|billion|trillion)\\s(\\w+\\s)?tokens",
   "\\btokens\\b"
  ],
  "confirm": [
   "StarCoder 2 and The Stack v2: The Next Generation",
   "3.3 to 4.3 trillion tokens"
  ]
 },
 "w096": {
  "typo": "breadcrums",
  "correct": "Breadcrumbs"
 },
 "w097": {
  "pattern": "optimal (data |pre-training data )?mixture|mixture ratio",
  "case_sensitive": false
 },
 "w098": {
  "keys": [
   "Hyena"
  ]
 },
 "w099": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|billion|trillion)\\s(\\w+\\s)?tokens"
  ],
  "answered": "2.36% improvement in accuracy"
 },
 "w100": {
  "names": [
   "HSTU",
   "Generative Recommenders"
  ]
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
    if q.get("id") != f"w{i:03d}": err(f"line {i}: id {q.get('id')} != w{i:03d}")
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
for s in range(12, 18):
    p = os.path.join(HERE, "..", f"blind{s}", "questions.jsonl")
    if not os.path.exists(p): continue
    prev = set()
    for l in open(p, encoding="utf-8"):
        if l.strip(): prev |= set(json.loads(l).get("relevant", []))
    report[f"blind{s}"] = len(used & prev)
    if s >= 15 and used & prev: err(f"papers overlap blind{s}: {sorted(used & prev)}")

print(f"questions: {len(Qs)}; distinct papers: {len(used)} (fact/misspelled/absent {len(set(fa_papers))}, topic {len(topic_papers)})")
print(f"longest kind run {kr}, longest tag run {tr}")
if report: print("overlap with earlier sets:", report)
if errors:
    print(f"{len(errors)} PROBLEM(S):")
    for e in errors: print("  -", e)
    sys.exit(1)
print("ALL CHECKS PASSED")
