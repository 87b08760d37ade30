"""The chat web UI: ``python app.py`` (or ``make run``) serves it at http://127.0.0.1:7860.

Two processes: this one serves the page, and a second one (``assistant/faces/answering.py``) opens
the index and answers. The second starts first, so that its imports (LlamaIndex, Chroma) run on the
other core while this one imports gradio. On a fresh machine the bundled corpus is ingested there,
with a progress bar here and a status line in the page. An index that cannot be opened (a Chroma
server that does not answer, ...) stops the app with a message.
"""

from __future__ import annotations

import signal
import sys

from assistant.faces import startup
from assistant.index import heap
from assistant.errors import AssistantError


def main() -> int:
    heap.one_arena_per_core()  # the answering process, forked below, keeps it
    startup.pause_collector(freeze_on_resume=True)  # until the page is served
    from assistant.faces import answering

    process = answering.start()  # first, while this process has one thread (it forks)
    from assistant.settings import load_settings

    try:
        settings = load_settings()
        settings.effective_mode  # a contradictory setting stops here, before anything is served
        startup.check_model(settings)  # likewise a model that is not there
        from assistant.faces import access

        access.check_exposure(settings)  # serving other machines needs sign-in
        access.Accounts.of(settings)  # and readable credentials
    except AssistantError as exc:
        process.shutdown()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    opening = process.opening(settings)
    from assistant.faces.ui import ChatApp

    app = ChatApp(settings=settings, opening=opening)
    loading = app.start_indexing()
    demo = app.build()
    print(f"Research assistant: http://{settings.host}:{settings.port}", flush=True)
    app.launch(demo, prevent_thread_lock=True)
    startup.resume_collector()
    # `kill` (a service manager stopping the app) ends it as Ctrl-C does: the server closes and the
    # answering process is shut down cleanly instead of finding itself orphaned.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        loading.join()  # the answering process opens (on a fresh machine, and ingests)
    except KeyboardInterrupt:
        demo.close()
        return 130
    if app.load_error is not None:
        print(f"error: {app.load_error}", file=sys.stderr)
        demo.close()
        return 1
    demo.block_thread()
    return 0


if __name__ == "__main__":
    sys.exit(main())
