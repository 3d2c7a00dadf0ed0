"""The web's guards round the app, as ASGI middleware: only the served host may be named in the
Host header (DNS rebinding), a question comes as JSON from the app's own origin (no other site's
form can ask one), no body beyond the cap (413), and every response forbids scripts but the app's
own (Content-Security-Policy) and tells the browser not to guess types or send referrers."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["MAX_BODY_BYTES", "SECURITY_HEADERS", "Guard", "allowed_hosts", "is_loopback"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest request body (a flown track of 200,000 points in CSV fits well inside).
MAX_BODY_BYTES = 20 * 1024 * 1024
SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers the server answers: its own address (and localhost on the loopback) with
    its port. Bound to every address, any IP address of this machine is taken (a name is not:
    a rebinding attacker's name is how the attack works)."""
    names = {host, "localhost", "127.0.0.1", "[::1]"} if is_loopback(host) else {host}
    return frozenset(f"{name}:{port}" for name in names)


def is_loopback(host: str) -> bool:
    """Whether `host` (an address, bracketed or not, or a name) is this machine only."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def _any_address(host: str) -> bool:
    return host in ("0.0.0.0", "::", "[::]")


def _ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.rpartition(":")[0].strip("[]"))
    except ValueError:
        return False
    return True


class Guard:
    """The guards, round `app`, for the server at `host`:`port`."""

    def __init__(self, app: ASGIApp, *, host: str, port: int) -> None:
        self.app, self.host, self.port = app, host, port
        self.hosts = allowed_hosts(host, port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.lower(): value for key, value in scope.get("headers", [])}
        problem = self._refused(scope, headers)
        if problem is not None:
            status, message = problem
            await _error(send, status, message)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, _capped(receive), secured)

    def _refused(self, scope: Scope, headers: dict[bytes, bytes]) -> tuple[int, str] | None:
        host = headers.get(b"host", b"").decode("latin-1").lower()
        served = host in self.hosts or (
            _any_address(self.host) and _ip_literal(host) and host.endswith(f":{self.port}")
        )
        if not served:
            return 421, f"this server answers to {sorted(self.hosts)[0]}, not {host[:80]!r}"
        if scope["method"] == "POST":
            origin = headers.get(b"origin")
            if origin is not None and origin.decode("latin-1").lower() != f"http://{host}":
                return 403, "questions come from the explorer's own page"
            kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            if kind != b"application/json":
                return 415, "send the question as application/json"
            length = headers.get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
                return 413, f"the body is over {MAX_BODY_BYTES // (1024 * 1024)} MB"
        return None


class BodyTooLargeError(Exception):
    """A body streamed past the cap (one that said no length, or lied about it)."""


def _capped(receive: Receive) -> Receive:
    """`receive`, refusing a body beyond MAX_BODY_BYTES however it is sent."""
    seen = 0

    async def capped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise BodyTooLargeError
        return message

    return capped


async def _error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
