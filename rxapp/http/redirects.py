"""Paths without a language, answered by a redirect to the same page in the reader's language
(a tablet's bookmark or a typed "/desk" must not end on "page not found")."""

from __future__ import annotations

from functools import partial

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.i18n.negotiate import negotiate
from rxapp.settings import Settings

LOCALE_COOKIE = "paso_locale"
# rxapp.rxapp's head script redirects the same paths where this server does not run (dev).
LANGUAGE_REDIRECTS = {"/": routes.HOME, "/desk": routes.DESK, "/desk/": routes.DESK}


async def to_locale(settings: Settings, route: str, request: Request) -> Response:
    """To ``route`` in the reader's language: the saved choice, then Accept-Language."""
    locale = negotiate(
        saved=request.cookies.get(LOCALE_COOKIE),
        accept_language=request.headers.get("accept-language"),
        available=settings.locales,
        default=settings.default_locale,
    )
    headers = {
        "location": route.format(locale=locale),
        "vary": "Accept-Language, Cookie",
        "cache-control": "no-store",
    }
    return Response(b"", 302, headers)


def language_routes(settings: Settings) -> list[Route]:
    """One redirect per path of :data:`LANGUAGE_REDIRECTS`."""
    return [Route(path, partial(to_locale, settings, route)) for path, route in LANGUAGE_REDIRECTS.items()]
