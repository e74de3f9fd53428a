"""``/api/desk/content/<locale>.po``: translators (and coordinators) download and upload a
locale's directory content from the desk, having no shell on the server. The desk's session
cookie authorizes both. No Reflex import.

The upload is a ``fetch`` POST of the file's bytes here rather than ``rx.upload``: that would
add react-dropzone to the desk's bundle and spool the whole body to disk before any check,
while here the session is checked before the body is read, the size is capped while reading,
download and upload share one authorization, and all of it is unit-tested as plain ASGI.
"""

from __future__ import annotations

import asyncio
import logging
import re

import sqlalchemy as sa
from sqlmodel import Session

from rxapp import routes
from rxapp.asgi import Receive, Scope, Send, answer, cookie, headers_of, media_type, read_body, respond
from rxapp.models import Role, utcnow
from rxapp.services import auth, content_files
from rxapp.services.auth import AuthError, AuthProblem, Staff
from rxapp.services.db import DatabaseNotReadyError, engine
from rxapp.settings import Settings

PREFIX = routes.CONTENT_PO.split("{", 1)[0]
CONTENT_PATH = re.compile(rf"^{re.escape(PREFIX)}([a-z]{{2,3}}(?:-[A-Za-z0-9]+)*)\.po$")
# Not a type an HTML form can send: another site's page cannot post without a preflight.
UPLOAD_TYPES = {content_files.MEDIA_TYPE, "application/octet-stream"}

log = logging.getLogger(__name__)


def _authorize(settings: Settings, token: str | None) -> Staff | tuple[int, str]:
    """The translator or coordinator behind the cookie, or the status and code of a refusal."""
    if not token:
        return 401, "signed_out"
    try:
        with Session(engine()) as session:
            staff = auth.current(
                session=session,
                token=token,
                now=utcnow(),
                idle_seconds=settings.desk_idle_seconds,
                max_seconds=settings.desk_session_hours * 3600,
                touch=True,  # a download or an upload is someone at work at the desk
            )
    except AuthError as error:
        return 401, "locked" if error.problem == AuthProblem.SESSION_LOCKED else "signed_out"
    return staff if staff.can(Role.TRANSLATOR) else (403, "forbidden")


def _export(locale: str) -> bytes:
    with Session(engine()) as session:
        return content_files.download(session=session, locale=locale)


def _import(locale: str, data: bytes, staff: Staff) -> content_files.Outcome:
    with Session(engine()) as session:
        outcome = content_files.upload(session=session, locale=locale, data=data)
    log.info(
        "content %s uploaded by %s: %s",
        locale,
        staff.username,
        outcome.problem or f"{outcome.updated} updated, {outcome.unchanged} unchanged",
    )
    return outcome


async def handle(settings: Settings, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer a request under ``PREFIX``."""
    found = CONTENT_PATH.match(scope["path"])
    if not found or found.group(1) not in settings.locales:
        await answer(send, 404, "unknown_locale")
        return
    locale, method = found.group(1), scope.get("method")
    if method not in {"GET", "HEAD", "POST"}:
        await answer(send, 405, "method_not_allowed", [("allow", "GET, HEAD, POST")])
        return
    headers = headers_of(scope)
    # The cookie is SameSite=Strict already; a page of another site is refused all the same.
    origin = headers.get("origin")
    if method == "POST" and origin is not None and origin not in settings.allowed_origins:
        await answer(send, 403, "forbidden_origin")
        return
    try:
        staff = await asyncio.to_thread(_authorize, settings, cookie(headers, auth.DESK_COOKIE))
        if isinstance(staff, tuple):
            await answer(send, *staff)
            return
        if method == "POST":
            await _upload(locale, staff, headers, receive, send)
            return
        body = await asyncio.to_thread(_export, locale)
    except (DatabaseNotReadyError, sa.exc.SQLAlchemyError):
        log.exception("content %s: database unavailable", locale)
        await answer(send, 503, "unavailable")
        return
    disposition = f'attachment; filename="{content_files.filename(locale)}"'
    await respond(
        send,
        200,
        body if method == "GET" else b"",
        [
            ("content-type", f"{content_files.MEDIA_TYPE}; charset=utf-8"),
            ("content-disposition", disposition),
            ("cache-control", "no-store"),
            ("x-content-type-options", "nosniff"),
        ],
    )


async def _upload(locale: str, staff: Staff, headers: dict[str, str], receive: Receive, send: Send) -> None:
    if media_type(headers) not in UPLOAD_TYPES:
        await answer(send, 415, "unsupported_media_type")
        return
    data = await read_body(receive, headers, content_files.MAX_BYTES)
    if data is None:
        await answer(send, 413, content_files.FileProblem.TOO_LARGE.value)
        return
    outcome = await asyncio.to_thread(_import, locale, data, staff)
    if outcome.problem is not None:
        await answer(send, 422, outcome.problem.value, **outcome.as_json())
        return
    await answer(send, 200, None, **outcome.as_json())
