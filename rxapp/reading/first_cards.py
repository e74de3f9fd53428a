"""The first cards of each need, read from the database when the pages are built.

They are compiled into the prerendered HTML so a list paints real services before any script
runs; the browser replaces them with the live list (and its open-now lines) once the data is in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from rxapp import routes
from rxapp.services import directory
from rxapp.services.db import DatabaseNotReadyError, check_schema, engine
from rxapp.services.views import ServicePublic

COUNT = 6  # enough to fill a phone's first screen


@cache
def _services(locale: str) -> list[ServicePublic]:
    try:
        check_schema(engine())
        with Session(engine()) as session:
            return directory.public_services(session=session, locale=locale)
    except (DatabaseNotReadyError, SQLAlchemyError):
        return []  # no database at build time: the page shows "loading" until the data comes


def first_cards(locale: str, need: str) -> list[dict[str, Any]]:
    """The first cards of a need's list, in the order the browser will show them."""
    found = [s for s in _services(locale) if need in s.needs][:COUNT]
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "organization": s.organization,
            "href": f"{routes.service(locale)}?id={s.slug}",
            "status": "",  # known only to the browser's clock: the card keeps its line's height
            "tone": "",
            "first": True,
            "free": s.is_free,
            "nodocs": s.no_documents_needed,
            "sample": s.is_sample,
            "other": bool(s.other_locales),
            "away": "",
        }
        for s in found
    ]
