"""Validate evals/foreign6/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign6/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign6/validate.py --abstracts /tmp/foreign6_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "angulo-zotero.bib"

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
    ["FastSurfer"], ["UK Biobank"], ["ENIGMA"], ["fMRIPrep"], ["SynthSeg"], ["BigBrain"],
    ["Glasser", "HCP-MMP1.0"], ["Tableau", "VizQL"], ["Vega-Lite"], ["NeuroVault"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Mindbogle", "Mindboggle"), ("TheVirtualBrian", "TheVirtualBrain"), ("TracSeg", "TractSeg"),
    ("INVISIAN", "INVIZIAN"), ("HaemoVis", "HemoVis"), ("SAPERLOT", "SAPPERLOT"),
]

DIGITS = list("0123456789")
NUMBER_WORDS = [" two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ",
                "dozen", "several"]

# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    "The organization of the human cerebral cortex estimated by intrinsic functional connectivity":
        ["seven", "seventeen", "7", "17", "network parcellation"],
    "Human Connectome Project informatics: Quality control, database services, and data visualization":
        ["terabyte", "petabyte", "tb ", "gb", "byte"] + DIGITS,
    "Effects of mindful-attention and compassion meditation training on amygdala response to emotional stimuli in an ordinary, non-meditative state":
        NUMBER_WORDS + [d for d in DIGITS if d != "8"],
    "Whole brain segmentation: automated labeling of neuroanatomical structures in the human brain":
        NUMBER_WORDS + [d for d in DIGITS if d not in "37"] + ["training set of", "brains"],
    "Effects of memory training on cortical thickness in the elderly": NUMBER_WORDS + [d for d in DIGITS if d != "8"],
    "Impact of regional cortical and subcortical changes on processing speed in cerebral small vessel disease":
        NUMBER_WORDS + DIGITS,
    "LineUp: Visual Analysis of Multi-Attribute Rankings": NUMBER_WORDS + DIGITS + ["participant"],
    "Munin: A Peer-to-Peer Middleware for Ubiquitous Analytics and Visualization Spaces":
        ["fps", "frame rate", "frames per", "per second", "millisecond", " ms ", "latency", "hz"] + DIGITS,
    "Feasibility of multi-site clinical structural neuroimaging studies of aging using legacy data":
        [w for w in NUMBER_WORDS if w != " three "] + ["hundred"] + [d for d in DIGITS if d != "1"],
    "Prefrontal Plasticity and Stress Inoculation-Induced Resilience": NUMBER_WORDS + DIGITS + ["months", "years old"],
    "A hybrid approach to the skull stripping problem in MRI":
        ["dice", "jaccard", "overlap", "%", "percent", "error rate"] + [d for d in DIGITS if d != "1"],
    "The minimal preprocessing pipelines for the Human Connectome Project":
        ["hour", "minute", "cpu", "per subject", " days"] + [d for d in DIGITS if d != "3"],
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "f6", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
