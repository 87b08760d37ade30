"""Validate evals/foreign11/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign11/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign11/validate.py --abstracts /tmp/foreign11_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # foreign_check.py, shared by every foreign set
from foreign_check import DIGITS, NUMBER_WORDS, digits_except, main, words_except  # noqa: E402

BIB = "nuttall-conservation-ecology-zotero.bib"

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
    ["Kunming", "30x30"], ["prioritizr"], ["Prey Lang"], ["Tonle Sap"], ["MegaDetector"],
    ["Green Status"], ["GEDI"], ["GBIF"], ["Okavango"], ["Białowieża"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Serengetti", "Serengeti"), ("Irawaddy", "Irrawaddy"), ("Matanuska-Sustina", "Matanuska-Susitna"),
    ("Pilbarra", "Pilbara"), ("Luwangwa", "Luangwa"), ("Nakaru", "Nakuru"),
]


# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    "camtrapR: an R package for efficient camera trap data management":
        ["exiftool", "exif", "digikam", "lightroom", "adobe", "picasa", "metadata tool", "tagging software"],
    # "version 0.9.1, licence GPL-2"
    "boral – Bayesian Ordination and Regression Analysis of Multivariate Abundance Data in r":
        ["jags", "winbugs", "openbugs", " stan ", " stan,", " stan.", " stan)", "nimble", "gibbs", "metropolis"],
    "moveHMM: an R package for the statistical modelling of animal movement data using hidden Markov models":
        ["gamma", "weibull", "lognormal", "log-normal", "exponential", "von mises", "wrapped cauchy",
         "two-state", "three-state", "states can"] + DIGITS + NUMBER_WORDS,
    # "345 species" is the answered part
    "COMADRE: a global data base of animal demography":
        ["mammal", "bird", "avian", "reptile", "amphibian", "fish", "insect", "vertebrate", "invertebrate"],
    # "10 year development effort"; www.hexsim.net
    "HexSim: a modeling environment for ecology and conservation":
        ["windows", "linux", "macos", " mac ", "c++", "c#", "java", "python", "programming language",
         "written in", "operating system"],
    # Western Australia, California, East Kalimantan are the answered part
    "Marxan with Zones: Software for optimal conservation based land- and sea-use zoning":
        ["annealing", "heuristic", "integer", "linear programming", "algorithm", "greedy", "optimiser", "optimizer"],
    # "GNU Public License" is the answered part; numbered points 1.-5.
    "GMSE: an R package for generalised management strategy evaluation":
        ["goose", "geese", "anser", "branta", "duck", "swan", "crane", "wigeon", "teal"],
    "LEA: An R package for landscape and ecological association studies":
        ["snmf", "lfmm", "admixture", "pcadapt", "snp", "microsatellite", "benchmark", "markers"]
        + DIGITS + NUMBER_WORDS,
    # numbered features (1)-(5); "up to two mark types"
    "multimark: an R package for analysis of capture–recapture data consisting of multiple “noninvasive” marks":
        digits_except("12345") + words_except(" two ") + ["bobcats were", "individuals were", "stations were",
                                                         "cameras were"],
    # "C++" is the answered part
    "Lucas: a system for modeling land-use change":
        ["tennessee", "olympic", "washington", "carolina", "basin", "peninsula", "watershed", "county",
         "applied to", "study area", "region"],
    # "30 meters", "2.3 million", "0.8 million", "2000 to 2012", "2101"
    "High-resolution global maps of 21st-century forest cover change":
        ["landsat", "modis", "sentinel", "spot-", "aster", "scene", "images", "image"],
    # "nine traps", "6 months", "6%", "ca 80%", "all three small mammal species"
    "Under the snow: a new camera trap opens the white box of subnivean ecology":
        ["$", "usd", "eur", "€", "£", "cost", "price", "reconyx", "bushnell", "cuddeback", "scoutguard",
         "raspberry", "brand", "manufactur"],
}


if __name__ == "__main__":
    sys.exit(main(HERE, BIB, "f11", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
