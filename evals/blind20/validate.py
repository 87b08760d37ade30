#!/usr/bin/env python3
"""Standalone validator for evals/blind20/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_check import check  # noqa: E402

META = json.loads(r'''{
 "y001": {
  "names": [
   "classifier-free guidance"
  ]
 },
 "y002": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points"
  ],
  "confirm": [
   "Effi-Code: Unleashing Code Efficiency in Language Models",
   "decreases by 30.5\\%"
  ]
 },
 "y003": {
  "keys": [
   "NTK-aware"
  ]
 },
 "y004": {
  "pattern": "Hessian",
  "case_sensitive": false
 },
 "y005": {
  "typo": "SemiHVison",
  "correct": "SemiHVision"
 },
 "y006": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "Llama|LLaMA|Qwen|Mistral|Baichuan|GPT-?\\d"
  ],
  "answered": "4,000 characters"
 },
 "y007": {
  "names": [
   "double descent"
  ]
 },
 "y008": {
  "keys": [
   "ZeRO++"
  ]
 },
 "y009": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "speed-?up of"
  ],
  "confirm": [
   "Post-Training Sparse Attention with Double Sparsity",
   "1.9times improvement in end-to-end inference"
  ]
 },
 "y010": {
  "names": [
   "Soft-NMS",
   "NMS"
  ]
 },
 "y011": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "FLOPs"
  ],
  "confirm": [
   "SAISA: Towards Multimodal Large Language Models with Both Training and Inference Efficiency",
   "reduces inference FLOPs by 66\\%"
  ]
 },
 "y012": {
  "names": [
   "Double Sparsity"
  ]
 },
 "y013": {
  "keys": [
   "BitDelta"
  ]
 },
 "y014": {
  "pattern": "affordance",
  "case_sensitive": false
 },
 "y015": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "pass@1",
   "score of \\d"
  ],
  "answered": "2.5M question-solution-critique triples"
 },
 "y016": {
  "names": [
   "SIFT",
   "Stick to the Facts",
   "Sticker"
  ]
 },
 "y017": {
  "typo": "WirelesMathBench",
  "correct": "WirelessMathBench"
 },
 "y018": {
  "keys": [
   "Self-Extend"
  ]
 },
 "y019": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "speed-?up of",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "Post-Training Sparse Attention with Double Sparsity",
   "14.1times acceleration"
  ]
 },
 "y020": {
  "names": [
   "PS3",
   "VILA-HD",
   "4KPro"
  ]
 },
 "y021": {
  "names": [
   "Effi-Code",
   "Self-Optimization",
   "Overhead Profiling"
  ]
 },
 "y022": {
  "patterns": [
   "GPU|TPU",
   "\\bhours\\b"
  ],
  "answered": "covering 22 languages"
 },
 "y023": {
  "keys": [
   "Zamba",
   "Zyphra"
  ]
 },
 "y024": {
  "typo": "llavotla",
  "correct": "LLaVolta"
 },
 "y025": {
  "pattern": "N-body|dark matter",
  "case_sensitive": false
 },
 "y026": {
  "names": [
   "p-MoD",
   "MoD",
   "Mixture-of-Depths",
   "TanhNorm",
   "STRing",
   "PRD",
   "progressive ratio decay"
  ]
 },
 "y027": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "\\d+(\\.\\d+)?\\s?(billion|million)"
  ],
  "confirm": [
   "TokenFormer: Rethinking Transformer Scaling with Tokenized Model Parameters",
   "124M to 1.4B parameters"
  ]
 },
 "y028": {
  "keys": [
   "PagedAttention"
  ]
 },
 "y029": {
  "names": [
   "BigMac",
   "DCCA",
   "CDAC"
  ]
 },
 "y030": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "SeiT++: Masked Token Modeling Improves Storage-efficient Training",
   "90% of the performance"
  ]
 },
 "y031": {
  "names": [
   "ScaleKD",
   "cross attention projector",
   "dual-view feature mimicking",
   "teacher parameter perception"
  ]
 },
 "y032": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "nDCG|\\bMAP\\b|MRR",
   "\\d+\\.\\d+"
  ],
  "confirm": [
   "Traceability Transformed: Generating more Accurate Links with Pre-Trained BERT Models",
   "60.31% measured using Mean Average Precision (MAP)"
  ]
 },
 "y033": {
  "keys": [
   "Cosmopedia"
  ]
 },
 "y034": {
  "pattern": "binding",
  "case_sensitive": false
 },
 "y035": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points",
   "Spearman"
  ],
  "confirm": [
   "Learning to Compose Soft Prompts for Compositional Zero-Shot Learning",
   "10.9 percentage points"
  ]
 },
 "y036": {
  "names": [
   "Positional Integrity Encoding",
   "PIE"
  ]
 },
 "y037": {
  "typo": "Piont-BERT",
  "correct": "Point-BERT"
 },
 "y038": {
  "keys": [
   "OpenWebMath"
  ]
 },
 "y039": {
  "names": [
   "S-Eval"
  ]
 },
 "y040": {
  "patterns": [
   "GPU",
   "\\bhours\\b",
   "wall-clock",
   "\\d+\\s?(minutes|hours|days)"
  ],
  "answered": "57 continuous control tasks"
 },
 "y041": {
  "names": [
   "SACTOR"
  ]
 },
 "y042": {
  "patterns": [
   "FPS|frames per second",
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)?\\s?ms\\b"
  ],
  "confirm": [
   "InceptionNeXt: When Inception Meets ConvNeXt",
   "1.6x higher training throughputs"
  ]
 },
 "y043": {
  "keys": [
   "LayerDrop"
  ]
 },
 "y044": {
  "pattern": "METER",
  "case_sensitive": true
 },
 "y045": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(ms|milliseconds)\\b"
  ],
  "confirm": [
   "LLaVA-Mini: Efficient Image and Video Large Multimodal Models with One Vision Token",
   "within 40 milliseconds"
  ]
 },
 "y046": {
  "names": [
   "Draw-In-Mind",
   "DIM"
  ]
 },
 "y047": {
  "typo": "CrossTnue",
  "correct": "CrossTune"
 },
 "y048": {
  "keys": [
   "BitFit"
  ]
 },
 "y049": {
  "names": [
   "Generative Retrieval",
   "Differentiable Search Index"
  ]
 },
 "y050": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "accuracy of \\d"
  ],
  "confirm": [
   "Point-BERT: Pre-training 3D Point Cloud Transformers with Masked Point Modeling",
   "93.8% accuracy on ModelNet40"
  ]
 },
 "y051": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|M|billion|trillion|million)\\s(\\w+\\s)?tokens"
  ],
  "confirm": [
   "Stack Over-Flowing with Results: The Case for Domain-Specific Pre-Training Over One-Size-Fits-All Models",
   "training set (27B tokens)"
  ]
 },
 "y052": {
  "names": [
   "WebUOT-1M",
   "WebUOT",
   "UOT"
  ]
 },
 "y053": {
  "keys": [
   "heavy-hitter",
   "heavy hitter"
  ]
 },
 "y054": {
  "pattern": "N:M|2:4",
  "case_sensitive": false
 },
 "y055": {
  "patterns": [
   "\\$\\s?\\d",
   "prize",
   "award",
   "USD|dollars"
  ],
  "answered": "200B tokens"
 },
 "y056": {
  "names": [
   "Bone",
   "Block Affine",
   "Weight Guide"
  ]
 },
 "y057": {
  "typo": "TokenFromer",
  "correct": "TokenFormer"
 },
 "y058": {
  "keys": [
   "Blackwell",
   "NVFP4"
  ]
 },
 "y059": {
  "names": [
   "Mini-Monkey",
   "Monkey",
   "MSAC",
   "Scale Compression Mechanism"
  ]
 },
 "y060": {
  "patterns": [
   "\\d[\\d,]*\\s?(\\w+\\s){0,2}(prompts|questions|samples|items|test cases)"
  ],
  "confirm": [
   "S-Eval: Automatic and Adaptive Test Generation for Benchmarking Safety Evaluation of Large Language Models",
   "220,000 evaluation prompts"
  ]
 },
 "y061": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "MMLU",
   "accuracy of \\d",
   "perplexity of \\d"
  ],
  "answered": "1.6B parameter design envelope"
 },
 "y062": {
  "names": [
   "NASNet",
   "ScheduledDropPath"
  ]
 },
 "y063": {
  "keys": [
   "Flash-Decoding",
   "FlashDecoding"
  ]
 },
 "y064": {
  "pattern": "(?s)^(?=.*(quantiz|binari))(?=.*(vision transformer|\\bViTs?\\b))",
  "case_sensitive": false
 },
 "y065": {
  "typo": "PasUntil",
  "correct": "PassUntil"
 },
 "y066": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|M|billion|trillion|million)\\s(\\w+\\s)?tokens"
  ],
  "confirm": [
   "Scaling Speech-Text Pre-training with Synthetic Interleaved Data",
   "1 trillion tokens"
  ]
 },
 "y067": {
  "names": [
   "First Finish Search",
   "FFS"
  ]
 },
 "y068": {
  "keys": [
   "DBRX"
  ]
 },
 "y069": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "\\d[\\d,.]*\\s?(K|M)?\\s?(learnable|trainable) parameters"
  ],
  "confirm": [
   "SVFit: Parameter-Efficient Fine-Tuning of Large Pre-Trained Models Using Singular Values",
   "16 times fewer trainable parameters"
  ]
 },
 "y070": {
  "names": [
   "POLAR",
   "Policy Discriminative Learning"
  ]
 },
 "y071": {
  "names": [
   "SCMoE",
   "Self-Contrast"
  ]
 },
 "y072": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "accuracy of \\d",
   "score of \\d"
  ],
  "answered": "2.51-, 1.73-, and 1.58-bit"
 },
 "y073": {
  "keys": [
   "DeepCache"
  ]
 },
 "y074": {
  "typo": "Stable-SAPM",
  "correct": "Stable-SPAM"
 },
 "y075": {
  "patterns": [
   "\\d+\\s?[Kk]\\b",
   "\\d{4,}",
   "context (length|window) of \\d"
  ],
  "answered": "reduces training time by over 50"
 },
 "y076": {
  "names": [
   "InfiMM-WebMath-40B",
   "InfiMM",
   "WebMath"
  ]
 },
 "y077": {
  "pattern": "medical image segmentation",
  "case_sensitive": false
 },
 "y078": {
  "keys": [
   "Switch Transformer",
   "capacity factor"
  ]
 },
 "y079": {
  "names": [
   "ConPET",
   "Continual Parameter-Efficient Tuning"
  ]
 },
 "y080": {
  "patterns": [
   "\\d+\\s(\\w+\\s){0,2}experts",
   "(number|count) of experts (is|of) \\d"
  ],
  "confirm": [
   "MoMa: Efficient Early-Fusion Pre-training with Mixture of Modality-Aware Experts",
   "4 text experts and 4 image experts"
  ]
 },
 "y081": {
  "names": [
   "DOLOS",
   "PECL",
   "UT-Adapter",
   "PAVF"
  ]
 },
 "y082": {
  "patterns": [
   "Llama|LLaMA|Qwen|Mistral|GLM|GPT|\\bPhi\\b|Yi-",
   "\\d+(\\.\\d+)?[BM]\\b"
  ],
  "answered": "speedup of 1.44times"
 },
 "y083": {
  "keys": [
   "AI Mathematical Olympiad",
   "AIMO"
  ]
 },
 "y084": {
  "pattern": "gated linear attention",
  "case_sensitive": false
 },
 "y085": {
  "names": [
   "CoIn"
  ]
 },
 "y086": {
  "patterns": [
   "GPU|TPU|A100|V100|H100",
   "\\d+\\s(\\w+\\s){0,2}(GPUs|nodes|accelerators)"
  ],
  "answered": "budget of just 187"
 },
 "y087": {
  "typo": "delihgt",
  "correct": "DeLighT"
 },
 "y088": {
  "keys": [
   "MatFormer"
  ]
 },
 "y089": {
  "names": [
   "FAST",
   "Finetuning-aligned Sequential Training"
  ]
 },
 "y090": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|M|billion|trillion|million)\\s(\\w+\\s)?tokens"
  ],
  "confirm": [
   "Demons in the Detail: On Implementing Load Balancing Loss for Training Specialized Mixture-of-Expert Models",
   "400B tokens"
  ]
 },
 "y091": {
  "patterns": [
   "ImageNet",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1"
  ],
  "confirm": [
   "Tokens-to-Token ViT: Training Vision Transformers from Scratch on ImageNet",
   "83.3\\% top1 accuracy"
  ]
 },
 "y092": {
  "names": [
   "QiD",
   "quantization-induced degradation"
  ]
 },
 "y093": {
  "keys": [
   "FastV"
  ]
 },
 "y094": {
  "pattern": "MIMIC",
  "case_sensitive": true
 },
 "y095": {
  "typo": "ShufleMamba",
  "correct": "ShuffleMamba"
 },
 "y096": {
  "patterns": [
   "ImageNet",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1"
  ],
  "confirm": [
   "GrowCLIP: Data-aware Automatic Model Growing for Large-scale Contrastive Language-Image Pre-training",
   "2.3% average top-1 accuracy on zero-shot image classification"
  ]
 },
 "y097": {
  "names": [
   "T2T-ViT",
   "Tokens-to-Token",
   "T2T"
  ]
 },
 "y098": {
  "keys": [
   "Chatbot Arena"
  ]
 },
 "y099": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(M|B|K|million|billion)\\s(\\w+[- ]){0,4}(pairs|captions|images|samples)"
  ],
  "confirm": [
   "Draw-In-Mind: Learning Precise Image Editing via Chain-of-Thought Imagination",
   "14M long-context image-text pairs"
  ]
 },
 "y100": {
  "names": [
   "domain upsampling"
  ]
 }
}''')

if __name__ == "__main__":
    sys.exit(check(META, "y", range(12, 20), 17, os.path.dirname(os.path.abspath(__file__))))
