"""Who may use the app, and how often: sign-in on every route, and questions a minute per user.

Sign-in is HTTP Basic on every request, checked before Gradio sees it (``Guard``, ASGI middleware):
the page, the Gradio API (``/gradio_api/…``, which ``gradio_client`` and the page's own calls use),
file downloads and the MCP endpoint alike, so no route can be forgotten. Browsers ask for the user
name and password once and send them with every request after; ``gradio_client`` sends them with
``headers``, MCP clients with ``Authorization: Basic …`` or, with ``ASSISTANT_MCP_TOKEN``, a bearer
token (the header every MCP client can set). Passwords are kept only as bcrypt hashes: the users of
``ASSISTANT_AUTH_FILE`` are written that way (``assistant passwd USER``), and the password of
``ASSISTANT_AUTH`` is hashed when the app starts. A header that checked out once is remembered (as
its SHA-256), so bcrypt's deliberate slowness is paid once per user, not per request.

Bound to anything but a loopback address, the app refuses to start without credentials.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import threading
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

import bcrypt

from ..errors import QuestionError, SettingsError

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

    from ..settings import Settings

REALM = "Research assistant"
MCP_PREFIX = "/gradio_api/mcp"
# Gradio calls this one itself, from the same machine, as it starts (it runs the app's load events and
# returns no data); without it the server will not start behind sign-in.
_SELF_CALL = "/gradio_api/startup-events"


class RateLimited(QuestionError):
    """More questions in the last minute than ``ASSISTANT_RATE_LIMIT`` allows."""


class Accounts:
    def __init__(self, hashes: dict[str, bytes], token: str | None = None) -> None:
        self._hashes = hashes
        self._token = hashlib.sha256(token.encode()).digest() if token else None
        self._known: dict[bytes, str] = {}  # SHA-256 of an Authorization header that checked out -> user

    @classmethod
    def of(cls, settings: Settings) -> Accounts | None:
        """The accounts the settings give, or None when the app is open to all who reach it."""
        hashes: dict[str, bytes] = {}
        if settings.auth_file is not None:
            hashes.update(read_auth_file(Path(settings.auth_file)))
        if settings.auth is not None:
            for pair in settings.auth.get_secret_value().split(","):
                user, colon, password = pair.strip().partition(":")
                if not (user and colon and password):
                    raise SettingsError("ASSISTANT_AUTH must be user:password (several separated by commas)")
                hashes[user] = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
        token = settings.mcp_token.get_secret_value() if settings.mcp_token else None
        return cls(hashes, token) if hashes or token else None

    def user(self, authorization: str, path: str) -> str | None:
        """The user an ``Authorization`` header signs in, or None."""
        digest = hashlib.sha256(authorization.encode()).digest()
        if digest in self._known:
            return self._known[digest]
        scheme, _, value = authorization.partition(" ")
        user = None
        if scheme.lower() == "basic":
            try:
                name, _, password = base64.b64decode(value, validate=True).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return None
            stored = self._hashes.get(name)
            if stored is not None and bcrypt.checkpw(password.encode(), stored):
                user = name
        elif scheme.lower() == "bearer" and self._token is not None and path.startswith(MCP_PREFIX):
            if hashlib.sha256(value.strip().encode()).digest() == self._token:
                return "mcp-token"  # not remembered: it is valid on the MCP route only
        if user is not None:
            self._known[digest] = user
        return user


def read_auth_file(path: Path) -> dict[str, bytes]:
    """``user:bcrypt-hash`` a line; blank lines and ``#`` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SettingsError(f"cannot read ASSISTANT_AUTH_FILE {path}: {exc.strerror}") from None
    hashes = {}
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, _, hashed = line.partition(":")
        if not user or not hashed.startswith(("$2a$", "$2b$", "$2y$")):
            raise SettingsError(f"{path}, line {number}: expected user:bcrypt-hash (`assistant passwd USER` "
                                "writes one); a password is never stored in clear")
        hashes[user] = hashed.encode()
    return hashes


def hash_line(user: str, password: str) -> str:
    """A line of ``ASSISTANT_AUTH_FILE``."""
    return f"{user}:{bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()}"


def check_exposure(settings: Settings) -> None:
    """Serving beyond this machine without sign-in is refused, with the way to set it."""
    if settings.auth is None and settings.auth_file is None and not is_loopback(settings.host):
        raise SettingsError(
            f"ASSISTANT_HOST={settings.host} serves other machines, so sign-in is required: set "
            "ASSISTANT_AUTH=user:password or ASSISTANT_AUTH_FILE=FILE (lines from `assistant passwd USER`)")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Guard:
    """ASGI middleware: every HTTP and WebSocket request signs in, or gets 401 and nothing else."""

    def __init__(self, app: ASGIApp, accounts: Accounts) -> None:
        self.app = app
        self.accounts = accounts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        user = self.accounts.user(authorization, scope["path"]) if authorization else None
        client = (scope.get("client") or ("", 0))[0]
        if user is None and scope["path"] == _SELF_CALL and is_loopback(client):
            user = "gradio"
        if user is not None:
            scope.setdefault("state", {})["user"] = user
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            body = b"Sign in: this research assistant needs a user name and password.\n"
            await send({"type": "http.response.start", "status": 401, "headers": [
                (b"www-authenticate", f'Basic realm="{REALM}", charset="UTF-8"'.encode()),
                (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


def client_of(request) -> str:
    """Who asks, for the rate limit: the signed-in user, else the client's address."""
    if request is None:
        return "local"
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "basic":
        try:
            return "user:" + base64.b64decode(value).decode().partition(":")[0]
        except (binascii.Error, UnicodeDecodeError):
            pass
    elif scheme.lower() == "bearer":
        return "mcp-token"
    client = getattr(request, "client", None)
    return "address:" + (getattr(client, "host", None) or "unknown")


class RateLimit:
    """At most ``per_minute`` questions in any 60 s per client (0: no limit), across chat, API and MCP."""

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._asked: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def admit(self, client: str) -> None:
        if self.per_minute <= 0:
            return
        now = self.clock()
        with self._lock:
            asked = self._asked.setdefault(client, deque())
            while asked and now - asked[0] >= 60:
                asked.popleft()
            if len(asked) >= self.per_minute:
                wait = int(60 - (now - asked[0])) + 1
                raise RateLimited(f"You have asked {len(asked)} questions in the last minute, the most this server "
                                  f"allows (ASSISTANT_RATE_LIMIT); please ask again in {wait} s.")
            asked.append(now)
