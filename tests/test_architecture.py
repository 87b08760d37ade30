"""The package reads as the data flow: layers import downwards only, nothing imports in a loop, and
the public API is complete."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import assistant

PACKAGE = Path(assistant.__file__).parent
# Lower layers first. A module may import its own layer and the ones before it, never a later one.
LAYERS = [
    ("base", {"assistant.errors", "assistant.models", "assistant.settings"}),
    ("corpus", {"assistant.corpus"}),
    ("index", {"assistant.index"}),
    ("answer", {"assistant.answer"}),
    ("assistant", {"assistant.assistant", "assistant.api"}),
    ("eval", {"assistant.eval"}),
    ("faces", {"assistant.faces", "assistant.__main__"}),
]
MAX_LINES = 300
MAX_TOP_LEVEL_MODULES = 8


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every project module ``path`` imports, at any depth of the file (type-only imports included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [f"{target}.{alias.name}" for alias in node.names] + [target]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            if candidate in known:
                found.add(candidate)
                break
    found.discard(name)
    return found


def _layer(name: str) -> int | None:
    for rank, (_, members) in enumerate(LAYERS):
        if any(name == m or name.startswith(m + ".") for m in members):
            return rank
    return None  # assistant/__init__.py: the public face, above every layer


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_no_layer_imports_a_later_layer():
    upward = []
    for name, targets in _graph().items():
        mine = _layer(name)
        if mine is None:
            continue
        for target in targets:
            theirs = _layer(target)
            if theirs is not None and theirs > mine:
                upward.append(f"{name} ({LAYERS[mine][0]}) imports {target} ({LAYERS[theirs][0]})")
    assert not upward, "\n".join(sorted(upward))


def test_no_import_loops_not_even_type_only_ones():
    graph = _graph()
    graph.pop("assistant", None)  # __init__ names the public API lazily; it is imported by nothing inside
    for targets in graph.values():
        targets.discard("assistant")
    loops, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                loops.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not loops, "\n".join(loops)


def test_every_module_is_short_enough_to_read_in_one_sitting():
    long = {name: n for name, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_the_top_level_holds_only_what_ties_the_layers_together():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_each_layer_says_what_it_takes_and_gives():
    for package in sorted(p.parent for p in PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "takes" in doc and "give" in doc, f"{package.name}/__init__.py: {doc!r}"


def test_all_is_complete_and_every_name_in_it_imports():
    fresh = importlib.reload(assistant)
    for name in fresh.__all__:
        assert getattr(fresh, name) is not None, name
    public = {n for n in dir(fresh) if not n.startswith("_")} - {"annotations", "importlib", "TYPE_CHECKING"}
    assert public - set(fresh.__all__) <= {
        # subpackages and modules become attributes once imported; they are not the API
        "answer", "api", "assistant", "corpus", "errors", "eval", "faces", "index", "models", "settings",
    }
    from assistant import Answer, Assistant, Filters, Settings, ask  # the README's names

    assert callable(ask) and all(isinstance(t, type) for t in (Answer, Assistant, Filters, Settings))
