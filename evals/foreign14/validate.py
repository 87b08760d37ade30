"""Validate evals/foreign14/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign14/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign14/validate.py --abstracts /tmp/foreign14_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # foreign_check.py, shared by every foreign set
from foreign_check import DIGITS, NUMBER_WORDS, digits_except, main, words_except  # noqa: E402

BIB = "sauve-music-cognition-zotero.bib"

EXPECTED = {
    ("fact", ("paraphrase", "figure")): 16,
    ("fact", ("misspelled",)): 6,
    ("absent", ("named-absent",)): 12,
    ("unanswerable", ("near-domain",)): 10,
    ("topic", ("which-papers",)): 6,
}

# Key names of the near-domain questions: each must occur in the question
# and in no title or abstract of the corpus (case-insensitive, also as a substring).
UNANSWERABLE_NAMES = [
    ["Barcelona Music Reward Questionnaire"], ["Carnatic"], ["librosa"], ["Beat Alignment Test"],
    ["Tristan chord", "Neapolitan"], ["Geneva Emotional Music Scale"], ["gamelan", "kotekan", "Balinese"],
    ["Melodic Intonation Therapy"], ["Tonnetz"], ["Seashore"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Hungray", "Hungary"), ("Treir", "Trier"), ("Australain", "Australian"),
    ("Goldsmtihs", "Goldsmiths"), ("Humdurm", "Humdrum"), ("Kohonnen", "Kohonen"),
]


# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    # how many drivers, how many years of driving
    "Navigation-Related Structural Change in the Hippocampi of Taxi Drivers":
        DIGITS + NUMBER_WORDS + ["years", "average", "mean ", " n =", "n=", "participants", "sample"],
    # "O (kn 2 log 2 n)", "O (kn 3)" and "two new algorithms" are the answered part
    "Algorithms for Discovering Repeated Patterns in Multidimensional Representations of Polyphonic Music":
        ["java", "c++", "lisp", "python", "matlab", "prolog", "implemented", "implementation", "programming",
         "written in", "language", "source code"],
    # "MIREX08"; "two statistical models"
    "Source/Filter Model for Unsupervised Main Melody Extraction From Polyphonic Audio Signals":
        ["%", "percent", "accuracy", "overall", "raw pitch"] + digits_except("08") + words_except(" two "),
    # "12 professional harpsichordists" is the answered part
    "Linking Melodic Expectation to Expressive Performance Timing and Perceived Musical Tension":
        ["couperin", "anglebert", "rameau", "froberger", "lebègue", "lebegue", "louis", "jacquet", "composer",
         "composed", "prelude by", "prélude", "titled"],
    # "for 6 years initially and a possible 4 years extension" is the answered part
    "The New Center for Music in the Brain (MIB) in Denmark":
        ["kroner", "dkk", "million", " euro", "€", "$", "budget", "amount", "grant of", "funding of", "worth"],
    # "[PSY] 2012 APA"; "in at least two ways"; "to one stream"
    "Effects of Self-Motion on Auditory Scene Analysis":
        digits_except("012") + words_except(" one ", " two ") + ["degree", "°", "participants", "listeners",
                                                                 " n =", "n=", "subjects", " angle"],
    # "past 20 years", "2014 APA"
    "Predictive Regularity Representations in Violation Detection and Auditory Stream Segregation: From Conceptual to Computational Models":
        digits_except("0124") + ["millisec", "msec", " ms ", " ms.", " ms,", "window", "parameter", "time constant"],
    "Musical Neurofeedback for Treating Depression in Elderly People":
        ["channel", "electrode", "sensor", " 14 ", "14-", "fourteen"],
    "Melody Extraction From Polyphonic Music Signals Using Pitch Contour Characteristics":
        DIGITS + NUMBER_WORDS + ["%", "percent"],
    # "nine experienced improvisers" is the answered part
    "Generative Structures in Improvisation: Computational Segmentation of Keyboard Performances":
        ["yamaha", "disklavier", "steinway", "bösendorfer", "bosendorfer", "kawai", "brand", "manufactur",
         "make of", "model of"],
    "Large-Scale Brain Networks Emerge from Dynamic Processing of Musical Timbre, Key and Rhythm":
        ["piazzolla", "astor", "libertango", "adios", "adiós", "composer", "composed", "titled", "entitled"],
    "A Model of Melodic Expectation":
        DIGITS + ["%", "r =", "correlat", "variance", " fit", "participants", "subjects", "listeners rated"],
}


if __name__ == "__main__":
    sys.exit(main(HERE, BIB, "f14", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
