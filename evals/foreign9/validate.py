"""Validate evals/foreign9/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign9/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign9/validate.py --abstracts /tmp/foreign9_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "braccini-shark-fisheries-zotero.bib"

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
    ["FinPrint"], ["OCEARCH"], ["SMART drumline"], ["Shark Spotters"], ["Chagos"],
    ["megamouth"], ["WCPFC"], ["Template Model Builder"], ["Hemiscyllium"], ["Réunion"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Okamejie", "Okamejei"), ("Somniousus", "Somniosus"), ("Heterodontis", "Heterodontus"),
    ("Carcharinus", "Carcharhinus"), ("Mylobatis", "Myliobatis"), ("Galeorinus", "Galeorhinus"),
]

DIGITS = list("0123456789")
NUMBER_WORDS = [" two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ",
                "dozen", "several"]
PERCENT = ["%", "percent", "per cent"]
TONNES = ["tonnes", "tonne", "tons", "metric", "thousand", "million", "hundred"]


def words_except(*keep):
    return [w for w in NUMBER_WORDS if w not in keep]


def digits_except(keep):
    return [d for d in DIGITS if d not in keep]


# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    # "early 1900s", "3 criteria" and the numbered criteria (1)-(3); "several descriptions"
    "Shark nursery areas: Concepts, definition, characterization and assumptions":
        words_except("several") + ["hundred", "species were", "n =", "n="] + digits_except("01239"),
    "Critical science gaps impede use of no-take fishery reserves":
        PERCENT + DIGITS + NUMBER_WORDS + ["half", "third", "quarter", "fifth"],
    # "1970s", "(C) 2000 Elsevier" and "two examples" are in the abstract
    "Risk assessment and decision analysis in conservation":
        words_except(" two ") + ["hundred", "thousand", "per year", "annual", "each year"] + digits_except("01279"),
    # "two \"forces\"" is in the abstract
    "A model of the formation of fish schools and migrations of fish":
        words_except(" two ") + DIGITS + ["hundred", "thousand", "individuals were"],
    "Links between worlds: Unraveling migratory connectivity":
        NUMBER_WORDS + DIGITS + ["hundred", "studies were", "species were"],
    # "19 shark species" is the answered part
    "Length–length relationships for the main shark species caught in the commercial shark fisheries of Western Australia":
        NUMBER_WORDS + ["hundred", "thousand", "n =", "n=", "r2", "r²", "individuals", "specimens"]
        + digits_except("19"),
    # "40 or so years"; "several species of dogfish"
    "Can shark resources be harvested sustainably? A question revisited with a review of shark fisheries":
        TONNES + digits_except("04"),
    "Methods of Estimating Mortality and Movement Rates from Single-Tag Recovery Data that are Unbiased by Tag Non-Reporting":
        PERCENT + DIGITS + NUMBER_WORDS,
    # "Thirty-eight shark species" is the answered part; the years 1939-2014 are in the abstract
    "Historical reconstruction of Gulf of California shark fishery landings and species composition, 1939–2014, in a data-poor fishery context":
        TONNES + [" t ", " t,", " t)", " t."],
    # "two years" is the answered part; "2015"; "several Australian Commonwealth fisheries"
    "Measuring congruence between electronic monitoring and logbook data in Australian Commonwealth longline and gillnet fisheries":
        words_except(" two ", "several") + ["vessel", "boats", "hundred"] + digits_except("0125"),
    # "r) of 0.99 for n=3954" is the answered part; "four careful mouse clicks", "two images"
    "Generalised deep learning model for semi-automated length measurement of fish in stereo-BRUVS":
        words_except(" two ", " four ") + ["species were", "species in", "hundred", "yolo", "r-cnn", "resnet"]
        + digits_except("03459"),
    # "10 of the major ... clubs", latitudes 33 and 37, 1936, 1960s-1980s (and 1961-90 in the title)
    "Trends in the distribution, species composition and size of sharks caught by Gamefish Anglers off South-eastern Australia, 1961-90":
        ["hundred", "thousand", "total of", "n =", "n="] + digits_except("0136789"),
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "f9", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
