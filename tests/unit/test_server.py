"""The ASGI layer in front of Reflex: snapshot parts, caching headers, a missing database."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from rxapp import server
from rxapp.settings import Settings
from tests import aio


async def _never(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the request should not reach Reflex")


def _get(
    front: server.PasoFront, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(k.encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    aio.run(front(scope, receive, send))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, sent[1]["body"]


def _front(monkeypatch: pytest.MonkeyPatch, engine: Engine) -> server.PasoFront:
    monkeypatch.setattr(server, "engine", lambda: engine)
    return server.PasoFront(_never, Settings(snapshot_part_size=8))


def test_index_then_parts_then_304(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine) -> None:
    front = _front(monkeypatch, sample_engine)
    status, headers, body = _get(front, "/api/directory/es/index.json")
    assert status == 200 and headers["cache-control"] == "no-cache"
    index = json.loads(body)
    status, headers, _ = _get(front, f"/api/directory/es/{index['details'][0]}.json")
    assert status == 200 and "immutable" in headers["cache-control"]
    assert (
        _get(front, f"/api/directory/es/{index['details'][0]}.json", {"if-none-match": headers["etag"]})[0]
        == 304
    )
    assert _get(front, "/api/directory/es/cards-9-abc.json")[0] == 404
    assert _get(front, "/api/directory/zz/index.json")[0] == 404


def test_gzip_when_asked(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine) -> None:
    front = _front(monkeypatch, sample_engine)
    _, headers, body = _get(front, "/api/directory/en/index.json", {"accept-encoding": "gzip, br"})
    assert headers["content-encoding"] == "gzip" and body[:2] == b"\x1f\x8b"


def test_missing_database_names_the_command(
    monkeypatch: pytest.MonkeyPatch, empty_file_engine: Engine
) -> None:
    front = _front(monkeypatch, empty_file_engine)
    status, _, body = _get(front, "/api/directory/es/index.json")
    assert status == 503
    assert "make migrate" in json.loads(body)["error"]


def test_qr_codes_are_svg_and_never_cached() -> None:
    front = server.PasoFront(_never, Settings())
    status, headers, body = _get(front, "/api/qr/MTZ-7K4Q.svg")
    assert status == 200
    assert headers["content-type"] == "image/svg+xml" and headers["cache-control"] == "no-store"
    assert body.startswith(b"<svg") and b"MTZ-7K4Q" in body


@pytest.mark.parametrize("path", ["/api/qr/MTZ.svg", "/api/qr/mtz-7k4q.svg", "/api/qr/MTZ-7K4Q-EXTRA1.svg"])
def test_qr_of_anything_but_a_code_is_refused(path: str) -> None:
    status, _, _ = _get(server.PasoFront(_never, Settings()), path)
    assert status == 404
