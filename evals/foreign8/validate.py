"""Validate evals/foreign8/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign8/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign8/validate.py --abstracts /tmp/foreign8_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "cychosz-zotero.bib"

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
    ["Kaldi"], ["HomeBank"], ["Goldman-Fristoe"], ["Montreal Forced Aligner"], ["Kaluli"],
    ["Sesotho"], ["wav2vec"], ["Providence", "CHILDES"], ["NIH Toolbox"], ["Inuktitut"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Parcelmouth", "Parselmouth"), ("Speechhome", "Speechome"), ("Optotrack", "Optotrak"),
    ("librossa", "librosa"), ("Raynell", "Reynell"), ("McArthur", "MacArthur"),
]

DIGITS = list("0123456789")
NUMBER_WORDS = [" two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ",
                "dozen", "several"]
PERCENT = ["%", "percent", "per cent"]


def words_except(*keep):
    return [w for w in NUMBER_WORDS if w not in keep]


# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    # "6 and 11 months" are the only digits; "several communicative disorders"
    "Babbling Development as Seen in Canonical Babbling Ratios: A Naturalistic Evaluation of All-Day Recordings":
        words_except("several") + ["hundred", "n =", "n="] + [d for d in DIGITS if d not in "16"],
    # "three sets of challenging data" is the answered part; "DiHARD 2018"
    "The ACLEW DiViMe: An Easy-to-Use Diarization Tool":
        PERCENT + ["diarization error rate", " der ", "f-score", "f-measure", "error rate"]
        + [d for d in DIGITS if d not in "0128"],
    "Mothers Speak Less Clearly to Infants Than to Adults: A Comprehensive Test of the Hyperarticulation Hypothesis":
        NUMBER_WORDS + DIGITS + ["hour", "hundred", "dyads", "n ="],
    # "3-36 months" is in the abstract; "dozens of studies"
    "A Thorough Evaluation of the Language Environment Analysis (LENA) System":
        PERCENT + ["error rate"] + [d for d in DIGITS if d not in "36"],
    # "3-9 years", "90%" and "two states" are in the abstract
    "The Iowa Articulation Norms Project and Its Nebraska Replication":
        words_except(" two ") + ["hundred", "thousand", "n =", "n="] + [d for d in DIGITS if d not in "039"],
    "Anticipatory V-to-V Coarticulation in German Preschoolers":
        NUMBER_WORDS + DIGITS + ["hundred", "n ="],
    # "younger than 48 months" is the answered part; "the three measures"
    "A Meta-Analysis of the Predictability of LENA™ Automated Measures for Child Language Development":
        words_except(" three ") + ["hundred", "k =", "k="] + [d for d in DIGITS if d not in "48"],
    # "by the age of 24 months"
    "Talking to Children Matters: Early Language Experience Strengthens Processing and Builds Vocabulary":
        NUMBER_WORDS + ["hundred", "n =", "n="] + [d for d in DIGITS if d not in "24"],
    "An Ultrasound Study of Lingual Coarticulation in Children and Adults":
        NUMBER_WORDS + DIGITS + ["years", "year-old", "aged", "months"],
    # "fifteen novel words" is the answered part; "two factors"
    "Understanding Bilingual Word Learning: The Role of Phonotactic Probability and Phonological Neighborhood Density":
        words_except(" two ") + DIGITS + ["hundred", "n =", "n="],
    # "five to fourteen years" is in the abstract (and the title)
    "Automatic Analysis of LENA Recordings for Language Assessment in Children Aged Five to Fourteen Years with Application to Individuals with Autism":
        PERCENT + DIGITS + ["f-score", "f1"],
    # "40 tokens two times" is the answered part
    "Deriving Gradient Measures of Child Speech from Crowdsourced Ratings":
        words_except(" two ") + ["hundred", "thousand", "n =", "n="] + [d for d in DIGITS if d not in "04"],
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "f8", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
