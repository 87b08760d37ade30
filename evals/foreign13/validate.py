"""Validate evals/foreign13/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign13/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign13/validate.py --abstracts /tmp/foreign13_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # foreign_check.py, shared by every foreign set
from foreign_check import DIGITS, NUMBER_WORDS, digits_except, main, words_except  # noqa: E402

BIB = "rajeg-indonesian-cognitive-linguistics-zotero.bib"

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
    ["LIWC"], ["KBBI"], ["Wmatrix"], ["LancsBox", "GraphColl"], ["BCCWJ"],
    ["Universal Dependencies"], ["Geneva Emotion Wheel"], ["WALS", "World Atlas of Language Structures"],
    ["VU Amsterdam Metaphor Corpus"], ["Minangkabau"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("Tiawan", "Taiwan"), ("Gaurdian", "Guardian"), ("EMILE", "EMILLE"),
    ("LIMMAS", "LIMAS"), ("Novogrod", "Novgorod"), ("Reveiw", "Review"),
]


# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    # the abstract says only that HIP "can be reliably applied"; "two sample analyses", "one complete sample sentence"
    "HIP: A Method for Linguistic Hyperbole Identification in Discourse":
        ["kappa", "fleiss", "krippendorff", "alpha", "%", "percent", "agreement", "coefficient"]
        + DIGITS + words_except(" one ", " two "),
    # "Mair's (2007)", "two other freely-available online data resources"
    "Filling the Gaps: Using the WebCorp Linguist's Search Engine to Supplement Existing Text Resources":
        ["million", "billion", " words", "token", "size of"] + digits_except("207") + words_except(" two "),
    # "six historical corpora spanning four languages" is the answered part
    "Diachronic Word Embeddings Reveal Statistical Laws of Semantic Change":
        ["english", "french", "german", "chinese", "mandarin", "spanish", "coha", "google", "n-gram", "ngram"],
    # "15 commands" is the answered part
    "CAinterprTools: An R Package to Help Interpreting Correspondence Analysis’ Results":
        ["cran", "github", "licen", "gpl", "mit ", "http", "www", "download", "version", "repository"],
    "Grammatical Profiles and Aspect in Old Church Slavonic":
        ["regression", "logistic", "cluster", "correspondence", "tree", "forest", "bayes", "discriminant", "anova",
         "chi-square", "multinomial", "mixed", "principal", "k-means", "hierarchical", "naive", "scaling"],
    # "84.6% of coverage" is the answered part; "[1]", "two-level"
    "Indonesian Morphology Tool (MorphInd): Towards an Indonesian Corpus":
        ["tags in", "tagset of", "tagset with", "tagset contain", "tagset consist", "different tags"]
        + digits_except("1846") + NUMBER_WORDS,
    # "Lakoff and Johnson 1980", "Thibodeau & Boroditsky 2011"
    "MetaNet: Repository, Identification System, and Applications":
        ["entries", "contains", "million", "thousand"] + digits_except("19802") + NUMBER_WORDS,
    "The Hamburg Metaphor Database Project: Issues in Resource Creation":
        ["french", "german", "english", "italian", "spanish", "dutch", "languages"],
    "Corpus Tools and Methods, Today and Tomorrow: Incorporating Linguists' Manual Annotations":
        ["mysql", "sql", "postgres", "cqp", "version", "release"] + DIGITS,
    # "(1) ... (2) ... (3)", "1980", "whether one conceptual metaphor is sufficient"
    "Conceptual Metaphor Theory Meets the Data: A Corpus-Based Human Annotation Study":
        ["kappa", "alpha", "%", "percent", "0.", "coefficient"] + digits_except("123980") + words_except(" one "),
    # "a list of seven instructions" is the answered part; "five-step procedure"
    "Towards a Procedure for Metaphor Identification":
        ["kappa", "alpha", "%", "percent", "agreement", "inter-rater", "coders", "raters", "tested"]
        + DIGITS + words_except(" seven "),
    # "100 languages"
    "Lexical Typology through Similarity Semantics: Toward a Semantic Map of Motion Verbs":
        ["scaling", "mds", "principal", "pca", "correspondence", "kernel", "t-sne", "cluster", "factor analysis",
         "svd", "dimensionality", "reduction"],
}


if __name__ == "__main__":
    sys.exit(main(HERE, BIB, "f13", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
