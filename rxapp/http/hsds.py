"""``/api/hsds/…``: the public directory as an HSDS 3.0 read API (issue 20), following the
official OpenAPI where it fits. docs/hsds.md ("API") has the parameters and answers.

- GET and HEAD only (others 405, in JSON); every query parameter is validated
  (``extra="forbid"``: a misspelt one is a 400 that names it, never silently ignored).
- Open data: ``Access-Control-Allow-Origin: *`` (public, read-only, no cookie is read), and
  ``Cache-Control: public, max-age=60`` with an ETag (the body's hash) and 304.
- gzip when the client accepts it (``Vary: Accept-Encoding``; the gzipped body has its own ETag),
  compressed once per answer, on the first request that asks.
- Each worker keeps the answers it made for the directory's current revision (and day: the
  schedules' UTC offset is the day's; and the alerts in force, which start and end by the
  clock: a service's ``alert``), so a repeated request, or a 304, costs two small queries.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.http import deps
from rxapp.http.responses import NO_STORE, AnyMethod
from rxapp.models import utcnow
from rxapp.services.db import DatabaseNotReadyError, check_schema
from rxapp.services.hsds import alerts_out, api, export
from rxapp.services.snapshot import revision
from rxapp.settings import Settings

JSON = "application/json; charset=utf-8"
CACHING = "public, max-age=60"  # a partner's poll sees an edit within a minute
CORS = {"access-control-allow-origin": "*", "access-control-expose-headers": "ETag"}
ALLOW = "GET, HEAD, OPTIONS"
MAX_PER_PAGE = 100
CACHE_BYTES = 32 * 1024 * 1024  # per worker: ~100 pages of 100 full services
Build = Callable[[Session, Any, str, api.Where], dict[str, Any] | None]
GZIP_LEVEL = 6
GZIP_FROM = 1024  # bytes: a smaller answer fits in a packet as it is


@dataclass
class Made:
    """One answer: its JSON body and ETag, and the same gzipped (made on the first asking)."""

    body: bytes
    etag: str
    _gzipped: bytes | None = field(default=None, repr=False)

    def gzipped(self) -> tuple[bytes, str]:
        """The body gzipped and its ETag (another representation: another strong ETag)."""
        if self._gzipped is None:  # two threads may both compress: the same bytes, harmless
            self._gzipped = gzip.compress(self.body, GZIP_LEVEL, mtime=0)
        return self._gzipped, f'{self.etag[:-1]}-gzip"'


def _accepts_gzip(request: Request) -> bool:
    """The client takes gzip (``gzip`` or ``*`` in Accept-Encoding, not with ``q=0``)."""
    for part in request.headers.get("accept-encoding", "").split(","):
        name, _, weight = part.partition(";")
        if name.strip().lower() in ("gzip", "*"):
            weight = weight.strip().lower().removeprefix("q=")
            try:
                return not weight or float(weight) > 0
            except ValueError:
                return True
    return False


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    locale: str = Field(default="", max_length=35)
    format: Literal["json"] = "json"  # the OpenAPI's ndjson stream is not offered


class PageQuery(_Query):
    """A paged list's parameters."""

    page: int = Field(default=1, ge=1, le=1_000_000)
    per_page: int = Field(default=50, ge=1, le=MAX_PER_PAGE)

    @property
    def paging(self) -> api.Paging:
        """The page asked."""
        return api.Paging(self.page, self.per_page)


class ServiceQuery(PageQuery):
    """``/services`` and ``/service_at_locations``."""

    search: str = Field(default="", max_length=500)
    taxonomy_term_id: str = Field(default="", max_length=100)
    taxonomy_id: str = Field(default="", max_length=100)
    organization_id: str = Field(default="", max_length=100)
    modified_after: dt.datetime | None = None

    @field_validator("modified_after")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        # A time without an offset is read as UTC, as the API writes its own (last_modified);
        # compared in UTC, as the column keeps it.
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)

    @property
    def filters(self) -> api.Filters:
        """The filters asked."""
        return api.Filters(
            self.search.strip(),
            self.taxonomy_term_id,
            self.taxonomy_id,
            self.organization_id,
            self.modified_after,
        )


class TermQuery(PageQuery):
    """``/taxonomy_terms``."""

    taxonomy_id: str = Field(default="", max_length=100)


def _json(status: int, payload: dict[str, Any], headers: dict[str, str]) -> Response:
    body = json.dumps(payload, ensure_ascii=False).encode()
    return Response(body, status, {**CORS, **headers}, media_type=JSON)


def error(status: int, message: str, parameter: str | None = None) -> Response:
    """An error in JSON (``{"error", "parameter"?}``), kept by no cache."""
    payload = {"error": message} | ({"parameter": parameter} if parameter else {})
    return _json(status, payload, {"cache-control": NO_STORE})


def invalid(problem: ValidationError) -> Response:
    """The 400 naming the first bad parameter."""
    first = problem.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "query"
    message = "unknown parameter" if first["type"] == "extra_forbidden" else first["msg"]
    return error(400, f"invalid parameter {name}: {message}", name)


class _Answers:
    """One worker's answers for the current revision, day and alerts in force: (body, ETag) by
    request."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self.lock = threading.Lock()
        self.made: OrderedDict[tuple[Any, ...], Made | None] = OrderedDict()
        self.size = 0

    def get(self, key: tuple[Any, ...]) -> tuple[bool, Made | None]:
        with self.lock:
            if key not in self.made:
                return False, None
            self.made.move_to_end(key)
            return True, self.made[key]

    def put(self, key: tuple[Any, ...], value: Made | None) -> None:
        with self.lock:
            if key[:3] != next(iter(self.made), key)[:3]:  # new revision, day or alerts: all stale
                self.made.clear()
                self.size = 0
            self.made[key] = value
            # The JSON's size (a gzipped copy, when made, adds about a tenth to it).
            self.size += len(value.body) if value else 0
            while self.size > self.limit and len(self.made) > 1:
                _, old = self.made.popitem(last=False)
                self.size -= len(old.body) if old else 0


class HsdsApi:
    """The API's endpoints and the answers they share."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.answers = _Answers()

    def routes(self) -> list[Route]:
        """One route each, taking every method (see AnyMethod); the root with and without "/"."""
        found = [Route(path, AnyMethod(self._endpoint(model, build))) for path, model, build in ENDPOINTS]
        root = AnyMethod(self._endpoint(_Query, lambda *_: api.root()))
        return [*found, Route(routes.HSDS_API, root), Route(routes.HSDS_API.rstrip("/"), root)]

    def _endpoint(self, model: type[_Query], build: Build) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            return await self._answer(request, model, build)

        return endpoint

    async def _answer(self, request: Request, model: type[_Query], build: Build) -> Response:
        if request.method == "OPTIONS":  # a preflight (a script that sends If-None-Match itself)
            return Response(
                status_code=204,
                headers={
                    **CORS,
                    "access-control-allow-methods": "GET, HEAD",
                    "access-control-allow-headers": "If-None-Match",
                    "access-control-max-age": "86400",
                },
            )
        if request.method not in ("GET", "HEAD"):
            return _json(405, {"error": "method not allowed"}, {"cache-control": NO_STORE, "allow": ALLOW})
        pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        try:
            query = model.model_validate(dict(pairs))
        except ValidationError as problem:
            return invalid(problem)
        locale = query.locale or self.settings.default_locale
        if locale not in self.settings.locales:
            known = ", ".join(self.settings.locales)
            return error(400, f"unknown locale {locale!r}: one of {known}", "locale")
        id_ = str(request.path_params.get("id", ""))
        key = (request.url.path, locale, tuple(sorted(query.model_dump(mode="json").items())))
        try:
            made = await asyncio.to_thread(self._made, key, locale, lambda s, w: build(s, query, id_, w))
        except DatabaseNotReadyError as problem:
            return error(503, str(problem))
        if made is None:
            return error(404, "not found")
        body, etag = made.body, made.etag
        headers = {"cache-control": CACHING, "vary": "Accept-Encoding", **CORS}
        if len(body) >= GZIP_FROM and _accepts_gzip(request):
            body, etag = made.gzipped()
            headers["content-encoding"] = "gzip"
        headers["etag"] = etag
        if etag in {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}:
            headers.pop("content-encoding", None)
            return Response(status_code=304, headers=headers)
        return Response(body if request.method == "GET" else b"", 200, headers, media_type=JSON)

    def _made(
        self, key: tuple[Any, ...], locale: str, build: Callable[[Session, api.Where], dict[str, Any] | None]
    ) -> Made | None:
        """The answer's body and ETag, made once per revision, day and alerts in force."""
        check_schema(deps.engine())
        tz = self.settings.tz
        now = utcnow()
        where = api.Where(locale, tz, now.astimezone(tz).date(), now)
        with deps.session() as session:
            # A service's ``alert`` also changes when an alert starts or ends by the clock.
            state = (revision(session), where.today.isoformat(), alerts_out.in_force_key(session, now))
            full = (*state, *key)
            known, made = self.answers.get(full)
            if known:
                return made
            document = build(session, where)
        if document is None:
            made = None
        else:
            body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
            made = Made(body, f'"{hashlib.sha256(body).hexdigest()[:32]}"')
        self.answers.put(full, made)
        return made


def _services(s: Session, q: ServiceQuery, _: str, w: api.Where) -> dict[str, Any]:
    return api.services(s, filters=q.filters, paging=q.paging, where=w)


def _places(s: Session, q: ServiceQuery, _: str, w: api.Where) -> dict[str, Any]:
    return api.service_at_locations(s, filters=q.filters, paging=q.paging, where=w)


def _organizations(s: Session, q: PageQuery, _: str, w: api.Where) -> dict[str, Any]:
    return api.organizations(s, paging=q.paging, locale=w.locale)


def _terms(_: Session, q: TermQuery, __: str, w: api.Where) -> dict[str, Any]:
    return api.taxonomy_terms(paging=q.paging, locale=w.locale, taxonomy_id=q.taxonomy_id)


ENDPOINTS: list[tuple[str, type[_Query], Build]] = [
    (routes.HSDS_SERVICES, ServiceQuery, _services),
    (routes.HSDS_SERVICE, _Query, lambda s, _, i, w: api.service(s, i, w)),
    (routes.HSDS_SERVICE_AT_LOCATIONS, ServiceQuery, _places),
    (routes.HSDS_ORGANIZATIONS, PageQuery, _organizations),
    (routes.HSDS_ORGANIZATION, _Query, lambda s, _, i, w: api.organization(s, i, w.locale)),
    (routes.HSDS_TAXONOMIES, PageQuery, lambda _, q, __, ___: api.taxonomies(paging=q.paging)),
    (routes.HSDS_TAXONOMY, _Query, lambda *a: api.by_id([export.taxonomy()], a[2])),
    (routes.HSDS_TERMS, TermQuery, _terms),
    (routes.HSDS_TERM, _Query, lambda _, __, i, w: api.by_id(list(export.terms(w.locale).values()), i)),
]
