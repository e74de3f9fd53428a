"""``/api/alerts/<locale>/feed.json`` and ``feed.atom``: the alerts showing now, for partners
(JSON Feed 1.1, Atom 1.0), revalidated like the directory's index (ETag, ``no-cache``, gzip)."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.http import deps
from rxapp.http.responses import json_error
from rxapp.models import utcnow
from rxapp.services import alerts
from rxapp.services.alerts.feeds import atom_feed, json_feed
from rxapp.services.clock import as_utc
from rxapp.services.db import DatabaseNotReadyError, check_schema
from rxapp.services.snapshot.contents import head
from rxapp.services.snapshot.documents import digest, dumps
from rxapp.settings import Settings

TYPES = {"json": "application/feed+json; charset=utf-8", "atom": "application/atom+xml; charset=utf-8"}


class AlertFeeds:
    """The two feeds of every served locale."""

    def __init__(self, settings: Settings, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.settings = settings
        self.clock = clock

    def routes(self) -> list[Route]:
        """One route per format."""
        return [
            Route(routes.ALERT_FEED_JSON.replace("{locale}", "{locale:locale}"), self.json),
            Route(routes.ALERT_FEED_ATOM.replace("{locale}", "{locale:locale}"), self.atom),
        ]

    async def json(self, request: Request) -> Response:
        """The JSON Feed."""
        return await self._answer(request, "json")

    async def atom(self, request: Request) -> Response:
        """The Atom feed."""
        return await self._answer(request, "atom")

    def _body(self, locale: str, kind: str) -> bytes:
        engine = deps.engine()
        check_schema(engine)
        now = self.clock()
        with deps.session() as session:
            changed = head(session)[1]
            showing = alerts.current(session=session, locale=locale, now=now)
        updated = max(
            [as_utc(dt.datetime.fromisoformat(changed)) if changed else now, *(a.updated for a in showing)]
        )
        base = self.settings.public_url
        if kind == "json":
            return dumps(json_feed(showing, locale=locale, base_url=base, updated=updated))
        return atom_feed(showing, locale=locale, base_url=base, updated=updated)

    async def _answer(self, request: Request, kind: str) -> Response:
        locale: str = request.path_params["locale"]
        if locale not in self.settings.locales:
            return json_error(404, "unknown locale")
        try:
            body = await asyncio.to_thread(self._body, locale, kind)
        except DatabaseNotReadyError as error:
            return json_error(503, str(error))
        common = {"etag": f'"{digest(body)}"', "cache-control": "no-cache", "vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == common["etag"]:
            return Response(status_code=304, headers=common)
        if "gzip" in request.headers.get("accept-encoding", ""):
            body, common = gzip.compress(body, 6), {**common, "content-encoding": "gzip"}
        return Response(body if request.method == "GET" else b"", 200, common, media_type=TYPES[kind])
