"""Validate evals/foreign12/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign12/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign12/validate.py --abstracts /tmp/foreign12_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # foreign_check.py, shared by every foreign set
from foreign_check import DIGITS, NUMBER_WORDS, digits_except, main  # noqa: E402

BIB = "salo-gi-surgical-oncology-zotero.bib"

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
    ["JCOG1109"], ["ESCORT-1st", "camrelizumab"], ["Edmonton Frail Scale"], ["TotalSegmentator"], ["Merendino"],
    ["Tokyo Guidelines"], ["MarketScan"], ["UK Biobank"], ["GALAXY", "CIRCULATE-Japan"], ["Seattle protocol"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Gastrographin", "Gastrografin"), ("linitus", "linitis"), ("Seiwert", "Siewert"),
    ("McKewon", "McKeown"), ("Boerhave", "Boerhaave"), ("Signapore", "Singapore"),
]


# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    # "8 major postoperative complications" is the answered part
    "MySurgeryRisk: Development and Validation of a Machine-learning Risk Algorithm for Major Complications and Death After Surgery":
        ["random forest", "gradient", "boost", "generalized additive", "additive model", "neural network",
         "deep learning", "logistic regression", "lasso", "support vector", "decision tree", "bayesian"],
    "smdi: an R package to perform structural missing data investigations on partially observed confounders in real-world evidence studies":
        ["little", "mcar", "completely at random", "t-test", "chi-square", "chi square", "hotelling",
         "random forest", "logistic regression", " auc", "test "],
    # "Python-based workflow definition language" is the answered part
    "Snakemake--a scalable bioinformatics workflow engine":
        ["licen", " mit ", "mit license", "gpl", "gnu", "apache", "bsd", "open source", "open-source",
         "free software"],
    "The first step for neuroimaging data analysis: DICOM to NIfTI conversion":
        ["dcm2niix", "dcm2nii", "matlab", "python", "mricron", "spm", "freesurfer", "github", "http", "www.",
         "download", "nitrc"],
    # "1999-2017 financial statements"
    "Estimation of the Acquisition and Operating Costs for Robotic Surgery":
        ["$", "usd", "dollar", "per procedure", "per case", "per operation", "million", "billion"]
        + digits_except("19207") + NUMBER_WORDS,
    # "30-day readmission rates"
    "Length of hospital stay after uncomplicated esophagectomy. Hospital variation shows room for nationwide improvement":
        ["median", " days", "%", "percent", "iqr", "interquartile", "range"] + digits_except("30") + NUMBER_WORDS,
    # the SACT dataset is the answered part; "30-day mortality"
    "30-day mortality after systemic anticancer treatment for breast and lung cancer in England: a population-based, observational study":
        ["%", "percent", "per cent", "per 1000", "rate of", "rates of"] + digits_except("30") + NUMBER_WORDS,
    "How I Treat Vitamin D Deficiency":
        ["iu", "units", "ng/ml", "nmol", "cholecalciferol", "ergocalciferol", "d3", "d2", "25-hydroxy", "dose",
         "daily", "target"] + DIGITS + NUMBER_WORDS,
    # "anti–claudin 18.2 antibody" is the answered part
    "Zolbetuximab in Gastric or Gastroesophageal Junction Adenocarcinoma":
        ["month", "median", "hazard", "spotlight", "glow", "mfolfox", "capox", "%"] + digits_except("182")
        + NUMBER_WORDS,
    # progression-free survival 22.8 vs 8.5 months is given; overall survival is not
    "[177Lu]Lu-DOTA-TATE plus long-acting octreotide versus high‑dose long-acting octreotide for the treatment of newly diagnosed, advanced grade 2-3, well-differentiated, gastroenteropancreatic neuroendocrine tumours (NETTER-2): an open-label, randomised, phase 3 study":
        ["overall survival", "median os", " os ", "os was", "os,", "deaths occurred", "died"],
    "Analytical validation of NeXT Personal®, an ultra-sensitive personalized circulating tumor DNA assay":
        ["turnaround", "turn-around", " days", " weeks", " hours", "time to result", "business day"],
    "Flexible regression models with cubic splines":
        ["knot", "percentile", "quantile"] + DIGITS + NUMBER_WORDS,
}


if __name__ == "__main__":
    sys.exit(main(HERE, BIB, "f12", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
