"""The ASGI layer in front of Reflex (prod, one port): language redirect, the directory
snapshot with ETag, clean per-locale URLs and cache headers, the one public write that
needs no websocket (reports of wrong directory information) and the desk's content files
(``rxapp.content_api``). No Reflex import."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
import logging
import re
from collections.abc import Callable, MutableMapping
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import sqlalchemy as sa
from pydantic import ValidationError
from sqlmodel import Session

from rxapp import content_api, pwa, routes
from rxapp.asgi import (
    ASGIApp,
    Receive,
    Scope,
    Send,
    answer,
    cookie,
    headers_of,
    media_type,
    read_body,
    respond,
)
from rxapp.i18n.negotiate import negotiate
from rxapp.services import feedback
from rxapp.services.db import DatabaseNotReadyError, check_schema, engine
from rxapp.services.qr import qr_svg
from rxapp.services.ratelimit import RateLimitedError
from rxapp.services.search.online import SearchQuery
from rxapp.services.snapshot import SnapshotCache
from rxapp.settings import Settings

LOCALE_COOKIE = "paso_locale"
SNAPSHOT_PATH = re.compile(
    r"^/api/directory/([a-z]{2,3}(?:-[A-Za-z0-9]+)*)/(index|search|(?:cards|detail|keys|words)-\d+-[0-9a-f]+)\.json$"
)
QR_PATH = re.compile(r"^/api/qr/([A-Z0-9-]{6,16})\.svg$")
MANIFEST_PATH = re.compile(r"^/manifest/([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.webmanifest$")
BUILD_DIR = Path(__file__).resolve().parent.parent / ".web" / "build" / "client"
# Paths without a language, answered by a redirect to the same page in the reader's language
# (a tablet's bookmark or a typed "/desk" must not end on "page not found").
LANGUAGE_REDIRECTS = {"/": routes.HOME, "/desk": routes.DESK, "/desk/": routes.DESK}
REPORT_MAX_BYTES = 4096  # a report is a slug, a choice and 500 characters at most

log = logging.getLogger(__name__)


class PasoFront:
    """Wraps the Reflex ASGI app; everything it does not answer passes through."""

    def __init__(self, app: ASGIApp, settings: Settings, build_dir: Path = BUILD_DIR) -> None:
        self.app = app
        self.settings = settings
        self.build_dir = build_dir
        self.snapshots: SnapshotCache | None = None
        self._sw: bytes | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            send = _not_framed(send)
        if scope["type"] == "http" and scope["path"] == routes.REPORT:
            await self._report(scope, receive, send)
            return
        if scope["type"] == "http" and scope["path"].startswith(content_api.PREFIX):
            await content_api.handle(self.settings, scope, receive, send)
            return
        if scope["type"] != "http" or scope.get("method") not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path in LANGUAGE_REDIRECTS:
            await self._redirect_to_locale(scope, send, LANGUAGE_REDIRECTS[path])
            return
        if path == "/sw.js":
            await self._worker(send)
            return
        manifest = MANIFEST_PATH.match(path)
        if manifest and manifest.group(1) in self.settings.locales:
            await respond(
                send,
                200,
                pwa.manifest(manifest.group(1)),
                [("content-type", "application/manifest+json"), ("cache-control", "no-cache")],
            )
            return
        if path.startswith("/api/qr/"):
            qr = QR_PATH.match(path)
            await self._qr(send, qr.group(1) if qr else "")
            return
        found = SNAPSHOT_PATH.match(path)
        if found:
            await self._snapshot(scope, send, found.group(1), found.group(2))
            return
        if path.startswith("/assets/"):
            await self.app(
                scope,
                receive,
                _with_header(send, "cache-control", "public, max-age=31536000, immutable"),
            )
            return
        # "/es/need/food" is a folder with index.html in the export; answer it directly
        # instead of the static server's 307 to "/es/need/food/".
        if not path.endswith("/") and (self.build_dir / path.lstrip("/") / "index.html").is_file():
            scope = dict(scope, path=path + "/", raw_path=(path + "/").encode())
        await self.app(scope, receive, send)

    async def _redirect_to_locale(self, scope: Scope, send: Send, route: str) -> None:
        """To ``route`` in the reader's language: the saved choice, then Accept-Language."""
        headers = headers_of(scope)
        saved = cookie(headers, LOCALE_COOKIE)
        locale = negotiate(
            saved=saved,
            accept_language=headers.get("accept-language"),
            available=self.settings.locales,
            default=self.settings.default_locale,
        )
        await respond(
            send,
            302,
            b"",
            [
                ("location", route.format(locale=locale)),
                ("vary", "Accept-Language, Cookie"),
                ("cache-control", "no-store"),
            ],
        )

    async def _cache(self, send: Send) -> SnapshotCache | None:
        try:
            if self.snapshots is None:
                check_schema(engine())
                self.snapshots = SnapshotCache(
                    engine(), self.settings.timezone, self.settings.snapshot_part_size, self._yesterday
                )
        except DatabaseNotReadyError as error:
            self.snapshots = None  # look again on the next request, after `make migrate`
            await _json_error(send, 503, str(error))
        return self.snapshots

    async def _snapshot(self, scope: Scope, send: Send, locale: str, name: str) -> None:
        if locale not in self.settings.locales:
            await _json_error(send, 404, "unknown locale")
            return
        if name == "search":
            await self._search(scope, send, locale)
            return
        cache = await self._cache(send)
        if cache is None:
            return
        # Building reads the database and may take seconds: off the event loop.
        snapshot = await asyncio.to_thread(cache.get, locale)
        part = snapshot.index if name == "index" else snapshot.parts.get(name)
        if part is None:  # a part of an older revision: the browser reloads the index
            await _json_error(send, 404, "unknown part")
            return
        headers = headers_of(scope)
        # The index is revalidated every time; parts are named by their content: immutable.
        caching = "no-cache" if name == "index" else "public, max-age=31536000, immutable"
        common = [("etag", part.etag), ("cache-control", caching), ("vary", "Accept-Encoding")]
        if headers.get("if-none-match") == part.etag:
            await respond(send, 304, b"", common)
            return
        gzip_ok = "gzip" in headers.get("accept-encoding", "")
        body = part.gzipped if gzip_ok else part.body
        extra = [("content-encoding", "gzip")] if gzip_ok else []
        await respond(
            send,
            200,
            body if scope["method"] == "GET" else b"",
            [("content-type", "application/json; charset=utf-8"), *common, *extra],
        )

    async def _search(self, scope: Scope, send: Send, locale: str) -> None:
        """The online search: ranked as the browser ranks, for a phone that has not loaded
        the whole directory yet. Never cached (the query is the person's own words)."""
        cache = await self._cache(send)
        if cache is None:
            return
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        try:
            asked = SearchQuery.model_validate(dict(pairs))
        except ValidationError:
            await _json_error(send, 400, "invalid search")
            return
        now = dt.datetime.now(self.settings.tz).replace(tzinfo=None)
        online = await asyncio.to_thread(cache.online, locale)
        search = partial(
            online.search,
            asked.q,
            now,
            asked.n,
            free=asked.free,
            no_documents=asked.nodocs,
            open_now=asked.open,
        )
        result = await asyncio.to_thread(search)
        body = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
        headers = [("content-type", "application/json; charset=utf-8"), ("cache-control", "no-store")]
        if "gzip" in headers_of(scope).get("accept-encoding", ""):  # a slow network pays per byte
            body = gzip.compress(body, 6)
            headers += [("content-encoding", "gzip"), ("vary", "Accept-Encoding")]
        await respond(send, 200, body, headers)

    async def _qr(self, send: Send, code: str) -> None:
        try:
            body = qr_svg(code)
        except ValueError:
            await _json_error(send, 404, "not a reference code")
            return
        # A code points at a person's record: kept by no cache (the phone keeps only the code).
        await respond(send, 200, body, [("content-type", "image/svg+xml"), ("cache-control", "no-store")])

    async def _worker(self, send: Send) -> None:
        if self._sw is None:
            self._sw = pwa.service_worker(self.settings.locales, self.build_dir)
        headers = [
            ("content-type", "text/javascript; charset=utf-8"),
            ("cache-control", "no-cache"),  # the browser checks for a new version on each visit
            ("service-worker-allowed", "/"),
        ]
        await respond(send, 200, self._sw, headers)

    async def _report(self, scope: Scope, receive: Receive, send: Send) -> None:
        """``POST /api/report``: a plain fetch from a public page (which opens no websocket)."""
        headers = headers_of(scope)
        if scope.get("method") != "POST":
            await answer(send, 405, "method_not_allowed", [("allow", "POST")])
            return
        # A page of another site cannot file reports in a visitor's name.
        if "origin" in headers and headers["origin"] not in self.settings.allowed_origins:
            await answer(send, 403, "forbidden_origin")
            return
        if media_type(headers) != "application/json":
            await answer(send, 415, "unsupported_media_type")
            return
        body = await read_body(receive, headers, REPORT_MAX_BYTES)
        if body is None:
            await answer(send, 413, "too_large")
            return
        try:
            data = feedback.ReportCreate.model_validate_json(body)
        except ValidationError:
            await answer(send, 400, "invalid")
            return
        address = _client_address(scope, headers, self.settings.trusted_proxy_hops)
        try:
            await asyncio.to_thread(self._store_report, data, address)
        except feedback.UnknownServiceError:
            await answer(send, 404, "unknown_service")
        except RateLimitedError as limited:
            await answer(send, 429, "rate_limited", [("retry-after", str(limited.retry_after))])
        except (DatabaseNotReadyError, sa.exc.SQLAlchemyError):
            log.exception("report not stored")
            await answer(send, 503, "unavailable")
        else:
            await answer(send, 201, None)

    def _store_report(self, data: feedback.ReportCreate, address: str) -> None:
        settings = self.settings
        limits = feedback.limits_for(
            secret=settings.secret_key(),
            address=address,
            centre_networks=settings.centre_networks,
            per_address=settings.rate_reports_per_hour,
            per_centre=settings.rate_centre_per_hour,
        )
        with Session(engine()) as session:
            feedback.create_report(session=session, data=data, limits=limits)

    def _yesterday(self) -> str:
        return (dt.datetime.now(self.settings.tz).date() - dt.timedelta(days=1)).isoformat()


async def _json_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await respond(send, status, body, [("content-type", "application/json"), ("cache-control", "no-store")])


def _client_address(scope: Scope, headers: dict[str, str], trusted_hops: int) -> str:
    """The client's address as Reflex reads it: X-Forwarded-For only behind trusted proxies."""
    client = scope.get("client")
    address = str(client[0]) if client else "0.0.0.0"
    if trusted_hops:
        forwarded = [ip.strip() for ip in headers.get("x-forwarded-for", "").split(",") if ip.strip()]
        if len(forwarded) >= trusted_hops:
            address = forwarded[-trusted_hops]
    return address


def _not_framed(send: Send) -> Send:
    """No page of Paso may be shown inside another site's frame (one-tap desk buttons)."""

    async def wrapped(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            extra = [(b"x-frame-options", b"DENY"), (b"content-security-policy", b"frame-ancestors 'none'")]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped


def _with_header(send: Send, name: str, value: str) -> Send:
    async def wrapped(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start" and message.get("status") == 200:
            message["headers"] = [*message.get("headers", []), (name.encode(), value.encode())]
        await send(message)

    return wrapped


def wrap(settings: Settings) -> Callable[[ASGIApp], ASGIApp]:
    """The ``api_transformer`` for ``rx.App``."""

    def transform(app: ASGIApp) -> ASGIApp:
        return PasoFront(app, settings)

    return transform
