"""Write evals/claims.jsonl: scripted LLM answers about real papers, each claim labelled.

    .venv/bin/python evals/make_claims.py > evals/claims.jsonl

Each record asks about one paper (its title is the question, so retrieval puts it among the
sources) and carries a ``script``: the answer the test LLM sends, with citations written as
``{cite:TITLE}`` (the number the paper has in that prompt) or ``{cite-other:TITLE}`` (any other
source's number). ``defects`` labels each sentence of the script: ``""`` for a correct claim, else
the defect it plants. Correct claims are a figure sentence of the paper, lightly reworded, some
with a unit spelled another way; defects rotate through a wrong figure, a figure taken from another
paper, a swapped citation, a claim no source makes, and an uncited claim.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFECTS = ("wrong figure", "figure from another source", "swapped citation", "claim no source makes", "uncited")
_LEAD = re.compile(r"^(specifically|notably|moreover|furthermore|in addition|finally|in particular|for example|"
                   r"for instance|remarkably|overall|besides|additionally|importantly),?\s+", re.IGNORECASE)


def reword(sentence: str, rng: random.Random) -> str:
    """A light paraphrase: no leading connective, 'we'/'our' as 'the authors', units spelled otherwise."""
    text = _LEAD.sub("", sentence)
    text = re.sub(r"\bwe\b", "the authors", text, flags=re.IGNORECASE)
    text = re.sub(r"\bour\b", "their", text, flags=re.IGNORECASE)
    text = text[:1].upper() + text[1:]
    if rng.random() < 0.5:
        text = re.sub(r"(\d(?:\.\d+)?)\s*(?:×|x\b)", r"\1 times", text)
        text = re.sub(r"(\d(?:\.\d+)?)\s*%", r"\1 percent", text)
    return text.rstrip(".")


def compress(sentence: str, rng: random.Random) -> str:
    """A stronger paraphrase: only the clause that carries a figure, reframed as a report."""
    from assistant.answer.grounding import figures

    clauses = [c.strip() for c in re.split(r",\s+(?:while|whereas|and|which|thereby|resulting|leading)\b|;\s+|:\s+",
                                            _LEAD.sub("", sentence)) if c.strip()]
    clause = next((c for c in clauses if figures(c)), clauses[0]).rstrip(".")
    clause = re.sub(r"\bwe\b", "they", clause, flags=re.IGNORECASE)
    clause = re.sub(r"\bour\b", "their", clause, flags=re.IGNORECASE)
    frame = rng.choice(["The paper reports that {}", "According to the abstract, {}", "In short, {}",
                        "The authors find that {}"])
    return frame.format(clause[:1].lower() + clause[1:] if not clause[:2].isupper() else clause)


def shifted(figure: str) -> str:
    """The same kind of figure with another value (never equal, never a figure of the same paper)."""
    number = float(figure)
    other = number * 1.37 + 3.1
    return f"{other:.1f}" if "." in figure or other != int(other) else str(int(other))


def main() -> None:
    from assistant.answer.grounding import figures
    from assistant.corpus import load_papers
    from assistant.index.chunking import split_sentences

    rng = random.Random(20261124)
    papers = load_papers([ROOT / "data"]).papers
    with_figures = []
    for paper in papers:
        # whole sentences only: the splitter cuts "(seq. length 512)" and "e.g." into pieces
        sentences = [s for s in split_sentences(paper.abstract)
                     if figures(s) and 60 < len(s) < 300 and s.endswith(".") and s[:1].isupper()
                     and not re.search(r"(\(\w+|e\.g|i\.e|vs|al)\.$", s) and "http" not in s]
        if sentences:
            with_figures.append((paper, sentences))
    rng.shuffle(with_figures)
    chosen = with_figures[:90]
    for index, (paper, sentences) in enumerate(chosen):
        title = paper.title
        good = reword(sentences[0], rng)
        defect = DEFECTS[index % len(DEFECTS)]
        lines = [(f"{good} {{cite:{title}}}.", "")]
        if defect == "wrong figure":
            source = sentences[-1]
            number, _unit = sorted(figures(source))[0]
            match = re.search(re.escape(number.split(".")[0]) + r"(?:[.,]\d+)?", source)
            bad = source[: match.start()] + shifted(number) + source[match.end():]
            lines.append((f"{reword(bad, rng)} {{cite:{title}}}.", defect))
        elif defect == "figure from another source":
            other_paper, other_sentences = chosen[(index + 7) % len(chosen)]
            number, unit = sorted(figures(other_sentences[0]))[0]
            unit_text = {"%": "%", "x": "x", "k": "K", "m": "M", "b": "B", "t": "T"}[unit]
            lines.append((f"It reaches {number}{unit_text} on its main benchmark {{cite:{title}}}.", defect))
        elif defect == "swapped citation":
            lines = [(f"{good} {{cite-other:{title}}}.", defect)]
        elif defect == "claim no source makes":
            lines.append(("It also cuts the energy use of data centres in half across 40 countries "
                          f"{{cite:{title}}}.", defect))
        else:
            other = reword(sentences[-1], rng) if len(sentences) > 1 else "It was trained on 12 GPUs for 3 days"
            lines.append((f"{other}.", defect))
        if len(sentences) > 2 and index % 2 == 0:  # a second correct claim, worded further from its source
            lines.insert(1, (f"{compress(sentences[1], rng)} {{cite:{title}}}.", ""))
        script = " ".join(text for text, _ in lines)
        record = {"id": f"c{index + 1:02d}", "kind": "fact", "question": title, "relevant": [title], "facts": [],
                  "script": script, "defects": [label for _, label in lines]}
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
