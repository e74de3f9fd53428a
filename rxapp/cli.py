"""Operator commands: ``python -m rxapp.cli migrate | sample [--force] | setup | check-db | retention``.

``retention`` deletes registrations older than ``PASO_RETENTION_DAYS`` (keeping anonymous
counts) once; run it daily (cron, a systemd timer). Several workers may run it: one does.
"""

from __future__ import annotations

import os
import socket
import sys

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.models import utcnow
from rxapp.services import retention, sample
from rxapp.services.db import DatabaseNotReadyError, check_schema, engine
from rxapp.settings import get_settings


def migrate(bind: Engine) -> None:
    """Bring the schema to the newest committed Alembic revision."""
    from reflex import model  # Reflex's runner reads alembic.ini and alembic/versions

    if bind.url.get_backend_name() == "sqlite" and bind.url.database:
        get_settings().data_dir.mkdir(parents=True, exist_ok=True)
    with bind.connect() as connection:
        model._alembic_upgrade(connection=connection)  # type: ignore[attr-defined]
        connection.commit()


def load_sample(bind: Engine, *, force: bool = False) -> str:
    """Load the sample directory when the database is empty (or ``force``)."""
    with Session(bind) as session:
        if not force and not sample.is_empty(session):
            return "the directory already has data: sample not loaded"
        count = sample.load(session)
    return f"loaded the sample directory: {count} services"


def run_retention(bind: Engine) -> str:
    """Delete the records past the retention period once (unless another worker is at it)."""
    settings = get_settings()
    days = settings.retention_days
    holder = f"{socket.gethostname()}:{os.getpid()}"
    count = retention.run(bind=bind, days=days, now=utcnow(), tz=settings.tz, holder=holder)
    if count is None:
        return "retention: another worker is running it"
    return f"retention: {count} records older than {days} days deleted"


def main(argv: list[str]) -> int:
    """Command-line entry point."""
    command = argv[0] if argv else ""
    bind = engine()
    try:
        if command == "migrate":
            migrate(bind)
            print("database migrated")
        elif command == "sample":
            check_schema(bind)
            print(load_sample(bind, force="--force" in argv))
        elif command == "setup":
            migrate(bind)
            print(load_sample(bind))
        elif command == "check-db":
            check_schema(bind)
            print("database ready")
        elif command == "retention":
            check_schema(bind)
            print(run_retention(bind))
        else:
            print(__doc__)
            return 2
    except DatabaseNotReadyError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
