"""The database engine and a schema check that names the command to run."""

from __future__ import annotations

import os
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from rxapp.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent.parent

REQUIRED_TABLES = (
    "organization", "service", "translation", "directoryrevision", "registration", "ratecounter", "staffuser", "staffsession", "auditentry",
)  # fmt: skip


# Every engine made here, so a forked child can let go of its parent's pooled connections.
_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


class DatabaseNotReadyError(RuntimeError):
    """The database is missing or not migrated; the message names the command that fixes it."""


def _forget_inherited_connections() -> None:
    """In a forked process, drop the pooled connections inherited from the parent unclosed.

    Reflex's production server builds the pages (which read the directory) in the process that
    then forks its workers: each worker inherited the same open sockets, and their queries
    crossed on them (`EMPTY_QUERY from 'BEGIN'`, `can't change 'autocommit' now`; issue 16,
    item 3). ``close=False`` leaves the sockets to the parent, which still owns them.
    """
    for bind in list(_ENGINES):
        bind.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def make_engine(url: str) -> Engine:
    """An engine with Paso's connection settings (SQLite: foreign keys, secure delete)."""
    bind = _make_engine(url)
    _ENGINES.add(bind)
    return bind


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        synchronous = get_settings().sqlite_synchronous  # a Literal: safe in the statement
        engine = sa.create_engine(url, connect_args={"check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA secure_delete=ON")  # erased records leave no bytes behind
            # Readers do not wait for a writer; FULL keeps every acknowledged registration
            # through a power cut (NORMAL could lose the last ones). Workers wait their turn.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={synchronous}")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


@lru_cache
def engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().db_url)


def unreachable(bind: Engine, error: sa.exc.OperationalError) -> DatabaseNotReadyError:
    """Why the database cannot be opened, naming what to do: a database server that does not
    answer needs starting (or the right address), not ``make migrate`` (issue 16)."""
    if bind.url.get_backend_name() == "sqlite":
        return DatabaseNotReadyError(
            f"Cannot open the database ({error.orig}). Run `make migrate` (or `make run`)."
        )
    where = bind.url.render_as_string(hide_password=True)
    return DatabaseNotReadyError(
        f"Cannot reach the database server at {where} ({str(error.orig).strip().splitlines()[0]}). "
        "Is it running, and is REFLEX_DB_URL right? Nothing was changed."
    )


def check_schema(bind: Engine) -> None:
    """Raise ``DatabaseNotReadyError`` unless the directory tables exist."""
    try:
        names = set(sa.inspect(bind).get_table_names())
    except sa.exc.OperationalError as error:
        raise unreachable(bind, error) from error
    missing = [table for table in REQUIRED_TABLES if table not in names]
    if missing:
        raise DatabaseNotReadyError(
            f"The database has no tables {', '.join(missing)}: run `make migrate` "
            "(or `make run`, which migrates and loads the sample data)."
        )
    if "alembic_version" in names:  # made by migrations (tests may create tables directly)
        with bind.connect() as connection:
            current = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        if current != head_revision():
            raise DatabaseNotReadyError(
                f"The database is at migration {current}, the code needs {head_revision()}: run `make migrate`."
            )


@lru_cache
def head_revision() -> str | None:
    """The newest migration committed in ``alembic/versions``."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(ROOT / "alembic")).get_current_head()
