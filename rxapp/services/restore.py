"""Restoring a backup: only into a database without rows, then at Paso's newest schema.

After loading, ``check_revision`` refuses a backup from a newer Paso (migrating it would fail
halfway), and ``end_sessions`` signs every desk out: a restored session may have been signed
out since the backup was made.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from rxapp.services import backup, backup_pg
from rxapp.services.backup import Kind
from rxapp.services.backup_errors import BackupError, BackupProblem
from rxapp.services.db import ROOT, head_revision

_NAMES = {Kind.SQLITE: "SQLite", Kind.POSTGRESQL: "PostgreSQL"}


def _sqlite_load(bind: Engine, data: bytes) -> None:
    path = backup.sqlite_path(bind)
    bind.dispose()
    with closing(sqlite3.connect(":memory:")) as copy, closing(sqlite3.connect(path, timeout=30)) as target:
        copy.deserialize(data)
        try:
            healthy = copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            healthy = False
        if not healthy:
            raise BackupError(
                BackupProblem.NOT_A_BACKUP, "the backup is damaged (SQLite's quick_check failed)"
            )
        copy.backup(target)


def rows(bind: Engine) -> dict[str, int]:
    """Rows per table (Alembic's bookkeeping left out), by table name."""
    names = sorted(set(sa.inspect(bind).get_table_names()) - {"alembic_version"})
    with bind.connect() as connection:
        return {
            name: int(connection.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one())
            for name in names
        }


def restore(*, bind: Engine, kind: Kind, data: bytes, pg_bin: Path | None = None) -> None:
    """Load a backup's plain bytes into ``bind``, which must hold no rows; refused otherwise."""
    if kind is not backup.kind_of(bind):
        raise BackupError(
            BackupProblem.KIND_MISMATCH,
            f"this is a backup of {_NAMES[kind]} and the database is {_NAMES[backup.kind_of(bind)]}: restore it into "
            "the kind of database it came from. Nothing was changed.",
        )
    if kind is Kind.SQLITE:  # a new data folder: its database file is made on first use
        backup.sqlite_path(bind).parent.mkdir(parents=True, exist_ok=True)
    filled = {name: count for name, count in rows(bind).items() if count}
    if filled:
        some = ", ".join(f"{name}: {count}" for name, count in list(filled.items())[:4])
        more = ", …" if len(filled) > 4 else ""
        raise BackupError(
            BackupProblem.NOT_EMPTY,
            f"the database already holds data (rows: {some}{more}): restore only into an empty database. "
            "Nothing was changed.",
        )
    if kind is Kind.SQLITE:
        _sqlite_load(bind, data)
    else:
        backup_pg.load(bind, data, pg_bin)


def check_revision(bind: Engine) -> None:
    """Refuse a restored database at a migration this code does not know (a newer Paso)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    with bind.connect() as connection:
        if "alembic_version" not in sa.inspect(connection).get_table_names():
            return
        current = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    if current is None:
        return
    try:
        ScriptDirectory(str(ROOT / "alembic")).get_revision(current)
    except CommandError as error:
        raise BackupError(
            BackupProblem.NEWER_VERSION,
            f"the backup is at migration {current}, which this version of Paso does not know (its newest is "
            f"{head_revision()}): it was restored but not migrated; update Paso, then run `make migrate`.",
        ) from error


def end_sessions(bind: Engine) -> int:
    """Sign every desk out; how many sessions there were."""
    with bind.begin() as connection:
        return int(connection.execute(sa.text("DELETE FROM staffsession")).rowcount)
