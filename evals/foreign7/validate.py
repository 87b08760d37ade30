"""Validate evals/foreign7/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign7/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign7/validate.py --abstracts /tmp/foreign7_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "alvarez-mendeley.bib"

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
    ["SWAT"], ["MODFLOW"], ["PRZM"], ["mccartyi", "CBDB1"], ["Weierbach"],
    ["NAWQA"], ["imidacloprid"], ["GenX", "HFPO-DA"], ["TOXSWA"], ["Tres Rios"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("HydroGeoSpere", "HydroGeoSphere"), ("Rossetta", "Rosetta"), ("GeoSysBNRS", "GeoSysBRNS"),
    ("PHREQC", "PHREEQC"), ("BACTRAPPS", "BACTRAPS"), ("PERLNEQ", "PEARLNEQ"),
]

DIGITS = list("0123456789")
NUMBER_WORDS = [" two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ",
                "dozen", "several"]
PERCENT = ["%", "percent", "per cent"]

# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    # abstract digits come only from its copyright year, "2012"
    "A spatially distributed model of pesticide movement in Dutch macroporous soils":
        NUMBER_WORDS + [d for d in DIGITS if d not in "012"] + ["samples", "profiles"],
    # "seven years" is the answered part; the digits 4 and 2 are in "4-chloro-2-methylphenoxyacetic"
    "Stochastic modeling of diffuse pesticide losses from a small agricultural catchment.":
        ["km", "hectare", " ha ", "area of", "square"] + [d for d in DIGITS if d not in "42"],
    # 162 sites, a 47 ha field and "2008" are the answered part
    "Influence of input uncertainty on prediction of within-field pesticide leaching risks":
        PERCENT + ["fold", "3", "5", "9"],
    "Reactive Transport Modeling in Variably Saturated Media with MIN3P: Basic Model Formulation and Model Enhancements":
        ["finite volume", "finite-volume", "finite element", "finite-element", "finite difference",
         "finite-difference", "discretiz", "discretis", "grid", "mesh"],
    "The microbial diversity of laboratory-scale wetlands appears to be randomly assembled":
        [" day", "week", "month", "year"],
    # 14 brands and the 99-day field test are given; "±10 mm" is the field accuracy
    "Water level monitoring pressure transducers : a need for industry-wide standards":
        ["°", "degree", "celsius", "kelvin"] + [d for d in DIGITS if d not in "0149"],
    "Environmental geophysics at Scott Base: Ground penetrating radar and electromagnetic induction as tools for mapping contaminated ground at Antarctic research bases":
        ["mhz", "ghz", "hz", "antenna", "frequency"],
    # "1 m", "14C" and "2007" are in the abstract
    "Development of a wetland constructed for the treatment of groundwater contaminated by chlorinated ethenes":
        PERCENT + ["3", "5", "6", "8", "9"],
    # "1,2-(14)C" and "14C" are in the abstract
    "A novel dual-compartment, continuous-flow wetland microcosm to assess cis-dichloroethene removal from the rhizosphere.":
        PERCENT + ["fraction", "0", "3", "5", "6", "7", "8", "9"],
    # "(1) optical ... (2) X-ray" are in the abstract
    "Imaging biofilm in porous media using X-ray computed microtomography":
        ["µm", "μm", "micron", "micromet", "voxel", "resolution", "pixel"] + [d for d in DIGITS if d not in "12"],
    "Development of a low-flow forecasting model using the M5 machine learning method":
        PERCENT + ["rmse", "nash", "error", "r2", "coefficient of determination", "efficiency"],
    # "EROSION 3D", "2014" and "3.0" are in the abstract
    "Applied comparison of the erosion risk models EROSION 3D and LISEM for a small catchment in Norway":
        ["nash", " nse", "r2", "r²", "coefficient of determination", "rmse", "efficiency"]
        + [d for d in DIGITS if d not in "01234"],
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "f7", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
