"""``/api/qr/<code>.svg``: the QR of a registration's reference code, drawn on the server."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp.http.responses import NO_STORE, json_error
from rxapp.services.qr import qr_svg

NOT_A_CODE = "not a reference code"


async def qr(request: Request) -> Response:
    """The code's QR; a code points at a person's record, so no cache keeps it (the phone keeps
    only the code)."""
    try:
        body = qr_svg(request.path_params["code"])
    except ValueError:
        return json_error(404, NOT_A_CODE)
    return Response(body, 200, {"cache-control": NO_STORE}, media_type="image/svg+xml")


async def not_a_code(request: Request) -> Response:
    """Anything else under ``/api/qr/``."""
    return json_error(404, NOT_A_CODE)


def routes() -> list[Route]:
    """The code's route, then anything else under ``/api/qr/``."""
    return [Route("/api/qr/{code:code}.svg", qr), Route("/api/qr/{rest:path}", not_a_code)]
