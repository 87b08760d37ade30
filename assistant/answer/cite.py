"""Citations are data: markers in model text are checked against the sources, renumbered and counted.

``CitationRewriter`` works on a stream: it holds back only what could still become a marker, so the
text shown while streaming is the final text. Markers pointing to no source are removed (with the
space before them) and counted; the rest are renumbered in order of first citation; a marker that
repeats the one just before it collapses.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"(\s*)\[(\s*\d+(?:\s*(?:,|;|-|–)\s*\d+)*\s*)\]")
CITATION = re.compile(r"\[(\d+)\]")
"""A marker as it stands in a finished answer, after rewriting: ``[n]``, one number."""
_OPEN_TAIL = re.compile(r"\s*\[[\d\s,;\-–]*$")  # a marker that may still be arriving
_MAX_HELD = 40
_MAX_RANGE = 20


def _numbers(group: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group.strip()):
        bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _MAX_RANGE:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


class CitationRewriter:
    def __init__(self, n_sources: int) -> None:
        self.n_sources = n_sources
        self.order: list[int] = []  # original source numbers (1-based) in order of first citation
        self.dropped = 0
        self._held = ""
        self._last_marker: int | None = None  # new number of a marker with only whitespace after it

    def feed(self, text: str) -> str:
        """Text that is safe to show now, rewritten."""
        self._held += text
        tail = _OPEN_TAIL.search(self._held)
        if tail and len(self._held) - tail.start() <= _MAX_HELD:
            cut = tail.start()
        else:
            cut = len(self._held.rstrip())  # keep trailing space: a dropped marker may take it along
        ready, self._held = self._held[:cut], self._held[cut:]
        return self._rewrite(ready)

    def finish(self) -> str:
        ready, self._held = self._held, ""
        return self._rewrite(ready)

    def _new_number(self, original: int) -> int:
        if original not in self.order:
            self.order.append(original)
        return self.order.index(original) + 1

    def _rewrite(self, text: str) -> str:
        out: list[str] = []
        position = 0
        for match in _MARKER.finditer(text):
            between = text[position : match.start()]
            if between:
                out.append(between)
                self._last_marker = None
            position = match.end()
            kept: list[int] = []
            for original in _numbers(match.group(2)):
                if 1 <= original <= self.n_sources:
                    new = self._new_number(original)
                    if new not in kept and new != self._last_marker:
                        kept.append(new)
                else:
                    self.dropped += 1
            if kept:
                out.append(match.group(1) + "".join(f"[{n}]" for n in kept))
                self._last_marker = kept[-1]
        rest = text[position:]
        if rest:
            out.append(rest)
            if rest.strip():
                self._last_marker = None
        return "".join(out)


def rewrite_citations(text: str, n_sources: int) -> tuple[str, list[int], int]:
    """Whole-text form: (rewritten text, original numbers in citation order, markers dropped)."""
    rewriter = CitationRewriter(n_sources)
    result = rewriter.feed(text) + rewriter.finish()
    return result, rewriter.order, rewriter.dropped
