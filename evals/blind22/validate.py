#!/usr/bin/env python3
"""Standalone validator for evals/blind22/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_check import check  # noqa: E402

META = json.loads(r'''{
 "a001": {
  "names": [
   "ELECTRA",
   "replaced token detection"
  ]
 },
 "a002": {
  "patterns": [
   "XLM|mBERT|mT5|BLOOM|\\bBERT\\b|Glot500",
   "\\d+(\\.\\d+)?\\s?[BM]\\b"
  ],
  "answered": "14 diverse low-resource languages"
 },
 "a003": {
  "keys": [
   "ProSparse"
  ]
 },
 "a004": {
  "pattern": "grokk",
  "case_sensitive": false
 },
 "a005": {
  "patterns": [
   "\\d[\\d,.]*K?\\+?\\s+(\\w+\\s+)?(tasks|queries|APIs|shortcuts|actions)\\b"
  ],
  "confirm": [
   "R2E-Gym: Procedural Environments and Hybrid Verifiers for Scaling Open-Weights SWE Agents",
   "more than 8.7K tasks"
  ]
 },
 "a006": {
  "names": [
   "HSTU",
   "Generative Recommenders"
  ]
 },
 "a007": {
  "typo": "Seedram",
  "correct": "Seedream"
 },
 "a008": {
  "keys": [
   "EfficientQAT"
  ]
 },
 "a009": {
  "patterns": [
   "perplexity (reduction |drop |gain )?(of|by) \\d",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+\\.\\d+\\s+(lower|perplexity)"
  ],
  "confirm": [
   "LoRAPrune: Pruning Meets Low-Rank Parameter-Efficient Fine-Tuning",
   "perplexity reduction of 8.0"
  ]
 },
 "a010": {
  "names": [
   "LLM.int8()",
   "LLM.int8",
   "int8()"
  ]
 },
 "a011": {
  "names": [
   "DeepSpeed Inference",
   "DeepSpeed"
  ]
 },
 "a012": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "billion|million"
  ],
  "confirm": [
   "CLIMB: CLustering-based Iterative Data Mixture Bootstrapping for Language Model Pre-training",
   "our 1B model"
  ]
 },
 "a013": {
  "keys": [
   "Sora"
  ]
 },
 "a014": {
  "pattern": "quality ratings|quality scores",
  "case_sensitive": false
 },
 "a015": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?GB"
  ],
  "confirm": [
   "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection",
   "reduces memory usage by up to 65.5%"
  ]
 },
 "a016": {
  "names": [
   "G_{stack}",
   "Gstack",
   "G_stack"
  ]
 },
 "a017": {
  "typo": "UltraMenV2",
  "correct": "UltraMemV2"
 },
 "a018": {
  "keys": [
   "OneBit"
  ]
 },
 "a019": {
  "patterns": [
   "GPU hours",
   "\\$\\s?\\d",
   "\\d+(\\.\\d+)?\\s?(million|M)\\b"
  ],
  "answered": "2,048 NVIDIA H800 GPUs"
 },
 "a020": {
  "names": [
   "GPipe"
  ]
 },
 "a021": {
  "names": [
   "SVFit"
  ]
 },
 "a022": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "billion|million"
  ],
  "answered": "268 QAT experiments"
 },
 "a023": {
  "keys": [
   "AlphaCode"
  ]
 },
 "a024": {
  "typo": "HeirarchicalPrune",
  "correct": "HierarchicalPrune"
 },
 "a025": {
  "names": [
   "SpecDec++",
   "SpecDec"
  ]
 },
 "a026": {
  "patterns": [
   "top-1",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "ImageNet"
  ],
  "confirm": [
   "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism",
   "top-1 accuracy of 84.4% on ImageNet-2012"
  ]
 },
 "a027": {
  "pattern": "dictionary learning",
  "case_sensitive": false
 },
 "a028": {
  "keys": [
   "PRM800K"
  ]
 },
 "a029": {
  "names": [
   "Aquarius",
   "Aquarius-Datapipe"
  ]
 },
 "a030": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(B|T|billion|trillion)\\s+(training\\s+)?tokens"
  ],
  "confirm": [
   "OctoThinker: Mid-training Incentivizes Reinforcement Learning Scaling",
   "200B tokens"
  ]
 },
 "a031": {
  "names": [
   "AGVM",
   "Adaptive Gradient Variance Modulator"
  ]
 },
 "a032": {
  "patterns": [
   "BLEU-?4?\\s+(score\\s+)?(of\\s+)?\\d",
   "\\d+\\.\\d+\\s*BLEU",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "answered": "CodeT5+ base"
 },
 "a033": {
  "keys": [
   "SimPO"
  ]
 },
 "a034": {
  "pattern": "LLM-Pruner|Wanda",
  "case_sensitive": false
 },
 "a035": {
  "typo": "Ligth-R1",
  "correct": "Light-R1"
 },
 "a036": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+\\s?(seconds|minutes|hours)"
  ],
  "confirm": [
   "SE-MoE: A Scalable and Efficient Mixture-of-Experts Distributed Training and Inference System",
   "33% higher throughput"
  ]
 },
 "a037": {
  "names": [
   "COAT",
   "Dynamic Range Expansion",
   "Mixed-Granularity Activation Quantization"
  ]
 },
 "a038": {
  "keys": [
   "Self-RAG"
  ]
 },
 "a039": {
  "names": [
   "Med-R^3",
   "Med-R3",
   "Med-R"
  ]
 },
 "a040": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "success rate",
   "accuracy of \\d"
  ],
  "answered": "less than a day"
 },
 "a041": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "percentage points?"
  ],
  "confirm": [
   "Merging Models on the Fly Without Retraining: A Sequential Approach to Scalable Continual Model Merging",
   "5-8% average accuracy improvement"
  ]
 },
 "a042": {
  "names": [
   "SeCO",
   "SpaCO",
   "Sequential Chunk-wise Optimization",
   "Sparse Chunk-wise Optimization"
  ]
 },
 "a043": {
  "keys": [
   "Adafactor"
  ]
 },
 "a044": {
  "pattern": "surviv",
  "case_sensitive": false
 },
 "a045": {
  "patterns": [
   "\\bFID\\b",
   "\\d+\\.\\d+"
  ],
  "confirm": [
   "Collaborative Decoding Makes Visual Auto-Regressive Modeling Efficient",
   "FID increase from 1.95 to 1.98"
  ]
 },
 "a046": {
  "names": [
   "ARAUS",
   "Affective Responses to Augmented Urban Soundscapes"
  ]
 },
 "a047": {
  "typo": "Artic-SnowCoder",
  "correct": "Arctic-SnowCoder"
 },
 "a048": {
  "keys": [
   "Hydragen"
  ]
 },
 "a049": {
  "names": [
   "SAVEn-Vid",
   "SAVEnVideo",
   "AVBench",
   "AV-LLM"
  ]
 },
 "a050": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "xKV: Cross-Layer SVD for KV-Cache Compression",
   "6.8x higher compression rates"
  ]
 },
 "a051": {
  "names": [
   "BTSbot"
  ]
 },
 "a052": {
  "patterns": [
   "\\bMRR",
   "NDCG",
   "MS MARCO",
   "Recall@"
  ],
  "confirm": [
   "Actions Speak Louder than Words: Trillion-Parameter Sequential Transducers for Generative Recommendations",
   "65.8\\% in NDCG"
  ]
 },
 "a053": {
  "keys": [
   "Graphcore"
  ]
 },
 "a054": {
  "pattern": "FPGA|microcontroller|\\bMCU",
  "case_sensitive": false
 },
 "a055": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "billion|million|trillion"
  ],
  "confirm": [
   "Actions Speak Louder than Words: Trillion-Parameter Sequential Transducers for Generative Recommendations",
   "1.5 trillion parameters"
  ]
 },
 "a056": {
  "names": [
   "LlamaRL"
  ]
 },
 "a057": {
  "typo": "MiniCMP4",
  "correct": "MiniCPM4"
 },
 "a058": {
  "keys": [
   "JetMoE"
  ]
 },
 "a059": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "FSMoE: A Flexible and Scalable Training System for Sparse Mixture-of-Experts Models",
   "1.42times speedup"
  ]
 },
 "a060": {
  "names": [
   "R2R",
   "Roads to Rome"
  ]
 },
 "a061": {
  "names": [
   "MoDE",
   "Mixture-of-Denoising Experts"
  ]
 },
 "a062": {
  "patterns": [
   "\\d[\\d,]*\\s+(\\w+\\s+){0,3}(GPUs|chips|accelerators)",
   "DGX|A100"
  ],
  "confirm": [
   "PaLM: Scaling Language Modeling with Pathways",
   "6144 TPU v4 chips"
  ]
 },
 "a063": {
  "keys": [
   "SigLIP"
  ]
 },
 "a064": {
  "pattern": "lineariz",
  "case_sensitive": false
 },
 "a065": {
  "names": [
   "LISA",
   "Layerwise Importance Sampled AdamW",
   "Layerwise Importance Sampling"
  ]
 },
 "a066": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "Llama|Mistral|Qwen|Gemma|Phi-\\d"
  ],
  "confirm": [
   "Dynamics of Instruction Tuning: Each Ability of Large Language Models Has Its Own Growth Pace",
   "7b to 33b"
  ]
 },
 "a067": {
  "typo": "CloudMatirx384",
  "correct": "CloudMatrix384"
 },
 "a068": {
  "keys": [
   "vAttention"
  ]
 },
 "a069": {
  "patterns": [
   "MMLU",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\bpoints\\b"
  ],
  "answered": "5 existing classic post-training quantization techniques"
 },
 "a070": {
  "names": [
   "GrowCLIP",
   "PIM",
   "parameter inheriting with momentum"
  ]
 },
 "a071": {
  "names": [
   "80/20"
  ]
 },
 "a072": {
  "patterns": [
   "image-text pairs",
   "\\d+(\\.\\d+)?\\s?[BMT]\\s+tokens"
  ],
  "confirm": [
   "Open-Qwen2VL: Compute-Efficient Pre-Training of Fully-Open Multimodal LLMs on Academic Resources",
   "29M image-text pairs"
  ]
 },
 "a073": {
  "keys": [
   "CogVLM"
  ]
 },
 "a074": {
  "typo": "ShadwoKV",
  "correct": "ShadowKV"
 },
 "a075": {
  "names": [
   "OpenELM"
  ]
 },
 "a076": {
  "patterns": [
   "\\d+\\s(\\w+\\s)?(datasets|benchmarks)",
   "(three|four|five|six|seven|eight|nine|ten) (\\w+ )?(datasets|benchmarks)"
  ],
  "answered": "1.5B"
 },
 "a077": {
  "pattern": "BitNet",
  "case_sensitive": false
 },
 "a078": {
  "keys": [
   "GH200",
   "Grace Hopper"
  ]
 },
 "a079": {
  "names": [
   "RegMix"
  ]
 },
 "a080": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?B\\b",
   "billion"
  ],
  "answered": "17M samples"
 },
 "a081": {
  "names": [
   "CoDe",
   "Collaborative Decoding"
  ]
 },
 "a082": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?[KM]\\b"
  ],
  "confirm": [
   "SVFit: Parameter-Efficient Fine-Tuning of Large Pre-Trained Models Using Singular Values",
   "16 times fewer trainable parameters"
  ]
 },
 "a083": {
  "keys": [
   "Quiet-STaR"
  ]
 },
 "a084": {
  "typo": "BlockFNN",
  "correct": "BlockFFN"
 },
 "a085": {
  "names": [
   "Open-Qwen2VL",
   "Qwen2VL"
  ]
 },
 "a086": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "A Simple Fine-tuning Is All You Need: Towards Robust Deep Learning Via Adversarial Fine-tuning",
   "reducing the computational cost by 8-10times"
  ]
 },
 "a087": {
  "pattern": "DataComp",
  "case_sensitive": false
 },
 "a088": {
  "keys": [
   "Emu3"
  ]
 },
 "a089": {
  "patterns": [
   "\\d+\\s+workers",
   "(two|four|eight|sixteen) workers"
  ],
  "answered": "two orders of magnitude"
 },
 "a090": {
  "names": [
   "HyperAttention"
  ]
 },
 "a091": {
  "names": [
   "DeepStack"
  ]
 },
 "a092": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "\\d+\\s+(\\w+\\s+)?(runs|models)\\b"
  ],
  "confirm": [
   "RegMix: Data Mixture as Regression for Language Model Pre-training",
   "512 models with 1M parameters"
  ]
 },
 "a093": {
  "keys": [
   "LongNet",
   "dilated attention"
  ]
 },
 "a094": {
  "pattern": "(?s)\\[CLS\\].*visual token",
  "case_sensitive": false
 },
 "a095": {
  "patterns": [
   "\\bT5\\b|\\bBERT\\b|RoBERTa|\\bGPT|LLaMA|\\bOPT\\b|BLOOM",
   "\\d+(\\.\\d+)?\\s?[BM]\\b"
  ],
  "answered": "11 NLP tasks"
 },
 "a096": {
  "names": [
   "PaLM",
   "Pathways Language Model",
   "Pathways"
  ]
 },
 "a097": {
  "typo": "octothinkr",
  "correct": "OctoThinker"
 },
 "a098": {
  "keys": [
   "Toolformer"
  ]
 },
 "a099": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "ratio of \\d",
   "\\d\\.\\d+"
  ],
  "confirm": [
   "[CLS] Attention is All You Need for Training-Free Visual Token Pruning: Make VLM Inference Faster",
   "prune 95\\% of visual tokens"
  ]
 },
 "a100": {
  "names": [
   "FPNN",
   "flexible parallel neural network",
   "InceptionBlock"
  ]
 }
}''')

if __name__ == "__main__":
    sys.exit(check(META, "a", range(12, 22), 19, os.path.dirname(os.path.abspath(__file__))))
