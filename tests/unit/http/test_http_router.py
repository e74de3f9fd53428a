"""The router in front of Reflex (rxapp.http.app): what it leaves to Reflex, the prerendered
pages' clean URLs and cache headers, and the installable app's two files."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from starlette.types import Message

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
    sent: list[Message] = []

    async def send(message: Message) -> None:
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
    """The export has es/need/food/index.html: the page itself, not Reflex's 307 to the slashed URL."""
    (tmp_path / "es" / "need" / "food").mkdir(parents=True)
    (tmp_path / "es" / "need" / "food" / "index.html").write_text("<html></html>")
    reflex = Reflex()
    status, _, body = call(PasoFront(reflex, Settings(), tmp_path), "/es/need/food")
    assert (status, body, reflex.paths) == (200, b"<html></html>", [])


def test_the_pages_come_from_reflexs_web_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server whose build is elsewhere (REFLEX_WEB_WORKDIR, as the HTTPS test's) serves that
    build's pages, not the checkout's .web (whose scripts it does not have: 404s)."""
    built = tmp_path / "web" / "build" / "client"
    (built / "es").mkdir(parents=True)
    (built / "es" / "index.html").write_text("<html>its own build</html>")
    monkeypatch.setenv("REFLEX_WEB_WORKDIR", str(tmp_path / "web"))
    status, _, body = call(PasoFront(Reflex(), Settings()), "/es")
    assert (status, body) == (200, b"<html>its own build</html>")


PAGE = b"<html><head><script>var a=1;</script><script src='/assets/x.js'></script></head></html>"


def _page(tmp_path: Path) -> PasoFront:
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "index.html").write_bytes(PAGE)
    return PasoFront(Reflex(), Settings(), tmp_path)


def _ask(front: PasoFront, path: str, headers: dict[str, str], method: str = "GET") -> Answer:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": raw}
    aio.run(front(scope, receive, send))
    return sent[0]["status"], {k.decode(): v.decode() for k, v in sent[0]["headers"]}, sent[1]["body"]


def test_a_page_is_served_from_memory_with_its_own_policy(tmp_path: Path) -> None:
    """Bug (issue 17): every page went through Reflex's static server, a realpath, two thread
    hops, a gzip decompression and the policy's hashes: the home at 0.12x Caddy's rate."""
    front = _page(tmp_path)
    status, headers, body = _ask(front, "/es/", {"Accept-Encoding": "gzip, br"})
    assert status == 200 and gzip.decompress(body) == PAGE and headers["content-encoding"] == "gzip"
    digest = base64.b64encode(hashlib.sha256(b"var a=1;").digest()).decode()
    assert f"'sha256-{digest}'" in headers["content-security-policy"]
    assert headers["content-security-policy"].count("sha256-") == 1
    assert headers["x-frame-options"] == "DENY" and headers["content-type"].startswith("text/html")
    (tmp_path / "es" / "index.html").write_bytes(b"changed on disk")  # read once: a build is a restart
    assert _ask(front, "/es", {})[2] == PAGE


def test_a_page_answers_304_to_its_etag_and_head_without_a_body(tmp_path: Path) -> None:
    front = _page(tmp_path)
    _, headers, _ = _ask(front, "/es/", {})
    status, again, body = _ask(front, "/es/", {"If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"") and "sha256-" in again["content-security-policy"]
    status, head, body = _ask(front, "/es/", {}, method="HEAD")
    assert (status, body, head["content-length"]) == (200, b"", str(len(PAGE)))


@pytest.mark.parametrize("path", ["/es/../es/", "/fr/", "/es/index.html/"])
def test_only_pages_of_the_export_are_served_from_memory(tmp_path: Path, path: str) -> None:
    front = _page(tmp_path)
    assert _ask(front, path, {})[2] == b"reflex"


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
