"""Small ASGI helpers shared by the HTTP endpoints in front of Reflex. No Reflex import."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def headers_of(scope: Scope) -> dict[str, str]:
    """The request's headers, names in lower case."""
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def cookie(headers: dict[str, str], name: str) -> str | None:
    """One cookie of the request, or None."""
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is ignored, not an error
        return None
    return jar[name].value if name in jar else None


def media_type(headers: dict[str, str]) -> str:
    """The request's content type without its parameters, in lower case."""
    return headers.get("content-type", "").split(";")[0].strip().lower()


async def respond(send: Send, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
    """A whole response in one body message."""
    encoded = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    encoded.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": encoded})
    await send({"type": "http.response.body", "body": body})


async def answer(
    send: Send,
    status: int,
    error: str | None,
    extra: list[tuple[str, str]] | None = None,
    **fields: Any,
) -> None:
    """A JSON answer to a write: ``{"ok": true, ...}`` or ``{"ok": false, "error": <code>, ...}``."""
    payload: dict[str, Any] = {"ok": True} if error is None else {"ok": False, "error": error}
    payload.update(fields)
    headers = [("content-type", "application/json"), ("cache-control", "no-store"), *(extra or [])]
    await respond(send, status, json.dumps(payload).encode(), headers)


async def read_body(receive: Receive, headers: dict[str, str], limit: int) -> bytes | None:
    """The request body, or None when it is (or says it is) over ``limit`` bytes, or the client
    went away before sending all of it (a cut-off file must never be imported)."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += bytes(message.get("body", b""))
        if len(body) > limit:
            return None
        if not message.get("more_body", False):
            return body
