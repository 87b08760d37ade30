#!/usr/bin/env python3
"""Standalone validator for evals/blind17/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_check import check  # noqa: E402

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

if __name__ == "__main__":
    sys.exit(check(META, "v", range(12, 17), 14, os.path.dirname(os.path.abspath(__file__))))
