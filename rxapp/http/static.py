"""The prerendered pages and their assets, served from the build: clean per-locale URLs,
pages from memory, long-lived caching for files named by their content."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rxapp.http.headers import CSP, inline_hashes, policy
from rxapp.settings import Settings

IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Page:
    """A prerendered page as it is served: its bytes, their gzip, its ETag and its policy."""

    body: bytes
    gzipped: bytes
    etag: bytes
    csp: bytes


class PrerenderedPages:
    """Wraps Reflex's app for the GET and HEAD requests no endpoint answered.

    A page of the export is read once and answered from memory: through Reflex's static
    server it cost a realpath, two thread hops, a gzip decompression and the policy's hashes
    on every request (bench/serving.py: the home at 0.12x Caddy's static rate). The build does
    not change under a running server (a new build is a restart).
    """

    def __init__(self, app: ASGIApp, build_dir: Path, settings: Settings | None = None) -> None:
        self.app = app
        self.build_dir = build_dir
        self.settings = settings or Settings()
        self._pages: dict[str, Page | None] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/assets/"):  # hashed file names: a new build is new names
            await self.app(scope, receive, _cached_forever(send))
            return
        # "/es/need/food" is a folder with index.html in the export: answered as "/es/need/food/"
        # instead of the static server's 307 to it.
        page = self._page(path if path.endswith("/") else path + "/")
        if page is None:
            await self.app(scope, receive, send)
            return
        await _answer(page, scope, send)

    def _page(self, path: str) -> Page | None:
        if path not in self._pages:
            if len(self._pages) > 4096:  # paths nobody has are remembered too: keep it bounded
                self._pages.clear()
            file = self.build_dir / path.strip("/") / "index.html"
            if ".." in path.split("/") or not file.is_file():
                self._pages[path] = None
            else:
                body = file.read_bytes()
                etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'.encode()
                csp = policy(self.settings, inline_hashes(body)).encode()
                self._pages[path] = Page(body, gzip.compress(body, 9), etag, csp)
        return self._pages[path]


async def _answer(page: Page, scope: Scope, send: Send) -> None:
    """200 (gzip when asked) or 304, with the page's own policy (``headers.secured`` adds the rest)."""
    asked = Headers(scope=scope)
    headers = [(b"etag", page.etag), (b"vary", b"Accept-Encoding"), (CSP, page.csp)]
    if asked.get("if-none-match") == page.etag.decode():
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    body = page.body
    if "gzip" in asked.get("accept-encoding", ""):
        body = page.gzipped
        headers.append((b"content-encoding", b"gzip"))
    headers += [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})


def _cached_forever(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start" and message.get("status") == 200:
            message["headers"] = [*message.get("headers", []), (b"cache-control", IMMUTABLE.encode())]
        await send(message)

    return wrapped
