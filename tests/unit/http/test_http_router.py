"""The router in front of Reflex (rxapp.http.app): what it leaves to Reflex, the prerendered
pages' clean URLs and cache headers, and the installable app's two files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rxapp.http.app import PasoFront
from rxapp.settings import Settings
from tests.data import aio

Answer = tuple[int, dict[str, str], bytes]


class Reflex:
    """Stands for Reflex's app: records the path it was asked for, answers ``status``."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.paths: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.paths.append(scope["path"])
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": self.status, "headers": []})
            await send({"type": "http.response.body", "body": b"reflex"})


def call(front: PasoFront, path: str, method: str = "GET", kind: str = "http") -> Answer:
    """One request with no body; the status, headers and body of the answer."""
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {"type": kind, "method": method, "path": path, "query_string": b"", "headers": []}
    aio.run(front(scope, receive, send))
    if not sent:
        return 0, {}, b""
    return sent[0]["status"], {k.decode(): v.decode() for k, v in sent[0]["headers"]}, sent[1]["body"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/sw.js"),  # an endpoint's path with a method it does not take
        ("PUT", "/"),
        ("GET", "/manifest/zz.webmanifest"),  # a locale this installation does not serve
        ("GET", "/api/directory/es/other.json"),  # no snapshot file has that name
        ("GET", "/api/desk/content"),  # the prefix without its slash
        ("GET", "/es/need/food"),
    ],
)
def test_what_no_endpoint_takes_reaches_reflex_unchanged(tmp_path: Path, method: str, path: str) -> None:
    reflex = Reflex()
    assert call(PasoFront(reflex, Settings(), tmp_path), path, method)[2] == b"reflex"
    assert reflex.paths == [path]


def test_the_websocket_reaches_reflex() -> None:
    reflex = Reflex()
    call(PasoFront(reflex, Settings()), "/_event/", kind="websocket")
    assert reflex.paths == ["/_event/"]


def test_a_prerendered_folder_is_answered_without_a_redirect(tmp_path: Path) -> None:
    """The export has es/need/food/index.html: Reflex's static server is asked for the folder
    itself, not left to answer 307 to the slashed URL."""
    (tmp_path / "es" / "need" / "food").mkdir(parents=True)
    (tmp_path / "es" / "need" / "food" / "index.html").write_text("<html></html>")
    reflex = Reflex()
    call(PasoFront(reflex, Settings(), tmp_path), "/es/need/food")
    assert reflex.paths == ["/es/need/food/"]


@pytest.mark.parametrize(
    ("status", "method", "cached"), [(200, "GET", True), (404, "GET", False), (200, "POST", False)]
)
def test_assets_are_immutable_when_found(tmp_path: Path, status: int, method: str, cached: bool) -> None:
    _, headers, _ = call(PasoFront(Reflex(status), Settings(), tmp_path), "/assets/app-3f2a.js", method)
    assert (headers.get("cache-control") == "public, max-age=31536000, immutable") is cached


def test_a_manifest_per_served_locale() -> None:
    status, headers, body = call(PasoFront(Reflex(), Settings()), "/manifest/ar.webmanifest")
    manifest = json.loads(body)
    assert status == 200 and headers["content-type"] == "application/manifest+json"
    assert (manifest["lang"], manifest["dir"], manifest["start_url"]) == ("ar", "rtl", "/ar")


def test_the_worker_is_versioned_and_revalidated(tmp_path: Path) -> None:
    status, headers, body = call(PasoFront(Reflex(), Settings(), tmp_path), "/sw.js")
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert headers["service-worker-allowed"] == "/"
    assert b"__VERSION__" not in body and b"__PUBLIC__" not in body
