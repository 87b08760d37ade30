"""Validate evals/foreign4/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign4/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign4/validate.py --abstracts /tmp/foreign4_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "einon-zotero.bib"

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
    ["AlphaFold"], ["FinnGen"], ["SuSiE"], ["Rephetio", "Hetionet"], ["esketamine", "Spravato"],
    ["PRS-CS"], ["BenevolentAI", "baricitinib"], ["Enrichr"], ["DepMap"],
    ["polygenic priority score", "PoPS"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("DeepPurpse", "DeepPurpose"), ("PrediXscan", "PrediXcan"), ("HyperColoc", "HyPrColoc"),
    ("DSigBD", "DSigDB"), ("DrugRepro", "DrugRepo"), ("GenATLAS", "GeneATLAS"),
]

DIGITS = list("0123456789")

# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    "DrugBank 5.0: a major update to the DrugBank database for 2018": ["entries", "approved", "small molecule"] + DIGITS,
    "Therapeutic target database update 2018: enriched resource for facilitating bench-to-clinic research of targeted therapeutics": ["icd", "classification of disease"] + DIGITS,
    "The Comparative Toxicogenomics Database: update 2019": ["species", "organism", "270"],
    "STITCH 5: augmenting protein-chemical interaction networks with tissue and affinity data": ["million", "genomes", "species", "1133", "2031", "proteins from"],
    "MAGMA: Generalized Gene-Set Analysis of GWAS Data": ["times", "fold", "×", "vegas", "plink", "gsea", "seconds", "hours"] + DIGITS,
    "Gene set enrichment analysis: A knowledge-based approach for interpreting genome-wide expression profiles": ["kolmogorov", "smirnov", "running", "statistic", "weighted", "maximum deviation"],
    "A Next Generation Connectivity Map: L1000 Platform and the First 1,000,000 Profiles": ["landmark", "978", "$", "dollar", "per profile", "per sample"],
    "Bayesian test for colocalisation between pairs of genetic association studies using summary statistics": ["prior", " p1", "p12", "10-4", "10-5", "10−", "1e-"],
    "Guidelines for performing Mendelian randomization investigations: update for summer 2023": ["egger", "median", "inverse-variance", "ivw", "mode-based", "weighted"],
    "Integration of summary data from GWAS and eQTL studies predicts complex trait gene targets": ["height", "schizophrenia", "body mass", "bmi", "rheumatoid", "crohn", "diabetes", "cholesterol", "educational"],
    "The Drug Repurposing Hub: a next-generation drug library and information resource": ["compounds", "clinical", "approved"] + DIGITS,
    "Target trial emulation: applying principles of randomised trials to observational studies": ["patient", "million", "medication", "drug"] + DIGITS,
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "f4", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
