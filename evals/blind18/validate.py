#!/usr/bin/env python3
"""Standalone validator for evals/blind18/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_check import check  # noqa: E402

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

if __name__ == "__main__":
    sys.exit(check(META, "w", range(12, 18), 15, os.path.dirname(os.path.abspath(__file__))))
