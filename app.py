"""The chat web UI: ``python app.py`` (or ``make run``) serves it at http://127.0.0.1:7860.

The page is served first; the index is opened in the background (and, on a fresh machine, the
bundled corpus ingested, with a progress bar here and a status line in the page). An index that
cannot be opened (a Chroma server that does not answer, ...) stops the app with a message.
"""

from __future__ import annotations

import sys

from assistant import startup
from assistant.errors import AssistantError


def main() -> int:
    startup.pause_collector(freeze_on_resume=True)  # until the answering side is open (ChatApp resumes it)
    from assistant.settings import load_settings

    try:
        settings = load_settings()
        settings.effective_mode  # a contradictory setting stops here, before anything is served
        startup.preload_encoder(settings)  # its session builds on a thread while gradio imports
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from assistant.faces.ui import ChatApp

    app = ChatApp(settings=settings)
    loading = app.start_indexing()
    demo = app.build()
    print(f"Research assistant: http://{settings.host}:{settings.port}", flush=True)
    app.launch(demo, prevent_thread_lock=True)
    if loading is not None:
        loading.join()
    if app.load_error is not None:
        print(f"error: {app.load_error}", file=sys.stderr)
        demo.close()
        return 1
    demo.block_thread()
    return 0


if __name__ == "__main__":
    sys.exit(main())
