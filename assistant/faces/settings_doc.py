"""The settings as a table (the README's copy is generated from here, and a test keeps them in sync)."""

from __future__ import annotations

from ..settings import PROJECT_ROOT, Settings


def _default(value: object) -> str:
    if value is None:
        return "unset"
    text = str(getattr(value, "value", value))
    return text.replace(str(PROJECT_ROOT), ".")


def settings_table(markdown: bool = True) -> str:
    rows = []
    for name, field in Settings.model_fields.items():
        env = f"ASSISTANT_{name.upper()}"
        rows.append((env, _default(field.default), field.description or ""))
    if not markdown:
        return "\n".join(f"{env}={default}  # {doc}" for env, default, doc in rows)
    lines = ["| Variable | Default | Meaning |", "|---|---|---|"]
    lines += [f"| `{env}` | `{default}` | {doc} |" for env, default, doc in rows]
    return "\n".join(lines)
