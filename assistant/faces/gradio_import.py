"""Gradio, imported without re-deriving its type stubs: ``from .gradio_import import gr``.

Every ``import gradio`` (6.x) parses the source of each component class with ``ast`` to regenerate
its ``.pyi`` stub, then compares the result with the stub the wheel already ships and rewrites it
only when a developer has edited gradio itself. In an installed gradio the two never differ, and the
check is a third of the import: 1.4 s of 4.1 s on the 2-core machine (``benchmarks/README.md``),
time that every app launch waits for before it serves the page.

The finder below lets ``gradio.component_meta`` load as usual and replaces its stub writer with a
no-op before the first component class is defined. Should gradio rename the writer, nothing is
replaced and gradio loads as before, only slower (``test_ui`` notices).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

_MODULE = "gradio.component_meta"
_STUB_WRITER = "create_or_modify_pyi"


def _keep_shipped_stubs(*_args, **_kwargs) -> None:
    """Stands in for gradio's stub writer: the wheel's stubs are already right."""


class _Loader(importlib.abc.Loader):
    def __init__(self, inner: importlib.abc.Loader) -> None:
        self._inner = inner

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        if callable(getattr(module, _STUB_WRITER, None)):
            setattr(module, _STUB_WRITER, _keep_shipped_stubs)

    def __getattr__(self, name: str):  # get_source, get_filename, ...: tracebacks and inspect use them
        return getattr(self._inner, name)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != _MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


def _import_gradio() -> ModuleType:
    finder = _Finder()
    sys.meta_path.insert(0, finder)
    try:
        import gradio
    finally:
        sys.meta_path.remove(finder)
    return gradio


gr = _import_gradio()
