"""Validate evals/foreign10/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign10/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign10/validate.py --abstracts /tmp/foreign10_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "maclachlan-urban-remote-sensing-zotero.bib"

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
    ["ECOSTRESS"], ["Landsat 9"], ["WUDAPT"], ["SLSTR", "Sentinel-3"], ["Global Human Settlement Layer"],
    ["VIIRS"], ["UTCI"], ["Gorkha"], ["Ahmedabad"], ["Dynamic World", "WorldCover"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Emilia-Romanga", "Emilia-Romagna"), ("Ljutomar", "Ljutomer"), ("Teheran", "Tehran"),
    ("Indianopolis", "Indianapolis"), ("Gothenberg", "Gothenburg"), ("Jabodetabeck", "Jabodetabek"),
]

DIGITS = list("0123456789")
NUMBER_WORDS = [" two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ",
                "dozen", "several"]
PERCENT = ["%", "percent", "per cent"]
TEMPERATURE = ["°", "degree", "celsius", " k ", " k,", " k.", " k)", "kelvin"]


def words_except(*keep):
    return [w for w in NUMBER_WORDS if w not in keep]


def digits_except(keep):
    return [d for d in DIGITS if d not in keep]


# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    # "Landsat 7 ETM+"; "two different dates"
    "Assessment of Urban Heat Island Using Remotely Sensed Imagery over Greater Cairo , Egypt":
        TEMPERATURE + words_except(" two ") + ["warmer by", "hotter"] + digits_except("7"),
    # "five other indices" is the answered part; "© 2012"; "built-up density percentage"
    "Enhanced Built-UP and Bareness Index (EBBI) for Mapping Built-UP and Bare Land in an Urban Area":
        ["landsat", "aster", "spot", "sentinel", "etm", " tm ", "ikonos", "quickbird", "modis", "worldview",
         "satellite", "sensor"],
    "Google Earth Engine: Planetary-Scale Geospatial Analysis for Everyone":
        DIGITS + NUMBER_WORDS + ["petabyte", "terabyte", "million", "billion", "hundred", "thousand"],
    "Urban Multi-Scale Environmental Predictor (UMEP): An Integrated Tool for City-Based Climate Services":
        ["qgis", "arcgis", "plugin", "plug-in", "python", "grass", "desktop"],
    "Development of the OpenQuake Engine, the Global Earthquake Model's Open-Source Software for Seismic Risk Assessment":
        ["python", "java", "c++", "fortran", "matlab", "programming language", "written in", "language"],
    # "two different multi-temporal remote sensing datasets"
    "Mapping Urban Transitions Using Multi-Temporal Landsat and DMSP-OLS Night-Time Lights Imagery of the Red River Delta in Vietnam":
        PERCENT + DIGITS + ["accuracy", "accurate", "kappa"],
    # "between 2000 and 2012" is the answered part; "EOS AM-1", "EOS PM-1", "© 2014"
    "The Summer Surface Urban Heat Island of Bucharest (Romania) Retrieved from MODIS Images":
        TEMPERATURE + digits_except("0124"),
    # the numbered steps (1)-(3)
    "Quantifying the Building Stock from Optical High-Resolution Satellite Imagery for Assessing Disaster Risk":
        NUMBER_WORDS + ["hundred", "thousand", "million", "buildings were", "total of"] + digits_except("123"),
    # "Como" is the answered part; "several years"
    "‘Where Have All the Trees Gone?' Urban Consolidation and the Demise of Urban Vegetation: A Case Study from Western Australia":
        DIGITS + words_except("several") + ["hundred", "lots", "properties", "sites were", "dwellings"],
    # "25-year planning strategy" is the answered part
    "Network City: Retrofitting the Perth Metropolitan Region to Facilitate Sustainable Travel":
        digits_except("25") + NUMBER_WORDS + ["hundred", "centres were", "centers were"],
    # "© 2007 Elsevier" (as "?? 2007")
    "The Influence of Land Use on the Urban Heat Island in Singapore":
        TEMPERATURE + digits_except("027") + ["hotter by", "warmer by"],
    # "six urban and one forest land-use types", "two distinct ant assemblages; 1) ... 2)"
    "Urban Areas May Serve as Habitat and Corridors for Dry-Adapted, Heat Tolerant Species; an Example from Ants":
        words_except(" two ", " six ") + ["hundred", "species were", "total of", "species in total"]
        + digits_except("12"),
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "f10", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
