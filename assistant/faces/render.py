"""Answer -> what the chat UI shows: the answer as safe markdown, its sources as escaped HTML.

Everything that comes from an abstract or from the model is text. It is HTML-escaped before it
reaches the page, and markdown images in model output are replaced by a note, so nothing in a paper
or an answer can run script or make the browser fetch anything.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..answer.cite import CITATION
from ..models import NO_ANSWER

# ![alt](url), ![alt][ref] and ![alt]: all make a markdown renderer fetch something.
_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])?")
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def anchor(turn: int, number: int) -> str:
    """The id of source ``number`` of answer ``turn`` in the sources panel (citations link to it)."""
    return f"src-{turn}-{number}"


def safe_markdown(text: str) -> str:
    """Model or abstract text made inert for a markdown renderer: HTML escaped, images named, not shown."""
    text = _IMAGE.sub(lambda m: f"[image not shown: {m.group(1) or 'untitled'}]", text)
    return html.escape(text, quote=False)


def claim_anchor(turn: int, index: int) -> str:
    return f"claim-{turn}-{index}"


def answer_markdown(answer: Mapping[str, Any], turn: int) -> str:
    """The chat bubble of a finished answer: safe text, [n] as links to the panel, notice and decline
    marked, and after each claim the checker flagged a ⚠ whose hover text says why."""
    if answer["abstained"]:
        body = f"⊘ **Declined.** {NO_ANSWER} The closest papers are listed beside, for a look."
    else:
        body = mark_claims(safe_markdown(answer["text"]), answer.get("claims") or [], turn)
        body = link_citations(body, turn, len(answer["sources"]))
    if answer.get("notice"):
        body = f"> ⚠ {safe_markdown(answer['notice'])}\n\n{body}"
    return body


def mark_claims(body: str, claims: Iterable[Mapping[str, Any]], turn: int) -> str:
    """``body`` is already safe markdown; the marker is a link whose title is the reason (shown on
    hover, read aloud by screen readers) and whose target is the claim in the sources panel."""
    for index, claim in enumerate(claims, start=1):
        if claim["status"] == "supported":
            continue
        sentence = safe_markdown(claim["text"])
        reason = f"{claim['status']}: {claim.get('detail') or ''}".strip(": ").replace('"', "'")
        marker = f' [⚠](#{claim_anchor(turn, index)} "{safe_markdown(reason)}")'
        at = body.find(sentence)
        if at >= 0:
            body = body[: at + len(sentence)] + marker + body[at + len(sentence):]
    return body


def partial_markdown(text: str, thinking: str = "") -> str:
    """A streaming answer so far: safe, with a cursor; links come when the citations are final. While a
    reasoning model thinks, a line says so (its thinking is shown in the panel, apart from the answer)."""
    if thinking and not text.strip():
        return f"*The model is thinking… ({len(thinking.split())} words so far)* ▍"
    return safe_markdown(text) + " ▍"


def link_citations(text: str, turn: int, n_sources: int) -> str:
    def link(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= n_sources:
            return match.group(0)
        return f"[\\[{number}\\]](#{anchor(turn, number)})"

    return CITATION.sub(link, text)


def sources_html(answer: Mapping[str, Any] | None, turn: int) -> str:
    """The sources panel for one answer: cited papers in citation order, then the others retrieved."""
    if answer is None:
        return '<div class="sources empty">Sources of the selected answer appear here.</div>'
    parts = [
        f'<div class="sources" data-turn="{turn}">',
        f'<p class="sources-question">Sources for <q>{_e(answer["question"])}</q></p>',
    ]
    if answer.get("query") and answer["query"] != answer["question"]:
        parts.append(f'<p class="sources-query">Searched for <q>{_e(answer["query"])}</q></p>')
    if answer["abstained"]:
        parts.append('<p class="declined">Declined: no passage in the collection supports an answer. Closest papers:</p>')
    elif answer["sources"]:
        parts.append("<ol class=\"cited\">")
        for number, source in enumerate(answer["sources"], start=1):
            parts.append(_source_item(source, anchor(turn, number), f"[{number}]"))
        parts.append("</ol>")
    else:
        parts.append('<p class="declined">The answer cites no paper.</p>')
    claims = answer.get("claims") or []
    if claims and not answer["abstained"]:
        flagged = sum(c["status"] != "supported" for c in claims)
        parts.append(f'<p class="claims-head">Claims checked against their sources: {len(claims) - flagged} '
                     f'supported, {flagged} flagged</p>')
        parts.append('<ol class="claims">')
        for index, claim in enumerate(claims, start=1):
            parts.append(_claim_item(claim, claim_anchor(turn, index)))
        parts.append("</ol>")
    if answer.get("reasoning"):
        parts.append('<details class="reasoning"><summary>The model\'s reasoning (not part of the answer, not '
                     f'checked)</summary><blockquote class="thinking">{_e(answer["reasoning"])}</blockquote></details>')
    others = answer.get("uncited") or []
    if others:
        if not answer["abstained"]:
            parts.append(f'<p class="also">Also retrieved, not cited ({len(others)})</p>')
        parts.append('<ul class="uncited">')
        parts.extend(_source_item(source, None, "") for source in others)
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)


def _source_item(source: Mapping[str, Any], element_id: str | None, label: str) -> str:
    title = _e(source["title"])
    url = source.get("url") or ""
    if _SAFE_URL.match(url):
        title = f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    meta = f'score {source["score"]:.2f}'
    if source.get("date"):
        meta += f' · {_e(source["date"])}'
    authors = list(source.get("authors") or ())
    if authors:
        meta += " · " + _e(", ".join(authors[:3]) + (" et al." if len(authors) > 3 else ""))
    if source.get("categories"):
        meta += " · " + _e(" ".join(source["categories"][:4]))
    if source.get("collection"):
        meta += f' · <span class="collection">{_e(source["collection"])}</span>'
    id_attr = f' id="{element_id}"' if element_id else ""
    return (
        f'<li class="source"{id_attr}>'
        f'<div class="source-title"><span class="num">{label}</span> {title}</div>'
        f'<div class="source-meta">{meta}</div>'
        f'<blockquote class="passage">{highlight(source["snippet"], source.get("highlights") or ())}</blockquote>'
        "</li>"
    )


def _claim_item(claim: Mapping[str, Any], element_id: str) -> str:
    status = claim["status"]
    css = "supported" if status == "supported" else "flagged"
    support = (f'<blockquote class="support">{highlight(claim["evidence"], [claim["evidence"]])}</blockquote>'
               if claim.get("evidence") else "")
    detail = f' <span class="claim-detail">{_e(claim["detail"])}</span>' if claim.get("detail") else ""
    return (f'<li class="claim {css}" id="{element_id}"><span class="claim-status">{_e(status)}</span>{detail}'
            f'<div class="claim-text">{_e(claim["text"])}</div>{support}</li>')


def highlight(text: str, sentences: Iterable[str]) -> str:
    """``text`` escaped, with each of ``sentences`` found in it wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        start = text.find(sentence) if sentence else -1
        if start >= 0:
            spans.append((start, start + len(sentence)))
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue  # overlapping highlight: the first one wins
        out += [_e(text[at:start]), "<mark>", _e(text[start:end]), "</mark>"]
        at = end
    out.append(_e(text[at:]))
    return "".join(out)


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)
