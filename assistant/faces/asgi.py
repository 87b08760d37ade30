"""What the chat app's web server does before Gradio sees a request.

``/gradio_api/mcp`` and ``/gradio_api/mcp/`` are both the MCP endpoint. Gradio mounts its MCP server
at the path with the slash, and Starlette answers the other with a redirect, which not every MCP
client follows for a POST (the issue that brought this: the TypeScript SDK's clients saw
``{"detail":"Not Found"}`` at one of the two). The path without the slash is served as the other,
with no redirect.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

MCP_PATH = "/gradio_api/mcp"


class McpPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].endswith(MCP_PATH):
            scope = {**scope, "path": scope["path"] + "/"}
            if scope.get("raw_path"):
                scope["raw_path"] = scope["raw_path"] + b"/"
        await self.app(scope, receive, send)
