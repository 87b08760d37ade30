"""LaTeX in titles and abstracts (arXiv, BibTeX) made plain text, and plain text made BibTeX-safe.

pylatexenc does the work both ways: ``\\"o`` and ``{\\"o}`` become ``ö``, ``\\emph{x}`` becomes
``x``, ``$\\alpha$`` becomes ``α``; on export, ``&``, ``%``, ``_`` and accented letters become
their LaTeX forms, so a reference manager reads back the title that was shown.
"""

from __future__ import annotations

import re

_LATEX_HINT = re.compile(r"[\\${}~^]")


def to_text(value: str) -> str:
    """One line of plain text: LaTeX markup resolved, line breaks and runs of spaces collapsed."""
    if _LATEX_HINT.search(value):
        from pylatexenc.latex2text import LatexNodes2Text

        try:
            value = _converter(LatexNodes2Text).latex_to_text(value)
        except Exception:  # pylatexenc is tolerant; anything it cannot read stays as written
            pass
    return " ".join(value.split())


def to_latex(value: str) -> str:
    """Text for a BibTeX field: LaTeX-special characters escaped, non-ASCII letters as macros."""
    from pylatexenc.latexencode import unicode_to_latex

    return unicode_to_latex(value, non_ascii_only=False, replacement_latex_protection="braces-all")


_CONVERTERS: dict[type, object] = {}


def _converter(cls):
    if cls not in _CONVERTERS:
        # math as text: $O(n^2)$ reads O(n^2), $\alpha$ reads α
        _CONVERTERS[cls] = cls(math_mode="text", strict_latex_spaces=False, keep_comments=False)
    return _CONVERTERS[cls]
