"""The official MCP Inspector's CLI (``@modelcontextprotocol/inspector`` from npm, the TypeScript
SDK's client, as Claude Desktop, Cursor and VS Code use it), installed by ``make inspector``."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import PROJECT

INSPECTOR = PROJECT / ".cache" / "inspector" / "node_modules" / ".bin" / "mcp-inspector"


def inspector(*args: str, timeout: float = 120) -> dict:
    """Run ``mcp-inspector --cli ARGS`` and return the JSON it prints; fail with its output if it fails."""
    assert INSPECTOR.exists(), f"{INSPECTOR} is missing: `make inspector` installs it (npm)"
    done = subprocess.run([str(INSPECTOR), "--cli", *args], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"inspector {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout)
