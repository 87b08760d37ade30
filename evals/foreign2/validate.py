"""Validate evals/foreign2/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign2/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign2/validate.py --abstracts /tmp/foreign2_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "controlnet-library.bib"

EXPECTED = {
    ("fact", ("paraphrase", "figure")): 16,
    ("fact", ("misspelled",)): 6,
    ("absent", ("named-absent",)): 12,
    ("unanswerable", ("near-domain",)): 10,
    ("topic", ("which-papers",)): 6,
}

# Key names of the near-domain questions: each must occur in the question
# and in no title or abstract of the corpus (case-insensitive).
UNANSWERABLE_NAMES = [
    ["YOLO"], ["Mask R-CNN", "RoIAlign"], ["DDPM", "diffusion"],
    ["wav2vec", "LibriSpeech"], ["Swin", "shifted window"], ["X3D", "Kinetics"],
    ["MTCNN"], ["ArcFace", "angular margin"], ["HiFi-GAN", "WaveGlow"],
    ["ECAPA-TDNN"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Tacotorn 2", "Tacotron 2"), ("Audio Spectogram Transformer", "Audio Spectrogram Transformer"),
    ("ForgreyNet", "ForgeryNet"), ("WildDeepfkae", "WildDeepfake"),
    ("AdaSpeach", "AdaSpeech"), ("MessoNet", "MesoNet"),
]

# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    "Wasserstein GAN": ["inception", "fid", "cifar"],
    "Improving neural networks by preventing co-adaptation of feature detectors": ["mnist", "%"],
    "Long Short-Term Memory": ["timit", "phoneme", "speech"],
    "End-to-End Object Detection with Transformers": [" ap ", "%"],
    "A Simple Framework for Contrastive Learning of Visual Representations": ["%", "top-1", "imagenet"],
    "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis": ["psnr", "db"],
    "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale": ["%", "top-1"],
    "Layer Normalization": ["times faster", "%", "factor"],
    "PyTorch: An Imperative Style, High-Performance Deep Learning Library": ["tensorflow", "%", "faster than"],
    "WaveNet: A Generative Model for Raw Audio": ["mos", "opinion score"],
    "Distilling the Knowledge in a Neural Network": ["temperature"],
    "A Lip Sync Expert Is All You Need for Speech to Lip Generation In the Wild": ["lrs2", "lrs3", "lse"],
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "k", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
