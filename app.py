"""The chat web UI: ``python app.py`` (or ``make run``) serves it at http://127.0.0.1:7860.

On a fresh machine the bundled corpus is ingested on first start, with a progress bar here and a
status line in the page.
"""

from __future__ import annotations

import sys

from assistant.errors import AssistantError


def main() -> int:
    from assistant import Assistant
    from assistant.settings import load_settings
    from assistant.ui import ChatApp

    try:
        app = ChatApp(Assistant(load_settings()))
        app.start_indexing()
        demo = app.build()
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Research assistant: http://{app.settings.host}:{app.settings.port}", flush=True)
    app.launch(demo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
