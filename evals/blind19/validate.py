#!/usr/bin/env python3
"""Standalone validator for evals/blind19/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_check import check  # noqa: E402

META = json.loads(r'''{
 "x001": {
  "names": [
   "NoThinking"
  ]
 },
 "x002": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points",
   "InfiniteBench",
   "score of \\d"
  ],
  "confirm": [
   "QwenLong-CPRS: Towards infty-LLMs with Dynamic Context Optimization",
   "10.88 points on Ruler-128K and InfiniteBench"
  ]
 },
 "x003": {
  "keys": [
   "Marlin"
  ]
 },
 "x004": {
  "pattern": "training-free video",
  "case_sensitive": false
 },
 "x005": {
  "names": [
   "TinyViT"
  ]
 },
 "x006": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "MathVista",
   "accuracy of \\d"
  ],
  "confirm": [
   "MINT-CoT: Enabling Interleaved Visual Tokens in Mathematical Chain-of-Thought Reasoning",
   "+34.08% on MathVista"
  ]
 },
 "x007": {
  "names": [
   "CodeACT",
   "CDAS",
   "Dynamic Pack"
  ]
 },
 "x008": {
  "patterns": [
   "Llama|LLaMA|Mistral|Qwen|Gemma|GPT|\\bPhi\\b|Pythia|OLMo|DeepSeek",
   "\\d+(\\.\\d+)?[BM]\\b"
  ],
  "confirm": [
   "Effi-Code: Unleashing Code Efficiency in Language Models",
   "DeepSeek-Coder-6.7B-Instruct"
  ]
 },
 "x009": {
  "names": [
   "γ-MoD",
   "gamma-MoD",
   "MoD",
   "ARank",
   "mixture of depth",
   "mixture-of-depth"
  ]
 },
 "x010": {
  "keys": [
   "MobileLLM"
  ]
 },
 "x011": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(GPU[- ])?(seconds|minutes|hours|min)\\b"
  ],
  "confirm": [
   "X-EcoMLA: Upcycling Pre-Trained Attention into MLA for Efficient and Extreme KV Compression",
   "70 GPU hours"
  ]
 },
 "x012": {
  "names": [
   "Kinetics"
  ]
 },
 "x013": {
  "pattern": "Stable Diffusion Model \\(SDM\\)",
  "case_sensitive": false
 },
 "x014": {
  "keys": [
   "AdaLoRA"
  ]
 },
 "x015": {
  "names": [
   "LongGen"
  ]
 },
 "x016": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "EfficientVLA: Training-Free Acceleration and Compression for Vision-Language-Action Models",
   "1.93X inference speedup"
  ]
 },
 "x017": {
  "names": [
   "xTrimoPGLM"
  ]
 },
 "x018": {
  "keys": [
   "BabyLM"
  ]
 },
 "x019": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "FLOPs",
   "ImageNet|ResNet"
  ],
  "confirm": [
   "Parameter and Computation Efficient Transfer Learning for Vision-Language Pre-trained Models",
   "-11.97% FLOPs"
  ]
 },
 "x020": {
  "names": [
   "BeanCounter"
  ]
 },
 "x021": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b",
   "speedup of",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "EasySpec: Layer-Parallel Speculative Decoding for Efficient Multi-GPU Utilization",
   "4.17x"
  ]
 },
 "x022": {
  "typo": "EdgeQTA",
  "correct": "EdgeQAT"
 },
 "x023": {
  "pattern": "remote sensing",
  "case_sensitive": false
 },
 "x024": {
  "typo": "DotaMaht",
  "correct": "DotaMath"
 },
 "x025": {
  "keys": [
   "KVQuant"
  ]
 },
 "x026": {
  "patterns": [
   "TSP-?\\s?\\d",
   "\\d[\\d,]*\\s?(nodes|cities)",
   "\\d{3,}"
  ],
  "answered": "k-nearest"
 },
 "x027": {
  "names": [
   "Frontier"
  ]
 },
 "x028": {
  "keys": [
   "Infini-attention",
   "compressive memory"
  ]
 },
 "x029": {
  "names": [
   "SwallowCode",
   "Swallow"
  ]
 },
 "x030": {
  "patterns": [
   "\\d[\\d,.]*\\s?(million|billion|M|B)?\\s?documents",
   "documents"
  ],
  "answered": "three trillion tokens"
 },
 "x031": {
  "names": [
   "ShowUI"
  ]
 },
 "x032": {
  "keys": [
   "Sheared-LLaMA",
   "targeted structured pruning"
  ]
 },
 "x033": {
  "patterns": [
   "MRR|mean reciprocal rank",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+\\.\\d+"
  ],
  "confirm": [
   "Traceability Transformed: Generating more Accurate Links with Pre-Trained BERT Models",
   "60.31%"
  ]
 },
 "x034": {
  "typo": "DifuseKronA",
  "correct": "DiffuseKronA"
 },
 "x035": {
  "pattern": "metric learning",
  "case_sensitive": false
 },
 "x036": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points",
   "\\d+\\.\\d+"
  ],
  "answered": "HIPAA and GDPR"
 },
 "x037": {
  "names": [
   "YOLOv6",
   "YOLO"
  ]
 },
 "x038": {
  "keys": [
   "llama.cpp",
   "GGUF",
   "Q4_K_M",
   "Apple M2"
  ]
 },
 "x039": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|M|billion|trillion|million)\\s(\\w+\\s)?tokens"
  ],
  "answered": "Apache 2.0"
 },
 "x040": {
  "names": [
   "QwenLong-CPRS",
   "QwenLong",
   "CPRS"
  ]
 },
 "x041": {
  "pattern": "image pyramid",
  "case_sensitive": false
 },
 "x042": {
  "typo": "GemFliter",
  "correct": "GemFilter"
 },
 "x043": {
  "keys": [
   "contextual sparsity",
   "Deja Vu"
  ]
 },
 "x044": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points"
  ],
  "confirm": [
   "Merging Models on the Fly Without Retraining: A Sequential Approach to Scalable Continual Model Merging",
   "5-8% average accuracy improvement"
  ]
 },
 "x045": {
  "typo": "MonkyOCR",
  "correct": "MonkeyOCR"
 },
 "x046": {
  "keys": [
   "Groq",
   "LPU"
  ]
 },
 "x047": {
  "patterns": [
   "\\d[\\d,]*\\s?(\\w+\\s){0,3}(GPUs|chips|accelerators|NPUs)",
   "A100|H100|H800|H20\\b"
  ],
  "confirm": [
   "Optimizing Distributed Training on Frontier for Large Language Models",
   "3072 MI250X GPUs"
  ]
 },
 "x048": {
  "names": [
   "Pangu"
  ]
 },
 "x049": {
  "typo": "RMSNrom",
  "correct": "RMSNorm"
 },
 "x050": {
  "patterns": [
   "dropout (rate |ratio |probability )?(of )?(=\\s?)?\\d",
   "\\d\\.\\d"
  ],
  "answered": "except for dropout"
 },
 "x051": {
  "names": [
   "X-EcoMLA",
   "EcoMLA",
   "MLA",
   "multi-head latent attention",
   "upcycl"
  ]
 },
 "x052": {
  "keys": [
   "MInference"
  ]
 },
 "x053": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1",
   "accuracy of \\d"
  ],
  "answered": "iNaturalist-2018"
 },
 "x054": {
  "pattern": "federated",
  "case_sensitive": false
 },
 "x055": {
  "typo": "EasySpce",
  "correct": "EasySpec"
 },
 "x056": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "ImageNet",
   "top-?1"
  ],
  "confirm": [
   "GrowCLIP: Data-aware Automatic Model Growing for Large-scale Contrastive Language-Image Pre-training",
   "2.3% average top-1 accuracy"
  ]
 },
 "x057": {
  "typo": "Zebra-Lama",
  "correct": "Zebra-Llama"
 },
 "x058": {
  "keys": [
   "Megalodon",
   "complex exponential moving average"
  ]
 },
 "x059": {
  "names": [
   "Branch-Train-Merge",
   "BTM"
  ]
 },
 "x060": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points",
   "LongBench|RULER"
  ],
  "confirm": [
   "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness",
   "6.4 points of lift"
  ]
 },
 "x061": {
  "names": [
   "Time-MoE",
   "Time-300B"
  ]
 },
 "x062": {
  "patterns": [
   "\\d[\\d,]*\\s?(\\w+\\s){0,3}(GPUs|chips|accelerators|NPUs)",
   "A100|H100|V100|A6000|RTX"
  ],
  "answered": "20 billion tokens"
 },
 "x063": {
  "keys": [
   "LLM Efficiency Challenge"
  ]
 },
 "x064": {
  "pattern": "recommender system",
  "case_sensitive": false
 },
 "x065": {
  "names": [
   "AttentionInfluence",
   "Attention Head Influence"
  ]
 },
 "x066": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)? (percentage )?points"
  ],
  "answered": "SantaCoder-1.1B"
 },
 "x067": {
  "names": [
   "Large Language Monkeys",
   "Monkeys"
  ]
 },
 "x068": {
  "keys": [
   "SpQR",
   "sparse-quantized representation"
  ]
 },
 "x069": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "VTAB",
   "\\d+\\.\\d+"
  ],
  "confirm": [
   "Scaling & Shifting Your Features: A New Baseline for Efficient Model Tuning",
   "73.10%"
  ]
 },
 "x070": {
  "names": [
   "Med-PaLM",
   "Flan-PaLM",
   "PaLM",
   "MultiMedQA"
  ]
 },
 "x071": {
  "keys": [
   "TensorRT-LLM",
   "in-flight batching"
  ]
 },
 "x072": {
  "patterns": [
   "\\d+\\s(\\w+\\s){0,2}(datasets|benchmarks|tasks)"
  ],
  "confirm": [
   "Scaling & Shifting Your Features: A New Baseline for Efficient Model Tuning",
   "26 image classification datasets"
  ]
 },
 "x073": {
  "names": [
   "DeepSpeed-FastGen",
   "FastGen",
   "DeepSpeed",
   "SplitFuse",
   "MII"
  ]
 },
 "x074": {
  "pattern": "weight.decay (scaling|tuning)|scaling laws for weight decay",
  "case_sensitive": false
 },
 "x075": {
  "names": [
   "Muon",
   "Moonlight"
  ]
 },
 "x076": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(GB|GiB|MB)",
   "A100|H100|A800|RTX"
  ],
  "answered": "1,024K"
 },
 "x077": {
  "keys": [
   "Lookahead decoding"
  ]
 },
 "x078": {
  "names": [
   "ScaLearn"
  ]
 },
 "x079": {
  "names": [
   "AWQ",
   "Activation-aware"
  ]
 },
 "x080": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "GSM8[Kk]",
   "accuracy of \\d"
  ],
  "confirm": [
   "DotaMath: Decomposition of Thought with Code Assistance and Self-correction for Mathematical Reasoning",
   "86.7% on GSM8K"
  ]
 },
 "x081": {
  "pattern": "MTEB|Massive Text Embedding",
  "case_sensitive": false
 },
 "x082": {
  "names": [
   "Alexa Teacher Model",
   "Alexa",
   "AlexaTM"
  ]
 },
 "x083": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(ms|milliseconds|seconds)\\b",
   "\\d+(\\.\\d+)?\\s?(x|×|times)\\b"
  ],
  "confirm": [
   "DeepSpeed-FastGen: High-throughput Text Generation for LLMs via MII and DeepSpeed-Inference",
   "2x lower latency"
  ]
 },
 "x084": {
  "keys": [
   "Ring Attention",
   "TPUv4"
  ]
 },
 "x085": {
  "names": [
   "EfficientVLA"
  ]
 },
 "x086": {
  "patterns": [
   "FID",
   "\\d+\\.\\d+",
   "ImageNet"
  ],
  "confirm": [
   "Text2Earth: Unlocking Text-driven Remote Sensing Image Generation with a Global-Scale Dataset and a Foundation Model",
   "+26.23 FID"
  ]
 },
 "x087": {
  "names": [
   "MG-TFNO",
   "TFNO"
  ]
 },
 "x088": {
  "keys": [
   "Schedule-Free"
  ]
 },
 "x089": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(ms|milliseconds)\\b",
   "\\d+(\\.\\d+)?\\s?seconds"
  ],
  "answered": "3~5x"
 },
 "x090": {
  "names": [
   "Ultra-FineWeb"
  ]
 },
 "x091": {
  "typo": "mustdorp",
  "correct": "MustDrop"
 },
 "x092": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|billion|trillion)\\s(\\w+\\s)?tokens"
  ],
  "confirm": [
   "Muon is Scalable for LLM Training",
   "5.7T tokens"
  ]
 },
 "x093": {
  "keys": [
   "LLMLingua",
   "prompt compression"
  ]
 },
 "x094": {
  "patterns": [
   "GPU|TPU|A100|V100|H100|\\bT4\\b"
  ],
  "confirm": [
   "YOLOv6: A Single-Stage Object Detection Framework for Industrial Applications",
   "NVIDIA Tesla T4 GPU"
  ]
 },
 "x095": {
  "names": [
   "Smooth-SwiGLU"
  ]
 },
 "x096": {
  "pattern": "deepfake",
  "case_sensitive": false
 },
 "x097": {
  "typo": "ShiftAdLLM",
  "correct": "ShiftAddLLM"
 },
 "x098": {
  "keys": [
   "BABILong"
  ]
 },
 "x099": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "top-?1",
   "accuracy of \\d"
  ],
  "confirm": [
   "TinyViT: Fast Pretraining Distillation for Small Vision Transformers",
   "top-1 accuracy of 84.8%"
  ]
 },
 "x100": {
  "names": [
   "FlashAttention"
  ]
 }
}''')

if __name__ == "__main__":
    sys.exit(check(META, "x", range(12, 19), 16, os.path.dirname(os.path.abspath(__file__))))
