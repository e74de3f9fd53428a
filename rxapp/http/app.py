"""Paso's HTTP front: the endpoints on one Starlette router, Reflex mounted behind them for
everything else, and the headers every response carries.

``rx.App(api_transformer=...)`` also takes a Starlette app and mounts Reflex in it itself; the
transformer form is used because the prerendered pages' layer (rxapp.http.static) has to wrap
Reflex's app, and a bare Router puts no error pages or exception middleware of its own in front
of Reflex's (Reflex's outer app already adds CORS and its lifespan).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from starlette.routing import BaseRoute, Mount, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rxapp.http import qr
from rxapp.http.content import ContentFiles
from rxapp.http.desk_session import DeskSessions
from rxapp.http.pwa import InstallableApp
from rxapp.http.redirects import language_routes
from rxapp.http.report import Reports
from rxapp.http.snapshot import Directory
from rxapp.http.static import PrerenderedPages
from rxapp.settings import Settings

BUILD_DIR = Path(__file__).resolve().parents[2] / ".web" / "build" / "client"
# On every response: never inside another site's frame; a file is what its type says (no
# sniffing a .po or JSON into a page); a link followed out of Paso does not carry the page's
# address (a desk URL, a service's slug) to another site (issue 16). Same-origin requests keep
# their Referer. The full CSP is not set yet: which script-src Reflex's pages need is measured first.
NOT_FRAMED = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


class PasoFront:
    """Paso's endpoints in front of Reflex's ASGI app; everything they do not answer passes through."""

    def __init__(self, app: ASGIApp, settings: Settings, build_dir: Path = BUILD_DIR) -> None:
        endpoints: list[BaseRoute] = [
            *Reports(settings).routes(),
            *ContentFiles(settings).routes(),
            *DeskSessions(settings).routes(),
            *language_routes(settings),
            *InstallableApp(settings.locales, build_dir).routes(),
            *qr.routes(),
            *Directory(settings).routes(),
        ]
        # Last, and matching every path and method: a request no endpoint takes (a page, the
        # websocket, a POST to /sw.js) reaches Reflex unchanged.
        self.router = Router([*endpoints, Mount("", app=PrerenderedPages(app, build_dir))])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            send = _not_framed(send)
        await self.router(scope, receive, send)


def _not_framed(send: Send) -> Send:
    """No page of Paso may be shown inside another site's frame (one-tap desk buttons)."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *NOT_FRAMED]
        await send(message)

    return wrapped


def api_transformer(settings: Settings) -> Callable[[ASGIApp], ASGIApp]:
    """The ``api_transformer`` for ``rx.App``."""

    def transform(app: ASGIApp) -> ASGIApp:
        return PasoFront(app, settings)

    return transform
