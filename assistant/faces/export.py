"""An answer for use elsewhere: markdown (the answer and a numbered reference list) and BibTeX.

Both work on ``Answer.to_dict()``, the form the UI keeps and the CLI prints, so every face exports
the same thing. Citation keys are stable per paper: the first author's surname, the year and the
first word of the title that says something, then four characters of the paper id, which keep
two papers apart that share the rest ("moreau2022draft-d2d0").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ..corpus.latex import to_latex
from ..models import day_number

_STOP = frozenset("a an the on of for in to and with via from by towards toward is are do does".split())


def cite_key(source: Mapping[str, Any]) -> str:
    authors = source.get("authors") or ()
    surname = _ascii_word(authors[0].split()[-1]) if authors else ""
    day = day_number(source.get("date") or "")
    year = str(day // 10_000) if day else ""
    words = [w for w in (_ascii_word(w) for w in re.split(r"[\s:/-]+", source.get("title", ""))) if w]
    word = next((w for w in words if w not in _STOP), words[0] if words else "paper")
    return f"{surname}{year}{word}-{source['paper_id'][:4]}"


def bibtex(sources: Iterable[Mapping[str, Any]]) -> str:
    """One ``@misc`` entry per source (``@article`` needs a journal the collections rarely give)."""
    entries = []
    seen: set[str] = set()
    for source in sources:
        if source["paper_id"] in seen:
            continue
        seen.add(source["paper_id"])
        fields: list[tuple[str, str]] = [("title", "{" + to_latex(source["title"]) + "}")]  # case kept
        if source.get("authors"):
            fields.append(("author", " and ".join(to_latex(a) for a in source["authors"])))
        day = day_number(source.get("date") or "")
        if day:
            fields.append(("year", str(day // 10_000)))
            if source.get("date", "")[4:5] == "-" and len(source["date"]) >= 7:  # a month was given
                fields.append(("month", str(day // 100 % 100)))
        elif source.get("date"):
            fields.append(("note", to_latex(f"Dated {source['date']} (no year given)")))
        if source.get("arxiv_id"):
            fields += [("eprint", source["arxiv_id"]), ("archiveprefix", "arXiv")]
            if source.get("categories"):
                fields.append(("primaryclass", source["categories"][0]))
        if source.get("doi"):
            fields.append(("doi", source["doi"]))
        if source.get("url"):
            fields.append(("url", source["url"]))
        if source.get("categories"):
            fields.append(("keywords", to_latex(", ".join(source["categories"]))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@misc{{{cite_key(source)},\n{body}\n}}\n")
    return "\n".join(entries)


def markdown(answer: Mapping[str, Any]) -> str:
    """The answer as its own markdown document: the question, the answer with its [n], then the
    references in citation order, each with its key; flagged claims and notices stay visible."""
    lines = [f"## {answer['question']}", ""]
    if answer.get("notice"):
        lines += [f"> Note: {answer['notice']}", ""]
    lines += [answer["text"], ""]
    flagged = [c for c in answer.get("claims") or [] if c.get("status") != "supported"]
    if flagged:
        lines += ["Claims the cited papers do not support:", ""]
        lines += [f"- {c['text']} ({c['status']}: {c.get('detail') or ''})".replace(": )", ")") for c in flagged]
        lines.append("")
    if answer.get("filters"):
        filters = answer["filters"]
        shown = [f"{k} {v}" for k, v in filters.items() if v and not isinstance(v, list)]
        shown += [f"{k} {', '.join(v)}" for k, v in filters.items() if isinstance(v, list) and v]
        if shown:
            lines += [f"_Filters: {'; '.join(shown)}_", ""]
    sources = answer.get("sources") or []
    heading = "Closest papers" if answer.get("abstained") else "References"
    listed = answer.get("uncited") if answer.get("abstained") else sources
    if listed:
        lines += [f"### {heading}", ""]
        for number, source in enumerate(listed, start=1):
            lines.append(f"{number}. {reference(source)}")
        lines.append("")
    return "\n".join(lines)


def reference(source: Mapping[str, Any]) -> str:
    """"Authors (year). *Title*. url [key]" with whatever the collection gives."""
    parts = []
    authors = list(source.get("authors") or ())
    if authors:
        parts.append(", ".join(authors[:3]) + (" et al." if len(authors) > 3 else ""))
    day = day_number(source.get("date") or "")
    if day:
        parts[-1:] = [f"{parts[-1]} ({day // 10_000})"] if parts else [f"({day // 10_000})"]
    text = ". ".join(parts + [f"*{source['title']}*"])
    if source.get("url"):
        text += f". <{source['url']}>"
    return f"{text} `[{cite_key(source)}]`"


def _ascii_word(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.casefold())
