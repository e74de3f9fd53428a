"""Calling the HSDS read API through Paso's front, without a server."""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlencode

from rxapp.http.app import PasoFront
from tests.data import aio

Answer = tuple[int, dict[str, str], bytes]


def request(
    front: PasoFront, path: str, query: dict[str, Any] | None = None, *, method: str = "GET", **headers: str
) -> Answer:
    """One request: its status, headers and body."""
    sent: list[MutableMapping[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": urlencode(query or {}).encode(),
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }
    aio.run(front(scope, receive, send))
    body = sent[1]["body"] if len(sent) > 1 else b""
    return sent[0]["status"], {k.decode(): v.decode() for k, v in sent[0]["headers"]}, body


def get(front: PasoFront, path: str, **query: Any) -> Any:
    """The JSON of a GET that must succeed."""
    status, _, body = request(front, path, query)
    assert status == 200, body
    return json.loads(body)


def every(front: PasoFront, path: str, **query: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, page by page."""
    found: list[dict[str, Any]] = []
    page = 1
    while True:
        answer = get(front, path, page=page, per_page=100, **query)
        found += answer["contents"]
        if answer["last_page"]:
            return found
        page += 1
