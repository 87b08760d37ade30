"""A reverse proxy that lets a request through to a Chroma server only with the right bearer token,
as a lab puts one in front of ``chroma run`` (Chroma 1.x's own server has no sign-in of its own:
chroma-core/chroma#4965). It records the Authorization headers it saw."""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class TokenProxy:
    def __init__(self, upstream_port: int, token: str) -> None:
        self.seen: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                authorization = self.headers.get("Authorization", "")
                proxy.seen.append(authorization)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if authorization != f"Bearer {token}":
                    self.send_response(401)
                    self.send_header("Content-Type", "application/json")
                    message = b'{"error": "Unauthorized"}'
                    self.send_header("Content-Length", str(len(message)))
                    self.end_headers()
                    self.wfile.write(message)
                    return
                upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization")}
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                response = upstream.getresponse()
                data = response.read()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
