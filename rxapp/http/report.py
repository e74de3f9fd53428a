"""``POST /api/report``: someone says a service's information is wrong. A plain fetch from a
public page (which opens no websocket): JSON only, same origin, small, rate limited."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.http import deps
from rxapp.http.responses import AnyMethod, answer, json_post
from rxapp.services import feedback
from rxapp.services.db import DatabaseNotReadyError
from rxapp.services.ratelimit import RateLimitedError
from rxapp.settings import Settings

REPORT_MAX_BYTES = 4096  # a report is a slug, a choice and 500 characters at most

log = logging.getLogger(__name__)


def client_address(scope: Mapping[str, Any], headers: Mapping[str, str], trusted_hops: int) -> str:
    """The client's address as Reflex reads it: X-Forwarded-For only behind trusted proxies."""
    client = scope.get("client")
    address = str(client[0]) if client else "0.0.0.0"
    if trusted_hops:
        forwarded = [ip.strip() for ip in headers.get("x-forwarded-for", "").split(",") if ip.strip()]
        if len(forwarded) >= trusted_hops:
            address = forwarded[-trusted_hops]
    return address


class Reports:
    """The report endpoint and the limits it stores under."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def routes(self) -> list[Route]:
        """The one route, taking every method (see AnyMethod)."""
        return [Route(routes.REPORT, AnyMethod(self.report))]

    async def report(self, request: Request) -> Response:
        """Store the report, or say in one JSON code why not."""
        # A page of another site cannot file reports in a visitor's name.
        data = await json_post(
            request, feedback.ReportCreate, origins=self.settings.allowed_origins, limit=REPORT_MAX_BYTES
        )
        if isinstance(data, Response):
            return data
        address = client_address(request.scope, request.headers, self.settings.trusted_proxy_hops)
        try:
            await asyncio.to_thread(self._store, data, address)
        except feedback.UnknownServiceError:
            return answer(404, "unknown_service")
        except RateLimitedError as limited:
            return answer(429, "rate_limited", {"retry-after": str(limited.retry_after)})
        except (DatabaseNotReadyError, sa.exc.SQLAlchemyError):
            log.exception("report not stored")
            return answer(503, "unavailable")
        return answer(201, None)

    def _store(self, data: feedback.ReportCreate, address: str) -> None:
        settings = self.settings
        limits = feedback.limits_for(
            secret=settings.secret_key(),
            address=address,
            centre_networks=settings.centre_networks,
            per_address=settings.rate_reports_per_hour,
            per_centre=settings.rate_centre_per_hour,
        )
        with deps.session() as session:
            feedback.create_report(session=session, data=data, limits=limits)
