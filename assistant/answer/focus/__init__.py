"""What a question asks for, so an answer can tell a sentence that gives it from one that is merely about
the same paper.

The focus of "How many GPUs did EnergonAI use?" is a quantity, the number of GPUs: a sentence gives
it only when a figure stands next to GPUs (or accelerators, A100s: a word of the same group), not
when it speaks of "multi-GPU systems". "Which dataset does AWQ calibrate on?" asks for a named
thing: a dataset's name must stand next to the word. "What does QuEST do?" and "How does QuEST
train?" ask for what the paper's contribution says, so any of its sentences may give them. A
qualifier the question names ("accuracy on MMLU") must be in the sentence too.

``plain`` puts a question in the form the rules read; ``read`` takes it to its ``Focus`` from the
pieces ``phrases`` finds (``named``: things asked for after "which" by a noun of no known group),
``clauses`` adds the details of its further parts; ``match`` says whether a
sentence gives it, with ``figures`` telling which of its tokens are figures of what is asked; ``words``
holds the word lists they read with.
"""

from .match import carries, restates
from .clauses import focus_of
from .read import FIGURE_ASKED

__all__ = ["FIGURE_ASKED", "carries", "focus_of", "restates"]
