"""Tables as tests check them: a count, every row as text."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, func, select

from tests.data.people import Db, opened


def count(db: Db, *, model: type[SQLModel]) -> int:
    """How many rows ``model``'s table holds."""
    with opened(db) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def dump(bind: Engine, *, only: str | None = None) -> dict[str, str]:
    """Every row of every table (or of ``only``) as text, by table name."""
    with bind.connect() as connection:
        return {
            table.name: repr(connection.execute(sa.select(table)).all())
            for table in SQLModel.metadata.sorted_tables
            if only in (None, table.name)
        }
