"""A local stand-in for arXiv's OAI-PMH endpoint, replaying ``tests/fixtures/arxiv_api`` (responses
in arXiv's documented format; the fixture README gives each file's source) by the request's query.

``fail_first`` answers the first request with the recorded 503 (Retry-After 10); ``broken``
answers a resumption-token request with HTTP 500, as if the connection died between two pages.
Every request's query is kept in ``requests``.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ARXIV = Path(__file__).parent / "fixtures" / "arxiv_api"
PAGE1_TOKEN = ("verb%3DListRecords%26metadataPrefix%3DarXiv%26from%3D2024-12-04%26set%3Dcs%253Acs%253ALG"
               "%26skip%3D1")
# A malformed record: the second page's first paper without its abstract (skipped and counted).
MALFORMED_ID = "2412.03010"


def _page2_with_a_malformed_record() -> bytes:
    text = (ARXIV / "oai-listrecords-page2.xml").read_text(encoding="utf-8")
    start = text.index(f"<id>{MALFORMED_ID}</id>")
    opening = text.index("<abstract>", start)
    closing = text.index("</abstract>", opening) + len("</abstract>")
    return (text[:opening] + text[closing:]).encode()


class ArxivServer:
    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        self.fail_first = False
        self.broken = False
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                server.requests.append(query)
                status, headers, body = server.answer(query)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/oai"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if self.fail_first and len(self.requests) == 1:
            return _raw(ARXIV / "503-retry-after.txt")
        xml = {"Content-Type": "text/xml; charset=utf-8"}
        if query.get("verb") != "ListRecords":
            return 400, xml, b"<error/>"
        if "resumptionToken" in query:
            if self.broken:
                return 500, xml, b"Internal Server Error"
            if query["resumptionToken"] == PAGE1_TOKEN:  # sent back as the XML gave it
                return 200, xml, _page2_with_a_malformed_record()
            return 200, xml, (ARXIV / "oai-bad-resumption-token.xml").read_bytes()
        if query.get("set") != "cs:cs:LG" or query.get("metadataPrefix") != "arXiv":
            return 200, xml, (ARXIV / "oai-no-records.xml").read_bytes()
        if query.get("from", "") >= "2024-12-10":  # the day the recorded run ended: nothing new since
            return 200, xml, (ARXIV / "oai-no-records.xml").read_bytes()
        return 200, xml, (ARXIV / "oai-listrecords-page1.xml").read_bytes()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _raw(path: Path) -> tuple[int, dict[str, str], bytes]:
    """A recorded raw HTTP response: status line, headers, a blank line, the body."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    status_line, *header_lines = head.splitlines()
    headers = dict(line.split(": ", 1) for line in header_lines if not line.lower().startswith("date:"))
    return int(status_line.split()[1]), headers, body.encode()
