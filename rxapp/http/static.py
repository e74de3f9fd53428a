"""The prerendered pages and their assets, served by Reflex from the build: clean per-locale
URLs and long-lived caching for files named by their content."""

from __future__ import annotations

from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"


class PrerenderedPages:
    """Wraps Reflex's app for the GET and HEAD requests no endpoint answered."""

    def __init__(self, app: ASGIApp, build_dir: Path) -> None:
        self.app = app
        self.build_dir = build_dir

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/assets/"):  # hashed file names: a new build is new names
            await self.app(scope, receive, _cached_forever(send))
            return
        # "/es/need/food" is a folder with index.html in the export; answer it directly
        # instead of the static server's 307 to "/es/need/food/".
        if not path.endswith("/") and (self.build_dir / path.lstrip("/") / "index.html").is_file():
            scope = dict(scope, path=path + "/", raw_path=(path + "/").encode())
        await self.app(scope, receive, send)


def _cached_forever(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start" and message.get("status") == 200:
            message["headers"] = [*message.get("headers", []), (b"cache-control", IMMUTABLE.encode())]
        await send(message)

    return wrapped
