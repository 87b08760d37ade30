#!/usr/bin/env python3
"""Standalone validator for evals/blind21/questions.jsonl.

Usage: python3 validate.py [--abstracts PATH] [--questions PATH]
Reads the corpus (one JSON object per line with "title" and "abstract"),
default /tmp/abstracts.jsonl, and checks the question set against it.
Exits 0 and prints "ALL CHECKS PASSED" when every check holds.
"""
import json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_check import check  # noqa: E402

META = json.loads(r'''{
 "z001": {
  "names": [
   "CSP",
   "compositional soft prompting"
  ]
 },
 "z002": {
  "patterns": [
   "\\d+-bit",
   "W\\dA\\d",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "MergeQuant: Accurate 4-bit Static Quantization of Large Language Models by Channel-wise Calibration",
   "W4A4"
  ]
 },
 "z003": {
  "keys": [
   "Text Generation Inference"
  ]
 },
 "z004": {
  "names": [
   "Hint-Aug",
   "Hint-based Data Augmentation",
   "AOD",
   "Attentive Over-fitting Detector",
   "CFI",
   "Confusion-based Feature Infusion"
  ]
 },
 "z005": {
  "patterns": [
   "Stable Diffusion",
   "SDXL",
   "FLUX",
   "Imagen",
   "\\bSD\\s?\\d"
  ],
  "confirm": [
   "LoLDU: Low-Rank Adaptation via Lower-Diag-Upper Decomposition for Parameter-Efficient Fine-Tuning",
   "Stable Diffusion"
  ]
 },
 "z006": {
  "typo": "GradNomrLoRP",
  "correct": "GradNormLoRP"
 },
 "z007": {
  "pattern": "FasterTransformer",
  "case_sensitive": false
 },
 "z008": {
  "names": [
   "T3",
   "Transparent Tracking",
   "Triggering"
  ]
 },
 "z009": {
  "keys": [
   "Byte Latent Transformer"
  ]
 },
 "z010": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(GB|TB|M|B|million|billion)\\b"
  ],
  "answered": "6 text classification datasets"
 },
 "z011": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "\\bbillion\\b|\\bmillion\\b"
  ],
  "confirm": [
   "4M-21: An Any-to-Any Vision Model for Tens of Tasks and Modalities",
   "three billion parameter model"
  ]
 },
 "z012": {
  "names": [
   "C4"
  ]
 },
 "z013": {
  "keys": [
   "Punica",
   "SGMV"
  ]
 },
 "z014": {
  "pattern": "Chinchilla",
  "case_sensitive": false
 },
 "z015": {
  "patterns": [
   "Kinetics",
   "top-?1",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "confirm": [
   "MOAT: Alternating Mobile Convolution and Attention Brings Strong Vision Models",
   "89.1% / 81.5% top-1 accuracy"
  ]
 },
 "z016": {
  "names": [
   "DeepSeekMoE",
   "DeepSeek"
  ]
 },
 "z017": {
  "typo": "AutoSTD",
  "correct": "AutoSDT"
 },
 "z018": {
  "patterns": [
   "\\d+\\s(\\w+\\s){0,2}tokens",
   "tokens per image",
   "\\d+\\s?[Kk]\\b"
  ],
  "confirm": [
   "TokenFLEX: Unified VLM Training for Flexible Visual Tokens Inference",
   "64, 144, and 256 tokens"
  ]
 },
 "z019": {
  "keys": [
   "Medprompt"
  ]
 },
 "z020": {
  "names": [
   "A*-decoding",
   "A*"
  ]
 },
 "z021": {
  "patterns": [
   "\\d[\\d,]*\\s(\\w+\\s){0,2}(checkpoints|models)"
  ],
  "confirm": [
   "Language models scale reliably with over-training and on downstream tasks",
   "104 models"
  ]
 },
 "z022": {
  "keys": [
   "ExLlamaV2",
   "EXL2"
  ]
 },
 "z023": {
  "names": [
   "AURORA",
   "Perception Tokens"
  ]
 },
 "z024": {
  "pattern": "MMMU",
  "case_sensitive": true
 },
 "z025": {
  "names": [
   "LLaMA-Adapter",
   "Adapter V2"
  ]
 },
 "z026": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "speed-?up of"
  ],
  "confirm": [
   "xKV: Cross-Layer SVD for KV-Cache Compression",
   "6.8x higher compression rates"
  ]
 },
 "z027": {
  "typo": "paroqaunt",
  "correct": "ParoQuant"
 },
 "z028": {
  "keys": [
   "ARC-AGI"
  ]
 },
 "z029": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "accuracy of \\d"
  ],
  "answered": "seven public datasets"
 },
 "z030": {
  "names": [
   "PETALface",
   "PETAL"
  ]
 },
 "z031": {
  "patterns": [
   "BLEU",
   "WMT",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "ROUGE"
  ],
  "confirm": [
   "Code Summarization Beyond Function Level",
   "BLEU-4"
  ]
 },
 "z032": {
  "names": [
   "WaLa",
   "Wavelet Latent Diffusion",
   "Wavelet"
  ]
 },
 "z033": {
  "keys": [
   "QServe",
   "W4A8KV4"
  ]
 },
 "z034": {
  "typo": "torchtian",
  "correct": "TorchTitan"
 },
 "z035": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+\\s(\\w+\\s)?layers"
  ],
  "answered": "Llama 3.1 and Qwen 3"
 },
 "z036": {
  "names": [
   "RelaCtrl",
   "Relevance-Guided",
   "TDSM",
   "Two-Dimensional Shuffle Mixer",
   "ControlNet Relevance Score"
  ]
 },
 "z037": {
  "pattern": "\\bZeRO\\b",
  "case_sensitive": true
 },
 "z038": {
  "keys": [
   "Unsloth"
  ]
 },
 "z039": {
  "names": [
   "OSP",
   "Outlier-Safe"
  ]
 },
 "z040": {
  "patterns": [
   "MRR",
   "nDCG",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "Recall@"
  ],
  "confirm": [
   "Traceability Transformed: Generating more Accurate Links with Pre-Trained BERT Models",
   "60.31%"
  ]
 },
 "z041": {
  "names": [
   "SARATHI",
   "chunked-prefills",
   "decode-maximal"
  ]
 },
 "z042": {
  "patterns": [
   "Whisper",
   "Llama|Vicuna|Qwen|Mistral|GPT",
   "\\d+(\\.\\d+)?\\s?[BM]\\b"
  ],
  "answered": "speech recognition, speech translation"
 },
 "z043": {
  "keys": [
   "Trainium"
  ]
 },
 "z044": {
  "pattern": "Spec-Bench",
  "case_sensitive": false
 },
 "z045": {
  "typo": "MergeQaunt",
  "correct": "MergeQuant"
 },
 "z046": {
  "names": [
   "InceptionNeXt",
   "IncepitonNeXt",
   "Inception"
  ]
 },
 "z047": {
  "patterns": [
   "MNIST",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\bNMI\\b"
  ],
  "answered": "relative entropy (KL divergence)"
 },
 "z048": {
  "patterns": [
   "\\d+\\s(\\w+\\s){0,2}tokenizers",
   "\\d+\\s(\\w+\\s){0,2}(codecs|models)"
  ],
  "answered": "speech, music, and general audio"
 },
 "z049": {
  "names": [
   "LayerCast"
  ]
 },
 "z050": {
  "keys": [
   "NCCL"
  ]
 },
 "z051": {
  "names": [
   "Sub-MoE",
   "Subspace Expert Merging",
   "Adaptive Expert Clustering",
   "Experts Union Decomposition",
   "MoERazor"
  ]
 },
 "z052": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "speed-?up of"
  ],
  "confirm": [
   "FSMoE: A Flexible and Scalable Training System for Sparse Mixture-of-Experts Models",
   "1.18times-1.22times"
  ]
 },
 "z053": {
  "keys": [
   "Llumnix"
  ]
 },
 "z054": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "accuracy of \\d",
   "\\d+\\.\\d+"
  ],
  "answered": "surpasses S4 on Long Range Arena"
 },
 "z055": {
  "typo": "Colver",
  "correct": "Clover"
 },
 "z056": {
  "names": [
   "When Reasoning Beats Scale",
   "Outranks"
  ]
 },
 "z057": {
  "pattern": "W4A8",
  "case_sensitive": false
 },
 "z058": {
  "keys": [
   "Gemini Nano"
  ]
 },
 "z059": {
  "names": [
   "PreMoe",
   "PEP",
   "TAER",
   "TCESS",
   "probabilistic expert pruning",
   "task-adaptive expert retrieval"
  ]
 },
 "z060": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "\\bbillion\\b|\\bmillion\\b"
  ],
  "confirm": [
   "SAVEn-Vid: Synergistic Audio-Visual Integration for Enhanced Understanding in Long Video Context",
   "7B parameter scale"
  ]
 },
 "z061": {
  "names": [
   "Languini"
  ]
 },
 "z062": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "\\bbillion\\b|\\bmillion\\b"
  ],
  "answered": "13 of the 15 benchmarks"
 },
 "z063": {
  "keys": [
   "Falcon Mamba"
  ]
 },
 "z064": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "speed-?up of"
  ],
  "confirm": [
   "SE-MoE: A Scalable and Efficient Mixture-of-Experts Distributed Training and Inference System",
   "33% higher throughput"
  ]
 },
 "z065": {
  "pattern": "Nemotron",
  "case_sensitive": false
 },
 "z066": {
  "names": [
   "TransferEngine",
   "WriteImm",
   "ImmCounter"
  ]
 },
 "z067": {
  "typo": "Biomed-Enriced",
  "correct": "Biomed-Enriched"
 },
 "z068": {
  "keys": [
   "Shampoo"
  ]
 },
 "z069": {
  "names": [
   "MOAT",
   "tiny-MOAT"
  ]
 },
 "z070": {
  "patterns": [
   "\\d[\\d,.]*\\s?(\\w+\\s){0,3}GPU hours",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b"
  ],
  "confirm": [
   "Farseer: A Refined Scaling Law in Large Language Models",
   "3 million NVIDIA H100 GPU hours"
  ]
 },
 "z071": {
  "names": [
   "Natural GaLore",
   "GaLore"
  ]
 },
 "z072": {
  "patterns": [
   "\\bF1\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "BC5CDR|NCBI|JNLPBA|BC2GM"
  ],
  "confirm": [
   "Not all tokens are created equal: Perplexity Attention Weighted Networks for AI generated text detection",
   "macro-averaged F1 score of 81.46%"
  ]
 },
 "z073": {
  "keys": [
   "Chameleon"
  ]
 },
 "z074": {
  "typo": "SyntLLM",
  "correct": "SynthLLM"
 },
 "z075": {
  "names": [
   "LoLDU",
   "Lower-Diag-Upper",
   "LDU"
  ]
 },
 "z076": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "accuracy of \\d",
   "\\bAUC\\b"
  ],
  "confirm": [
   "Not all tokens are created equal: Perplexity Attention Weighted Networks for AI generated text detection",
   "F1 score of 81.46%"
  ]
 },
 "z077": {
  "keys": [
   "IFEval"
  ]
 },
 "z078": {
  "pattern": "re-?warm",
  "case_sensitive": false
 },
 "z079": {
  "patterns": [
   "perplexity of \\d",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "\\d+\\.\\d+"
  ],
  "answered": "130M to 1B"
 },
 "z080": {
  "names": [
   "ParScale",
   "parallel scaling"
  ]
 },
 "z081": {
  "names": [
   "PERK",
   "Parameter Efficient Reasoning over Knowledge"
  ]
 },
 "z082": {
  "patterns": [
   "FLUX",
   "PixArt",
   "Stable Diffusion",
   "SD3"
  ],
  "confirm": [
   "RelaCtrl: Relevance-Guided Efficient Control for Diffusion Transformers",
   "PixArt-delta"
  ]
 },
 "z083": {
  "keys": [
   "Whisper",
   "LibriSpeech"
  ]
 },
 "z084": {
  "typo": "MinMax-M1",
  "correct": "MiniMax-M1"
 },
 "z085": {
  "names": [
   "LongotimesShort",
   "Long-otimes-Short",
   "Long⊗Short"
  ]
 },
 "z086": {
  "patterns": [
   "Qwen|LLaVA|InternVL|PaliGemma|Gemma|Llama|Idefics",
   "\\d+(\\.\\d+)?\\s?[BM]\\b"
  ],
  "confirm": [
   "MM-RLHF: The Next Step Forward in Multimodal LLM Alignment",
   "LLaVA-ov-7B"
  ]
 },
 "z087": {
  "pattern": "VTAB",
  "case_sensitive": false
 },
 "z088": {
  "keys": [
   "FlexAttention"
  ]
 },
 "z089": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?(x|\\u00d7|times)\\b",
   "\\d+(\\.\\d+)?\\s?\\\\?%",
   "tokens?\\s?(per second|/s)"
  ],
  "confirm": [
   "EnergonAI: An Inference System for 10-100 Billion Parameter Transformer Models",
   "37% latency reduction"
  ]
 },
 "z090": {
  "names": [
   "XL3M",
   "extra-long large language model"
  ]
 },
 "z091": {
  "names": [
   "T-BERT",
   "Trace BERT",
   "Single-BERT",
   "Siamese-BERT"
  ]
 },
 "z092": {
  "patterns": [
   "\\d+\\s(\\w+\\s){0,2}experts",
   "(number|count) of experts (is|of) \\d"
  ],
  "confirm": [
   "MoMa: Efficient Early-Fusion Pre-training with Mixture of Modality-Aware Experts",
   "4 text experts and 4 image experts"
  ]
 },
 "z093": {
  "typo": "TokenSelct",
  "correct": "TokenSelect"
 },
 "z094": {
  "keys": [
   "MagicDec"
  ]
 },
 "z095": {
  "names": [
   "Mamba"
  ]
 },
 "z096": {
  "pattern": "sequence parallel",
  "case_sensitive": false
 },
 "z097": {
  "patterns": [
   "GLUE",
   "\\d+\\.\\d+",
   "\\d+(\\.\\d+)?\\s?\\\\?%"
  ],
  "answered": "19 downstream tasks"
 },
 "z098": {
  "keys": [
   "Llama Guard"
  ]
 },
 "z099": {
  "patterns": [
   "\\d+(\\.\\d+)?\\s?[BM]\\b",
   "\\bbillion\\b|\\bmillion\\b"
  ],
  "confirm": [
   "Mixture-of-Recursions: Learning Dynamic Recursive Depths for Adaptive Token-Level Computation",
   "135M to 1.7B parameters"
  ]
 },
 "z100": {
  "names": [
   "S2A",
   "Structure to Activation"
  ]
 }
}''')

if __name__ == "__main__":
    sys.exit(check(META, "z", range(12, 21), 18, os.path.dirname(os.path.abspath(__file__))))
