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
from starlette.types import ASGIApp, Receive, Scope, Send

from rxapp.http import headers, qr
from rxapp.http.alerts import AlertFeeds
from rxapp.http.content import ContentFiles
from rxapp.http.desk_session import DeskSessions
from rxapp.http.hsds import HsdsApi
from rxapp.http.me import Personal
from rxapp.http.pwa import InstallableApp
from rxapp.http.redirects import language_routes
from rxapp.http.report import Reports
from rxapp.http.snapshot import Directory
from rxapp.http.static import PrerenderedPages
from rxapp.reflex_compat import web_build_dir
from rxapp.settings import Settings


class PasoFront:
    """Paso's endpoints in front of Reflex's ASGI app; everything they do not answer passes through."""

    def __init__(self, app: ASGIApp, settings: Settings, built: Path | None = None) -> None:
        built = web_build_dir() if built is None else built
        endpoints: list[BaseRoute] = [
            *Reports(settings).routes(),
            *Personal(settings).routes(),
            *ContentFiles(settings).routes(),
            *DeskSessions(settings).routes(),
            *language_routes(settings),
            *InstallableApp(settings.locales, built).routes(),
            *qr.routes(),
            *Directory(settings).routes(),
            *AlertFeeds(settings).routes(),
            *HsdsApi(settings).routes(),
        ]
        # Last, and matching every path and method: a request no endpoint takes (a page, the
        # websocket, a POST to /sw.js) reaches Reflex unchanged.
        self.router = Router([*endpoints, Mount("", app=PrerenderedPages(app, built, settings))])
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":  # the policy, no framing, nosniff, Referrer-Policy, HSTS
            send = headers.secured(send, self.settings)
        await self.router(scope, receive, send)


def api_transformer(settings: Settings) -> Callable[[ASGIApp], ASGIApp]:
    """The ``api_transformer`` for ``rx.App``."""

    def transform(app: ASGIApp) -> ASGIApp:
        return PasoFront(app, settings)

    return transform
