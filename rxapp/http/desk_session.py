"""``/api/desk/session``: the desk's HttpOnly cookie, set and removed by the server only
(issue 16, item 6; ``rxapp/desk/session.py`` has the design).

``POST {"ticket": ...}`` swaps the one-time ticket a sign-in gave the page (over the websocket)
for the session cookie; ``DELETE`` ends the cookie's session and removes the cookie. Same
origin only, JSON only, and never cached.
"""

from __future__ import annotations

import asyncio
import logging

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.http import deps
from rxapp.http.responses import AnyMethod, answer, media_type, method_not_allowed, read_limited
from rxapp.models import utcnow
from rxapp.services import auth, desk_cookie
from rxapp.services.db import DatabaseNotReadyError
from rxapp.settings import Settings

MAX_BYTES = 256  # a ticket is 43 characters

log = logging.getLogger(__name__)


class Ticket(BaseModel):
    """What the page posts after a sign-in."""

    model_config = ConfigDict(extra="forbid")
    ticket: str = Field(pattern=desk_cookie.TOKEN.pattern)


class DeskSessions:
    """The cookie's two endpoints."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.secure = settings.public_url.startswith("https://")

    def routes(self) -> list[Route]:
        """The one route, taking every method (see AnyMethod)."""
        return [Route(routes.DESK_SESSION, AnyMethod(self.session))]

    async def session(self, request: Request) -> Response:
        """POST: a ticket for the cookie; DELETE: sign out and remove the cookie."""
        if request.method not in {"POST", "DELETE"}:
            return method_not_allowed("POST, DELETE")
        # SameSite=Strict keeps the cookie from other sites' requests; their pages are refused too.
        origin = request.headers.get("origin")
        if origin is not None and origin not in self.settings.allowed_origins:
            return answer(403, "forbidden_origin")
        try:
            if request.method == "DELETE":
                ending = desk_cookie.token_in(request.headers.get("cookie", ""))
                if ending:
                    await asyncio.to_thread(_end, ending)
                return answer(200, None, {"set-cookie": desk_cookie.clear_cookie(secure=self.secure)})
            if media_type(request) != "application/json":  # an HTML form cannot send it
                return answer(415, "unsupported_media_type")
            body = await read_limited(request, MAX_BYTES)
            if body is None:
                return answer(413, "too_large")
            try:
                ticket = Ticket.model_validate_json(body).ticket
            except ValidationError:
                return answer(400, "invalid")
            token = await asyncio.to_thread(_hand_over, ticket)
        except (DatabaseNotReadyError, sa.exc.SQLAlchemyError):
            log.exception("desk session: database unavailable")
            return answer(503, "unavailable")
        if token is None:
            return answer(403, "no_session")
        return answer(200, None, {"set-cookie": desk_cookie.set_cookie(token, secure=self.secure)})


def _hand_over(ticket: str) -> str | None:
    with deps.session() as session:
        return auth.hand_over(session=session, ticket=ticket, now=utcnow())


def _end(token: str) -> None:
    with deps.session() as session:
        auth.end_session(session=session, token=token, now=utcnow())
