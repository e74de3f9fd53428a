"""``/api/directory/<locale>/…``: the directory snapshot a phone keeps offline (an index and
parts named by their content, with ETag, 304 and gzip) and the online search it asks while
the snapshot is still arriving."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
import threading
from functools import partial
from urllib.parse import parse_qsl

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp.http import deps
from rxapp.http.responses import NO_STORE, json_error
from rxapp.services.db import DatabaseNotReadyError, check_schema, head_revision
from rxapp.services.search.online import SearchQuery
from rxapp.services.snapshot import Part, SnapshotCache
from rxapp.services.snapshot.cache import warm
from rxapp.settings import Settings

JSON = "application/json; charset=utf-8"
IMMUTABLE = "public, max-age=31536000, immutable"
# A worker reads the directory's revision at most this often: an edit made in any worker is in
# the index within this much more (issue 17: within 2 s), and a busy worker answers most index
# requests without a query or a thread (bench/serving.py).
REVISION_TTL = 0.25
# A reader who comes while the index is brought up to date waits this long for it (an edit's
# update takes milliseconds; 0.5-0.6 s at 10,000 services), then gets the previous one.
UPDATE_WAIT = 1.0


class Directory:
    """The snapshot endpoints, with the cache of built snapshots they share."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.snapshots: SnapshotCache | None = None
        # What the first request would otherwise pay (alembic's script folder, the ORM's
        # mappers, the catalogs' hash): a restarted server's first reader waits no longer.
        threading.Thread(target=self._warm, daemon=True).start()

    def _warm(self) -> None:
        head_revision()
        warm(self.settings.snapshot_part_size, self.settings.timezone)

    def routes(self) -> list[Route]:
        """The online search and the snapshot's files (the part convertor never reads "search")."""
        return [
            Route("/api/directory/{locale:locale}/search.json", self.search),
            Route("/api/directory/{locale:locale}/{part:part}.json", self.part),
        ]

    def _open(self, request: Request) -> tuple[str, SnapshotCache] | Response:
        """The asked locale and the cache, or the error that answers instead."""
        locale: str = request.path_params["locale"]
        if locale not in self.settings.locales:
            return json_error(404, "unknown locale")
        try:
            return locale, self._cache()
        except DatabaseNotReadyError as error:
            return json_error(503, str(error))

    def _cache(self) -> SnapshotCache:
        """The cache, made once the schema is there (raises DatabaseNotReadyError until then,
        and looks again on the next request, after `make migrate`)."""
        if self.snapshots is None:
            check_schema(deps.engine())
            self.snapshots = SnapshotCache(
                deps.engine(),
                self.settings.timezone,
                self.settings.snapshot_part_size,
                self._yesterday,
                self.settings.data_dir / "snapshots",  # shared by the machine's workers, kept on restart
                revision_ttl=REVISION_TTL,
                wait=UPDATE_WAIT,
            )
        return self.snapshots

    async def part(self, request: Request) -> Response:
        """The index (revalidated on each visit) or one part (immutable: named by its content)."""
        opened = self._open(request)
        if isinstance(opened, Response):
            return opened
        (locale, cache), name = opened, request.path_params["part"]
        if name == "index":
            # Else a query, or a first build that reads the database for seconds: off the event loop.
            snapshot = cache.fresh(locale)
            if snapshot is None:
                snapshot = await asyncio.to_thread(cache.get, locale)
            found: Part | None = snapshot.index
        else:  # a part is the same bytes whatever the revision: no query
            found = cache.part(locale, name)
            if found is None:
                found = (await asyncio.to_thread(cache.get, locale)).parts.get(name)
        if found is None:  # a part of an older revision: the browser reloads the index
            return json_error(404, "unknown part")
        caching = "no-cache" if name == "index" else IMMUTABLE
        common = {"etag": found.etag, "cache-control": caching, "vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == found.etag:
            return Response(status_code=304, headers=common)
        try:
            if "gzip" in request.headers.get("accept-encoding", ""):
                body, common = found.gzipped, {**common, "content-encoding": "gzip"}
            else:
                body = found.body
        except FileNotFoundError:  # removed as too old between the index's reading and now
            return json_error(404, "unknown part")
        return Response(body if request.method == "GET" else b"", 200, common, media_type=JSON)

    async def search(self, request: Request) -> Response:
        """The online search: ranked as the browser ranks, for a phone that has not loaded the
        whole directory yet. Never cached (the query is the person's own words)."""
        opened = self._open(request)
        if isinstance(opened, Response):
            return opened
        locale, cache = opened
        # Blank values are dropped (``free=`` means "not asked"), as the page builds its URLs.
        pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"))
        try:
            asked = SearchQuery.model_validate(dict(pairs))
        except ValidationError:
            return json_error(400, "invalid search")
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
        headers = {"cache-control": NO_STORE}
        if "gzip" in request.headers.get("accept-encoding", ""):  # a slow network pays per byte
            body = gzip.compress(body, 6)
            headers |= {"content-encoding": "gzip", "vary": "Accept-Encoding"}
        return Response(body, 200, headers, media_type=JSON)

    def _yesterday(self) -> str:
        return (dt.datetime.now(self.settings.tz).date() - dt.timedelta(days=1)).isoformat()
