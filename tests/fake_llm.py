"""An in-process OpenAI-compatible HTTP server whose replies a test scripts.

It speaks the real wire format (JSON completions and server-sent-event streams), so the assistant
is exercised through the real ``openai`` client, timeouts and all.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "fake-model"


@dataclass
class Reply:
    text: str = ""
    status: int = 200
    hang: bool = False  # accept the request, then send nothing
    hang_for: float = 60.0  # seconds a hanging reply holds the connection
    delay: float = 0.0  # seconds between streamed chunks (or before a JSON reply)
    raw: bytes | None = None  # exact body (malformed replies)
    empty_choices_first: bool = False  # a stream chunk with "choices": [] before the text


@dataclass
class FakeLLM:
    reply: Callable[[dict], Reply] = lambda request: Reply(text="A fact [1].")
    models: tuple[str, ...] = (MODEL,)  # the model names the server knows (an unknown one is a 404)
    requests: list[dict] = field(default_factory=list)
    gets: list[str] = field(default_factory=list)  # paths fetched with GET (models list, stray images)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> "FakeLLM":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                fake.gets.append(self.path)
                if self.path.rstrip("/").endswith("/models"):
                    body = {"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "test"}
                                                       for m in fake.models]}
                    self._send(200, json.dumps(body).encode())
                else:
                    self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(request)
                if request.get("model") not in fake.models:
                    error = {"error": {"message": f"The model `{request.get('model')}` does not exist.",
                                       "type": "invalid_request_error", "code": "model_not_found"}}
                    self._send(404, json.dumps(error).encode())
                    return
                reply = fake.reply(request)
                if reply.hang:
                    fake._stop.wait(reply.hang_for)
                    return
                if reply.status != 200:  # a scripted failure, or a server's own error body (reply.raw)
                    error = {"error": {"message": "scripted failure", "type": "server_error"}}
                    self._send(reply.status, reply.raw if reply.raw is not None else json.dumps(error).encode())
                    return
                if reply.raw is not None:
                    content_type = "text/event-stream" if request.get("stream") else "application/json"
                    self._send(200, reply.raw, content_type)
                    return
                if request.get("stream"):
                    self._stream(request, reply)
                else:
                    time.sleep(reply.delay)
                    self._send(200, json.dumps(_completion(request, reply.text)).encode())

            def _stream(self, request: dict, reply: Reply) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                events = []
                if reply.empty_choices_first:
                    events.append({"id": "x", "object": "chat.completion.chunk", "created": 0, "model": MODEL, "choices": []})
                events += [_chunk(piece) for piece in _pieces(reply.text)]
                events.append(_chunk(None, finish="stop"))
                try:
                    for event in events:
                        if fake._stop.is_set():
                            return
                        self._write_chunk(f"data: {json.dumps(event)}\n\n".encode())
                        time.sleep(reply.delay)
                    self._write_chunk(b"data: [DONE]\n\n")
                    self._write_chunk(b"")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: that is what deadline tests expect

            def _write_chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def stop(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # a client hanging up is normal here


def _pieces(text: str) -> list[str]:
    """Split like a tokenizer would: markers often arrive cut in two."""
    pieces, current = [], ""
    for char in text:
        current += char
        if char in " [" or len(current) >= 4:
            pieces.append(current)
            current = ""
    return pieces + ([current] if current else [])


def _chunk(content: str | None, finish: str | None = None) -> dict:
    delta = {"content": content} if content is not None else {}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": MODEL,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _completion(request: dict, text: str) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", MODEL),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def scripted(records) -> Callable[[dict], Reply]:
    """A reply function that answers each question with its record's ``script``, written the way
    ``evals/make_claims.py`` writes it: ``{cite:TITLE}`` becomes the number TITLE has in this prompt,
    ``{cite-other:TITLE}`` the number of another source."""
    import re

    scripts = {r.question: r.script for r in records}

    def reply(request: dict) -> Reply:
        prompt = request["messages"][-1]["content"]
        question = prompt.rsplit("Question:", 1)[-1].split("\n", 1)[0].strip()
        numbers = {title.strip(): int(n) for n, title in re.findall(r'<source id="(\d+)">\s*Title: (.*)', prompt)}

        def cite(match: re.Match) -> str:
            kind, title = match.group(1), match.group(2)
            if kind == "cite":
                return f"[{numbers.get(title, 99)}]"
            return f"[{next((n for t, n in numbers.items() if t != title), 99)}]"

        return Reply(text=re.sub(r"\s*\{(cite|cite-other):([^}]*)\}", lambda m: " " + cite(m),
                                 scripts.get(question, "No script for this question.")))

    return reply
