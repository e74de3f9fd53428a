"""The person's own page and the waiting-room display, as JSON (issue 19).

All POST with a JSON body, so a secret is never in a URL (nor in a log that keeps URLs):

- ``POST /api/me`` ``{"secret": str, "locale"?: str}`` -> the page's document
  (``rxapp/services/followup/mypage.py`` has its shape), with ``ETag: "<version>"``; a request
  whose ``If-None-Match`` names the current version gets 304 and no body, so the page's poll
  for "your turn" (every 2 s) costs a few bytes. ``locale``: the page's language (one of the
  installation's; otherwise the one the person registered in). The answer is ``no-store``:
  the page sends ``If-None-Match`` itself from the copy it keeps.
- ``POST /api/me/claim`` ``{"token": str}`` -> ``{"ok": true, "secret": str}``: a one-time
  token (the desk's QR, a sent link's ``#t=``) spent for this phone's own secret.
- ``POST /api/display`` ``{"key": str}`` -> ``{"ok": true, "calls": [{"code", "desk",
  "called_at"}]}``: today's latest calls, never a name; ETag and 304 as above.

A wrong, revoked, used, expired or erased secret, token or key gets one answer, 404
``{"ok": false, "error": "not_found"}``, and counts against the address's hourly budget of
failures (``PASO_RATE_PERSONAL_FAILURES_PER_HOUR``); over it, every request from the address
gets 429 with Retry-After until the window ends. Other refusals as ``/api/report``: 405, 403
(another site's Origin), 415 (not JSON), 413 (over 4 KB), 400 (not the expected object), 503
(no database). Every answer is ``no-store``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.http import deps
from rxapp.http.report import client_address
from rxapp.http.responses import NO_STORE, AnyMethod, answer, json_post
from rxapp.models import utcnow
from rxapp.services import ratelimit
from rxapp.services.db import DatabaseNotReadyError
from rxapp.services.followup import access, mypage, turns
from rxapp.services.ratelimit import Limit, RateLimitedError
from rxapp.settings import Settings

MAX_BYTES = 4096
_KEY_MAX = 200  # a secret, token or key is 43 characters: anything longer is not one

log = logging.getLogger(__name__)
Query = TypeVar("Query", bound=BaseModel)
Found = TypeVar("Found")


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SecretBody(_Body):
    """What the person's page posts."""

    secret: str = Field(max_length=_KEY_MAX)
    locale: str = Field(default="", max_length=35)


class TokenBody(_Body):
    """A one-time token to claim."""

    token: str = Field(max_length=_KEY_MAX)


class DisplayBody(_Body):
    """The waiting-room display's key."""

    key: str = Field(max_length=_KEY_MAX)


def not_found() -> Response:
    """The one answer for every wrong secret, token or key."""
    return answer(404, "not_found")


def tagged(document: dict[str, Any], version: str, request: Request) -> Response:
    """``document`` with its ETag, or 304 when the client has this version already."""
    etag = f'"{version}"'
    headers = {"cache-control": NO_STORE, "etag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, 200, headers, media_type="application/json")


class Personal:
    """The three endpoints and the limit their failures count against."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.versions = mypage.Versions()  # a poll of an unchanged page: 304 without building it

    def routes(self) -> list[Route]:
        """One route each, taking every method (see AnyMethod)."""
        return [
            Route(routes.ME_API, AnyMethod(self.me)),
            Route(routes.ME_CLAIM, AnyMethod(self.claim)),
            Route(routes.DISPLAY_API, AnyMethod(self.display)),
        ]

    async def _read(self, request: Request, model: type[Query]) -> Query | Response:
        return await json_post(request, model, origins=self.settings.allowed_origins, limit=MAX_BYTES)

    def _limits(self, address: str) -> list[Limit]:
        settings = self.settings
        shared = ratelimit.in_networks(address, settings.centre_networks)
        allowed = settings.rate_centre_per_hour if shared else settings.rate_personal_failures_per_hour
        return [Limit(ratelimit.key(settings.secret_key(), "personal", address), allowed)]

    def _guarded(self, address: str, attempt: Callable[[Session], Found | None]) -> Found | None:
        """``attempt`` unless the address used up its failures; a None result is one more."""
        limits = self._limits(address)
        with deps.session() as session:
            ratelimit.check(session=session, limits=limits)
            found = attempt(session)
            if found is None:
                ratelimit.hit(session=session, limits=limits)
            return found

    async def _answer(self, request: Request, attempt: Callable[[Session], Found | None]) -> Found | Response:
        address = client_address(request.scope, request.headers, self.settings.trusted_proxy_hops)
        try:
            found: Found | None = await asyncio.to_thread(self._guarded, address, attempt)
        except RateLimitedError as limited:
            return answer(429, "rate_limited", {"retry-after": str(limited.retry_after)})
        except (DatabaseNotReadyError, sa.exc.SQLAlchemyError):
            log.exception("personal page: database unavailable")
            return answer(503, "unavailable")
        return not_found() if found is None else found

    async def me(self, request: Request) -> Response:
        """The person's page document, or 304 when the page has it already."""
        query = await self._read(request, SecretBody)
        if isinstance(query, Response):
            return query
        sent = request.headers.get("if-none-match", "")  # the ETag the phone had: '"<version>"'
        known = sent[1:-1] if len(sent) > 2 and sent[0] == sent[-1] == '"' else ""
        found = await self._answer(request, lambda session: self._document(session, query, known))
        return found if isinstance(found, Response) else tagged(found, found["version"], request)

    def _document(self, session: Session, query: SecretBody, known: str) -> dict[str, Any] | None:
        """The page, or only its version when the phone has it (``tagged`` then sends 304)."""
        person = access.resolve(session=session, secret=query.secret)
        if person is None:
            return None
        locales = self.settings.locales
        locale = next(
            (tag for tag in (query.locale, person.locale) if tag in locales), self.settings.default_locale
        )
        now, tz = utcnow(), self.settings.tz
        # The stamp first: a change made while the page is built gives the next poll a new one.
        key = mypage.stamp(session=session, registration=person, locale=locale, now=now, tz=tz)
        if known and self.versions.get(key) == known:
            return {"version": known}
        document = mypage.my_page(session=session, registration=person, locale=locale, now=now, tz=tz)
        self.versions.put(key, document["version"])
        return document

    async def claim(self, request: Request) -> Response:
        """A one-time token spent for this phone's own secret."""
        query = await self._read(request, TokenBody)
        if isinstance(query, Response):
            return query

        def spend(session: Session) -> str | None:
            try:
                return access.claim(session=session, token=query.token, now=utcnow())
            except access.AccessDeniedError:
                return None

        found = await self._answer(request, spend)
        return found if isinstance(found, Response) else answer(200, None, secret=found)

    async def display(self, request: Request) -> Response:
        """The waiting-room display's calls: codes, desks, times."""
        query = await self._read(request, DisplayBody)
        if isinstance(query, Response):
            return query

        def calls(session: Session) -> dict[str, Any] | None:
            if not turns.display_allowed(session=session, key=query.key):
                return None
            shown = turns.recent_calls(session=session, now=utcnow(), tz=self.settings.tz)
            return {"ok": True, "calls": shown}

        found = await self._answer(request, calls)
        return found if isinstance(found, Response) else tagged(found, mypage.version(found), request)
