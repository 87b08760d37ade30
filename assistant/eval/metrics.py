"""The evaluation metrics by name: what each measures and which way is better.

Apart from the harness (``evaluate.py``) so that the CLI can build its ``--min-*`` / ``--max-*``
flags, and the report its tables, without importing the harness.
"""

from __future__ import annotations

# name -> (meaning, True when higher is better)
METRICS: dict[str, tuple[str, bool]] = {
    "hit_at_k": ("share of answerable questions with a relevant paper among the answer's papers", True),
    "recall_at_k": ("share of relevant papers among the answer's papers (answerable questions)", True),
    "mrr": ("reciprocal rank of the first relevant paper", True),
    "fact_recall": ("share of expected facts found in the answer text", True),
    "orphan_markers": ("[n] markers without a source (must be 0)", False),
    "cites_relevant": ("share of answers whose cited papers include a relevant one", True),
    "citation_precision": ("share of cited papers that are relevant", True),
    "precision": ("correct / answered", True),
    "accuracy": ("correct / all (declining an unanswerable question is correct)", True),
    "declined_unanswerable": ("declined rate on unanswerable questions", True),
    "wrongly_declined": ("declined rate on answerable questions (an answer that says the abstracts do not give "
                         "what is asked counts as declined)", False),
    "topic_recall": ("which-papers questions: share of the relevant papers the answer cites", True),
    "absent_honest": ("questions asking a named paper for a detail its abstract lacks: share declined or answered "
                      "that the abstract does not give it, citing no other paper", True),
    "absent_other_paper": ("the same questions: share that cite another paper as the answer", False),
    "misspelled_correct": ("questions naming a paper misspelled: share answered from that paper", True),
    # LLM answers, from the claim checker (None for extractive runs)
    "claims_flagged": ("share of an LLM answer's claims the checker flags", False),
    "claim_citation_recall": ("ALCE-style: share of claims fully supported by the sources they cite", True),
    "claim_citation_precision": ("ALCE-style: share of citations whose claim they support", True),
    "checker_precision": ("labelled sets: flagged claims that are defective / flagged", True),
    "checker_recall": ("labelled sets: defective claims flagged / defective", True),
}
