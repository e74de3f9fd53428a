"""``/api/desk/content/<locale>.po``: translators (and coordinators) download and upload a
locale's directory content from the desk, having no shell on the server. The desk's session
cookie authorizes both.

The upload is a ``fetch`` POST of the file's bytes here rather than ``rx.upload``: that would
add react-dropzone to the desk's bundle and spool the whole body to disk before any check,
while here the session is checked before the body is read, the size is capped while reading,
download and upload share one authorization, and all of it is unit-tested over ASGI.
"""

from __future__ import annotations

import asyncio
import logging

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.http import deps
from rxapp.http.responses import NO_STORE, AnyMethod, answer, media_type, method_not_allowed, read_limited
from rxapp.models import Role, utcnow
from rxapp.services import auth, content_files
from rxapp.services.auth import AuthError, AuthProblem, Staff
from rxapp.services.db import DatabaseNotReadyError
from rxapp.settings import Settings

PREFIX = routes.CONTENT_PO.split("{", 1)[0]
# Not a type an HTML form can send: another site's page cannot post without a preflight.
UPLOAD_TYPES = {content_files.MEDIA_TYPE, "application/octet-stream"}
METHODS = ("GET", "HEAD", "POST")

log = logging.getLogger(__name__)


class ContentFiles:
    """Download and upload of a locale's content catalog."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def routes(self) -> list[Route]:
        """The file's route, then everything else under the prefix: an unknown locale."""
        return [
            Route(routes.CONTENT_PO.replace("{locale}", "{locale:locale}"), AnyMethod(self.content)),
            Route(PREFIX + "{rest:path}", AnyMethod(unknown_locale)),
        ]

    async def content(self, request: Request) -> Response:
        """GET/HEAD: the locale's file; POST: import one, all or nothing."""
        locale = request.path_params["locale"]
        if locale not in self.settings.locales:
            return await unknown_locale(request)
        if request.method not in METHODS:
            return method_not_allowed(", ".join(METHODS))
        # The cookie is SameSite=Strict already; a page of another site is refused all the same.
        origin = request.headers.get("origin")
        if request.method == "POST" and origin is not None and origin not in self.settings.allowed_origins:
            return answer(403, "forbidden_origin")
        try:
            staff = await asyncio.to_thread(self._authorize, request.cookies.get(auth.DESK_COOKIE))
            if isinstance(staff, tuple):
                return answer(*staff)
            if request.method == "POST":
                return await _upload(locale, staff, request)
            body = await asyncio.to_thread(_export, locale)
        except (DatabaseNotReadyError, sa.exc.SQLAlchemyError):
            log.exception("content %s: database unavailable", locale)
            return answer(503, "unavailable")
        headers = {
            "content-disposition": f'attachment; filename="{content_files.filename(locale)}"',
            "cache-control": NO_STORE,
            "x-content-type-options": "nosniff",
        }
        media = f"{content_files.MEDIA_TYPE}; charset=utf-8"
        return Response(body if request.method == "GET" else b"", 200, headers, media_type=media)

    def _authorize(self, token: str | None) -> Staff | tuple[int, str]:
        """The translator or coordinator behind the cookie, or the status and code of a refusal."""
        if not token:
            return 401, "signed_out"
        try:
            with deps.session() as session:
                staff = auth.current(
                    session=session,
                    token=token,
                    now=utcnow(),
                    idle_seconds=self.settings.desk_idle_seconds,
                    max_seconds=self.settings.desk_session_hours * 3600,
                    touch=True,  # a download or an upload is someone at work at the desk
                )
        except AuthError as error:
            return 401, "locked" if error.problem == AuthProblem.SESSION_LOCKED else "signed_out"
        return staff if staff.can(Role.TRANSLATOR) else (403, "forbidden")


async def unknown_locale(request: Request) -> Response:
    """A path under the prefix that names no served locale's file."""
    return answer(404, "unknown_locale")


async def _upload(locale: str, staff: Staff, request: Request) -> Response:
    if media_type(request) not in UPLOAD_TYPES:
        return answer(415, "unsupported_media_type")
    data = await read_limited(request, content_files.MAX_BYTES)
    if data is None:
        return answer(413, content_files.FileProblem.TOO_LARGE.value)
    outcome = await asyncio.to_thread(_import, locale, data, staff)
    if outcome.problem is not None:
        return answer(422, outcome.problem.value, **outcome.as_json())
    return answer(200, None, **outcome.as_json())


def _export(locale: str) -> bytes:
    with deps.session() as session:
        return content_files.download(session=session, locale=locale)


def _import(locale: str, data: bytes, staff: Staff) -> content_files.Outcome:
    with deps.session() as session:
        outcome = content_files.upload(session=session, locale=locale, data=data)
    log.info(
        "content %s uploaded by %s: %s",
        locale,
        staff.username,
        outcome.problem or f"{outcome.updated} updated, {outcome.unchanged} unchanged",
    )
    return outcome
