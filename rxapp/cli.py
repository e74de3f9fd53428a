"""Operator commands: ``python -m rxapp.cli migrate | sample [--force] | setup | check-db``."""

from __future__ import annotations

import sys

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.services import sample
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
        else:
            print(__doc__)
            return 2
    except DatabaseNotReadyError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
