"""Validate evals/foreign5/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign5/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign5/validate.py --abstracts /tmp/foreign5_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "earthcube-zotero.bib"

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
    ["ERA5", "ECMWF"], ["Sentinel-2", "Weddell"], ["Google Earth Engine"], ["GraphCast"],
    ["Tohoku"], ["Thwaites"], ["Parker Solar Probe", "switchback"], ["WeatherBench"],
    ["F-UJI"], ["ICESat-2", "ATL06"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Argoviz", "Argovis"), ("PaleoDeepDrive", "PaleoDeepDive"), ("EmptyHeadded", "EmptyHeaded"),
    ("SolerUnet", "SolarUnet"), ("Scuinit", "Sciunit"), ("Geowaever", "Geoweaver"),
]

DIGITS = list("0123456789")
NUMBER_WORDS = [" two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ",
                "dozen", "several"]

# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    "Pangeo Forge: Crowdsourcing Analysis-Ready, Cloud Optimized Data Production": ["gb/s", "throughput", "per second", "byte"] + DIGITS,
    "DeepSun: machine-learning-as-a-service for solar flare prediction": ["tss", "skill", "accuracy", "%", "score", "precision", "recall"] + DIGITS,
    "Sciunits: Reusable Research Objects": ["%", "percent", "byte", " mb", " gb", " kb"] + DIGITS,
    "SciInc: A Container Runtime for Incremental Recomputation": ["faster", "speedup", "speed-up", "%", "×", "times"] + DIGITS,
    "Reproducible, component‐based modeling with TopoFlow, a spatial hydrologic modeling toolkit": ["km", "square", "hectare", "acre", " area"] + DIGITS,
    "The Arctic System Reanalysis, Version 2": ["level", "layer", "vertical", "sigma", "eta"],
    "Bringing sedimentology and stratigraphy into the StraboSpot data management system": NUMBER_WORDS + DIGITS,
    "Measuring success for a future vision: Defining impact in science gateways/virtual research environments": NUMBER_WORDS + DIGITS,
    "Towards Interactive, Reproducible Analytics at Scale on HPC Systems": ["node", "cores", "cori", "nersc", "summit", "titan", "thousand", "hundred"] + [d for d in DIGITS if d != "5"],
    "Towards Automating Data Narratives": ["participant", "user", "subject", "people", "respondent", "volunteer"] + list("0456789"),
    "Texture-based edge bundling: A web-based approach for interactively visualizing large graphs": ["fps", "frames", "per second", "million", "thousand"] + DIGITS,
    "Evaluating the impact of data placement to spark and SciDB with an Earth Science use case": ["times", "×", "%", "factor", "second", "faster"] + DIGITS,
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "f5", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
