"""The chat app launched in-process on a free loopback port, for gradio_client and browser tests."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant import Assistant
from assistant.faces.gradio_import import gr
from assistant.faces.ui import ChatApp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Poll ``url`` until it answers; fail if ``process`` (the server behind it) dies or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            assert process.poll() is None, f"{process.args[:3]} exited with {process.returncode}"
            assert time.monotonic() < deadline, f"{url} did not answer within {timeout:g} s"
            time.sleep(0.2)


@dataclass
class RunningApp:
    app: ChatApp
    demo: gr.Blocks
    url: str


@contextlib.contextmanager
def running_app(assistant: Assistant) -> Iterator[RunningApp]:
    app = ChatApp(Assistant(assistant.settings.with_overrides(port=free_port()), embedding=assistant.embedding,
                            store=assistant.store))
    app.start_indexing()
    demo = app.build()
    app.launch(demo, prevent_thread_lock=True, quiet=True)
    try:
        yield RunningApp(app, demo, f"http://{app.settings.host}:{app.settings.port}/")
    finally:
        demo.close()


def hostile_llm_assistant(settings, fake_llm, tmp_path: Path, model_text) -> tuple[Assistant, str]:
    """An LLM-mode assistant over the mini feed plus the hostile paper; the fake model answers
    ``model_text(tracker_url)``. Returns it with the tracker URL, which nothing may ever fetch."""
    from tests.conftest import MINI_FEED
    from tests.fake_llm import Reply

    tracker = fake_llm.base_url.replace("/v1", "/pixel.png")
    fake_llm.reply = lambda request: Reply(text=model_text(tracker))
    llm = Assistant(settings.with_overrides(llm_base_url=fake_llm.base_url, llm_model="fake-model"))
    llm.ingest([MINI_FEED, hostile_paper(tmp_path / "hostile.jsonl", tracker)], progress=False)
    return llm, tracker


def hostile_paper(path: Path, tracker_url: str) -> Path:
    """A paper whose abstract carries markup that must stay inert: a script, an image, an HTML image."""
    abstract = (
        "Hostile markup quarantine evaluates inert rendering of untrusted abstracts. "
        "<script>window.pwned = 1</script> The quarantine keeps scripts as text. "
        f"![tracker]({tracker_url}) Images in abstracts must never be fetched. "
        f'<img src="{tracker_url}" onerror="window.pwned = 2"> HTML images stay text too.'
    )
    path.write_text(json.dumps({"title": "Hostile Markup Quarantine for Abstracts", "abstract": abstract}) + "\n")
    return path


def ask_in_page(page, question: str) -> None:
    page.fill("#question textarea", question)
    page.click("#ask")
