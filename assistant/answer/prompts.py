"""Prompt templates live in ``prompts/*.txt`` with ``${name}`` placeholders.

Filling a template with a missing or an unexpected variable is an error, so a template and the code
that fills it cannot drift apart silently.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Template

from ..errors import PromptError


@lru_cache(maxsize=64)
def _load(path: Path) -> Template:
    try:
        return Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PromptError(f"cannot read prompt template {path}: {exc.strerror or exc}") from None


def render(prompts_dir: Path, name: str, **values: object) -> str:
    path = Path(prompts_dir) / f"{name}.txt"
    template = _load(path)
    if not template.is_valid():
        raise PromptError(f"{path}: malformed placeholder (use ${{name}}; write $$ for a dollar sign)")
    expected = set(template.get_identifiers())
    missing, unexpected = expected - set(values), set(values) - expected
    if missing or unexpected:
        raise PromptError(
            f"{path}: placeholders do not match; missing values for {sorted(missing)}, "
            f"no placeholder for {sorted(unexpected)}"
        )
    return template.substitute({k: str(v) for k, v in values.items()}).strip()
