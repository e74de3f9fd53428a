"""What every endpoint takes from outside HTTP, in one place (tests replace the engine here)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.services import db


def engine() -> Engine:
    """The application's database engine."""
    return db.engine()


def session() -> Session:
    """A new session on :func:`engine`."""
    return Session(engine())
