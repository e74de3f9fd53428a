"""Operator commands: ``python -m rxapp.cli COMMAND``.

migrate                                 bring the database to the newest schema
sample [--force]                        load the sample directory (when empty, or --force)
setup                                   migrate, then load the sample when empty
check-db                                say whether the database is ready
create-coordinator USERNAME [--name N]  add a coordinator account; the password comes from
                                        PASO_NEW_PASSWORD, or is asked for twice
retention                               delete registrations older than PASO_RETENTION_DAYS
                                        (keeping anonymous counts) once; the running app also
                                        does it on start and daily. Several workers: one does.
                                        Backups older than PASO_BACKUP_KEEP_DAYS go too.
backup [--to DIR]                       back up the database into a dated file (encrypted to
                                        PASO_BACKUP_RECIPIENT if set); delete older backups
restore FILE [--identity KEYFILE]       restore a backup into an EMPTY database, migrate it,
                                        apply retention, and count the rows per table
hsds-export DIR [--locale L]            write the public directory as Open Referral HSDS 3.0
                                        JSON (services, organizations, taxonomies, terms) and
                                        its tabular datapackage (DIR/datapackage/: CSV files)
                                        in one locale (default: PASO_DEFAULT_LOCALE); docs/hsds.md
hsds-import PATH [--dry-run] [--locale L] [--source NAME]
                                        import HSDS 3.0 JSON (a file: one document or a list;
                                        or a folder as hsds-export writes it), matched by HSDS
                                        id, in one transaction; texts in L; records marked as
                                        coming from NAME (default: the file name), unreviewed
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from getpass import getpass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.models import Role, utcnow
from rxapp.services import auth, backup, content, restore, retention, sample
from rxapp.services.backup_errors import BackupError
from rxapp.services.db import DatabaseNotReadyError, check_schema, engine, unreachable
from rxapp.settings import get_settings


def migrate(bind: Engine) -> None:
    """Bring the schema to the newest committed Alembic revision."""
    if bind.url.get_backend_name() == "sqlite" and bind.url.database:
        get_settings().data_dir.mkdir(parents=True, exist_ok=True)
    with bind.connect() as connection:
        from rxapp import reflex_compat  # imports Reflex: only when migrating

        reflex_compat.alembic_upgrade(connection)
        connection.commit()
    with Session(bind) as session:  # keys made by older search rules (rxapp.services.search)
        if content.reindex_outdated(session):
            content.bump_revision(session)
            session.commit()


def load_sample(bind: Engine, *, force: bool = False) -> str:
    """Load the sample directory when the database is empty (or ``force``)."""
    with Session(bind) as session:
        if not force and not sample.is_empty(session):
            # A sample deployment from before the important numbers gets the sample's numbers.
            if sample.numbers_missing(session):
                return (
                    f"the sample directory was there: loaded {sample.add_numbers(session)} important numbers"
                )
            return "the directory already has data: sample not loaded"
        count = sample.load(session)
    return f"loaded the sample directory: {count} services"


# What the operator is told when a coordinator cannot be created.
REFUSALS = {
    auth.AuthProblem.WEAK_PASSWORD: f"password too weak: at least {auth.MIN_PASSWORD} characters, "
    "not the username, not one character repeated",
    auth.AuthProblem.USERNAME_INVALID: "username must be 3-40 characters of a-z 0-9 . _ - "
    "and the name 1-80 characters",
    auth.AuthProblem.USERNAME_TAKEN: "that username is taken",
}


def create_coordinator(bind: Engine, username: str, name: str, password: str) -> str:
    """Add an active coordinator account; ``AuthError`` if the name or password is refused."""
    with Session(bind) as session:
        user = auth.create_user(
            session=session, username=username, display_name=name, role=Role.COORDINATOR, password=password
        )
        return f"coordinator {user.username} created"


def _new_password() -> str:
    """From ``PASO_NEW_PASSWORD`` (scripts), else typed twice without echo."""
    if password := os.environ.get("PASO_NEW_PASSWORD"):
        return password
    password = getpass("Password: ")
    if getpass("Password again: ") != password:
        raise ValueError("the passwords differ")
    return password


def _create_coordinator(bind: Engine, argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m rxapp.cli create-coordinator")
    parser.add_argument("username")
    parser.add_argument("--name", default="", help="the name shown at the desk (default: the username)")
    args = parser.parse_args(argv)
    check_schema(bind)
    try:
        print(create_coordinator(bind, args.username, args.name or args.username, _new_password()))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    except auth.AuthError as error:
        print(REFUSALS.get(error.problem, str(error)), file=sys.stderr)
        return 1
    return 0


def run_retention(bind: Engine) -> str:
    """Delete the records past the retention period once (unless another worker is at it)."""
    settings = get_settings()
    days = settings.retention_days
    holder = f"{socket.gethostname()}:{os.getpid()}"
    # Every worker prunes its own machine's backups: a copy must not outlive the retention period.
    old = backup.prune(folder=settings.backup_folder, days=settings.backup_days, now=utcnow())
    pruned = f"; {len(old)} backups older than {settings.backup_days} days deleted" if old else ""
    count = retention.run(bind=bind, days=days, now=utcnow(), tz=settings.tz, holder=holder)
    if count is None:
        return f"retention: another worker is running it{pruned}"
    return f"retention: {count} records older than {days} days deleted{pruned}"


def make_backup(bind: Engine, folder: Path | None = None) -> str:
    """Back up the database into ``folder`` (default: the configured one), then prune it."""
    settings = get_settings()
    check_schema(bind)
    to = backup.recipients(settings.backup_recipient)
    folder = folder or settings.backup_folder
    now = utcnow()
    path = backup.create(bind=bind, folder=folder, now=now, to=to, pg_bin=settings.pg_bin)
    old = backup.prune(folder=folder, days=settings.backup_days, now=now)
    sealed = f"encrypted to {len(to)} age key(s)" if to else "NOT encrypted: set PASO_BACKUP_RECIPIENT"
    return (
        f"backup written: {path} ({path.stat().st_size:,} bytes, {sealed}); "
        f"{len(old)} backups older than {settings.backup_days} days deleted"
    )


def restore_backup(bind: Engine, file: Path, identity: Path | None = None) -> list[str]:
    """Restore ``file`` into the (empty) database, bring it to the newest schema, apply retention."""
    keys = backup.identities(identity) if identity else []
    kind, data = backup.read(file, keys)
    restore.restore(bind=bind, kind=kind, data=data, pg_bin=get_settings().pg_bin)
    restore.check_revision(bind)
    migrate(bind)  # a backup from an older version of Paso
    check_schema(bind)
    ended = restore.end_sessions(bind)
    return [
        f"restored {file.name} into {bind.url.render_as_string(hide_password=True)}",
        f"desk sessions ended: {ended} (every tablet signs in again)",
        # Records that passed the retention period since the backup was made must not come back.
        run_retention(bind),
        *(f"  {table:<24}{count:>8,}" for table, count in restore.rows(bind).items()),
    ]


def _backup_commands(bind: Engine, command: str, argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m rxapp.cli {command}")
    if command == "backup":
        parser.add_argument("--to", type=Path, help="folder (default: PASO_BACKUP_DIR or <data>/backups)")
        print(make_backup(bind, parser.parse_args(argv).to))
        return 0
    parser.add_argument("file", type=Path)
    parser.add_argument("--identity", type=Path, help="age identity file (from age-keygen) for a .age backup")
    args = parser.parse_args(argv)
    print("\n".join(restore_backup(bind, args.file, args.identity)))
    return 0


def hsds_export(bind: Engine, argv: list[str]) -> int:
    """Write the public directory as HSDS files, with a progress line on long exports."""
    from rxapp.services.hsds import export  # the export's modules only when exporting

    parser = argparse.ArgumentParser(prog="python -m rxapp.cli hsds-export")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--locale", help="one of PASO_LOCALES (default: PASO_DEFAULT_LOCALE)")
    args = parser.parse_args(argv)
    check_schema(bind)

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,}/{total:,} services", end="", file=sys.stderr, flush=True)

    with Session(bind) as session:  # open while writing: the services are read as they are written
        try:
            dataset = export.stream(session=session, locale=args.locale, progress=progress)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        written = export.write(dataset, args.folder)
    print(file=sys.stderr)
    for path in written:
        print(path)
    return 0


def hsds_import(bind: Engine, argv: list[str]) -> int:
    """Import HSDS files, or with ``--dry-run`` say what importing them would do."""
    from rxapp.services.hsds import files_in, importer  # the import's modules only when importing
    from rxapp.services.hsds.reading import InvalidDocumentError

    parser = argparse.ArgumentParser(prog="python -m rxapp.cli hsds-import")
    parser.add_argument("path", type=Path, help="a JSON file (one document or a list) or a folder of them")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")
    parser.add_argument("--locale", help="the language of the texts (default: PASO_DEFAULT_LOCALE)")
    parser.add_argument("--source", help="where the records come from (default: the file or folder name)")
    args = parser.parse_args(argv)
    settings = get_settings()
    locale = args.locale or settings.default_locale
    if locale not in settings.locales:
        print(f"unknown locale {locale!r}: Paso has {', '.join(settings.locales)}", file=sys.stderr)
        return 1
    check_schema(bind)
    try:
        documents = files_in.scan(args.path)  # checked; read again one at a time
    except InvalidDocumentError as error:
        print(f"nothing imported: {args.path} is not valid HSDS 3.0", file=sys.stderr)
        print("\n".join(error.problems), file=sys.stderr)
        return 1

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,}/{total:,} documents", end="", file=sys.stderr, flush=True)

    with Session(bind) as session:
        try:
            report = importer.run(
                session=session,
                documents=documents,
                locale=locale,
                source=(args.source or args.path.name)[:200],
                dry_run=args.dry_run,
                progress=progress,
            )
        except InvalidDocumentError as error:
            print(f"\nnothing imported: {args.path} is not valid HSDS 3.0", file=sys.stderr)
            print("\n".join(error.problems), file=sys.stderr)
            return 1
    print(file=sys.stderr)
    print("\n".join(report.lines()))
    return 0


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
        elif command == "create-coordinator":
            return _create_coordinator(bind, argv[1:])
        elif command == "retention":
            check_schema(bind)
            print(run_retention(bind))
        elif command == "hsds-export":
            return hsds_export(bind, argv[1:])
        elif command == "hsds-import":
            return hsds_import(bind, argv[1:])
        elif command in ("backup", "restore"):
            return _backup_commands(bind, command, argv[1:])
        else:
            print(__doc__)
            return 2
    except (DatabaseNotReadyError, BackupError) as error:
        print(error, file=sys.stderr)
        return 1
    except sa.exc.OperationalError as error:  # e.g. `make run` with the database server down
        print(unreachable(bind, error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
