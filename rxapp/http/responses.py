"""The answers Paso's endpoints share: JSON outcomes and errors, bounded bodies, endpoints that
word their own 405."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, Mapping
from contextlib import aclosing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

NO_STORE = "no-store"
Body = TypeVar("Body", bound=BaseModel)


def answer(
    status: int, error: str | None, headers: Mapping[str, str] | None = None, **fields: Any
) -> Response:
    """A JSON answer to a write: ``{"ok": true, ...}`` or ``{"ok": false, "error": <code>, ...}``."""
    payload: dict[str, Any] = {"ok": True} if error is None else {"ok": False, "error": error}
    payload.update(fields)
    return Response(
        json.dumps(payload).encode(),
        status,
        {"cache-control": NO_STORE, **(headers or {})},
        media_type="application/json",
    )


def json_error(status: int, message: str) -> Response:
    """A read's error: ``{"error": message}``, kept by no cache."""
    body = json.dumps({"error": message}).encode()
    return Response(body, status, {"cache-control": NO_STORE}, media_type="application/json")


def media_type(request: Request) -> str:
    """The request's content type without its parameters, in lower case."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The request body, or None when it is (or says it is) over ``limit`` bytes, or the client
    went away before sending all of it (a cut-off file must never be imported)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    try:
        async with aclosing(request.stream()) as chunks:
            async for chunk in chunks:
                body += chunk
                if len(body) > limit:  # stop reading: the rest is never buffered
                    return None
    except ClientDisconnect:
        return None
    return bytes(body)


class AnyMethod:
    """An endpoint that takes every method and answers a wrong one itself, in JSON.

    A Starlette ``Route(methods=[...])`` would pass other methods on to Reflex's catch-all
    mount (a page, or its "not found"), where a client of these endpoints expects its 405.
    """

    def __init__(self, handler: Callable[[Request], Awaitable[Response]]) -> None:
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.handler(Request(scope, receive))
        await response(scope, receive, send)


def method_not_allowed(allow: str) -> Response:
    """The 405 of a write endpoint, naming the methods it takes."""
    return answer(405, "method_not_allowed", {"allow": allow})


async def json_post(
    request: Request, model: type[Body], *, origins: Collection[str], limit: int
) -> Body | Response:
    """The validated JSON body of a same-origin POST, or the answer refusing it: 405 (another
    method), 403 (another site's page), 415 (not JSON: an HTML form cannot send it cross-site),
    413 (over ``limit`` bytes), 400 (not what ``model`` takes)."""
    if request.method != "POST":
        return method_not_allowed("POST")
    origin = request.headers.get("origin")
    if origin is not None and origin not in origins:
        return answer(403, "forbidden_origin")
    if media_type(request) != "application/json":
        return answer(415, "unsupported_media_type")
    body = await read_limited(request, limit)
    if body is None:
        return answer(413, "too_large")
    try:
        return model.model_validate_json(body)
    except ValidationError:
        return answer(400, "invalid")
