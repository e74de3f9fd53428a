"""`python -m rxapp.cli backup` and `restore` (issue 16, backups and restore), on SQLite and on
PostgreSQL: the operator's round trip, refusals in one line that change nothing, and backups
deleted by the backup command and the daily retention job once older than the period.

PostgreSQL is skipped loudly when unreachable; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import cli
from rxapp.models import StaffSession, utcnow
from rxapp.services import audit, backup, backup_pg, restore, retention
from rxapp.services.backup import Kind
from rxapp.services.db import check_schema, make_engine
from rxapp.settings import Settings, get_settings
from tests.data import people
from tests.data.needs import PG_URL, missing
from tests.data.people import NAME, PHONE

MARIA = audit.Actor(staff_id=1, username="maria")
PEOPLE = ("registration", "note", "statuschange", "referral", "staffuser", "service", "translation")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder of its own (settings read afresh), no encryption unless a test sets it."""
    monkeypatch.setenv("PASO_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def _setenv(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()


def _fill(bind: Engine) -> int:
    """Migrate, load the sample, add people with a history; one registered 91 days ago, not yet
    purged (the daily job had not run): its id."""
    cli.migrate(bind)
    cli.load_sample(bind)
    with Session(bind) as session:
        author = people.staff(session, name="María V.", username="maria")
        person = people.register(session, **people.SOMEONE)
        people.history(session, registration_id=person, author_id=author)
        people.refer(session, registration_id=person, author_id=author)
        session.add(StaffSession(token_hash="0" * 64, user_id=author))  # a tablet signed in
        session.commit()
        return people.register(session, name="Past Retention", at=utcnow() - dt.timedelta(days=91))


def _rows(bind: Engine, table: str) -> list[str]:
    with bind.connect() as connection:
        return sorted(map(repr, connection.execute(sa.text(f"SELECT * FROM {table}")).all()))


def _run(monkeypatch: pytest.MonkeyPatch, bind: Engine, *argv: str) -> int:
    monkeypatch.setattr(cli, "engine", lambda: bind)
    return cli.main(list(argv))


def _only(folder: Path) -> Path:
    (found,) = folder.iterdir()
    return found


def _check_round_trip(live: Engine, restored: Engine, out: str, *, old_person: int) -> None:
    check_schema(restored)  # at the migration head
    assert "desk sessions ended: 1 (every tablet signs in again)" in out
    assert _rows(restored, "staffsession") == []
    assert "retention: 1 records older than 90 days deleted" in out  # the backup's stale record
    assert [line.split() for line in out.splitlines() if line.startswith("  registration")] == [
        ["registration", "2"]  # SOMEONE, history's "Someone Else"; "Past Retention" went
    ]
    with restored.connect() as connection:
        ids = set(connection.execute(sa.text("SELECT id FROM registration")).scalars())
    assert old_person not in ids and len(ids) == 2
    for table in PEOPLE[1:]:
        assert _rows(restored, table) == _rows(live, table), table


def test_backup_and_restore_commands_round_trip_to_the_migration_head(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = make_engine(f"sqlite:///{data_dir / 'paso.db'}")
    old_person = _fill(live)
    assert _run(monkeypatch, live, "backup") == 0
    said = capsys.readouterr().out
    path = _only(data_dir / "backups")
    assert f"backup written: {path}" in said and "NOT encrypted" in said
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    restored = make_engine(f"sqlite:///{tmp_path / 'new' / 'paso.db'}")
    assert _run(monkeypatch, restored, "restore", str(path)) == 0
    _check_round_trip(live, restored, capsys.readouterr().out, old_person=old_person)


def test_restore_into_a_database_with_data_is_refused_in_one_line_and_changes_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = make_engine(f"sqlite:///{data_dir / 'paso.db'}")
    _fill(live)
    assert _run(monkeypatch, live, "backup") == 0
    before = {table: _rows(live, table) for table in (*PEOPLE, "auditentry", "alembic_version")}
    capsys.readouterr()
    assert _run(monkeypatch, live, "restore", str(_only(data_dir / "backups"))) == 1
    said = capsys.readouterr()
    assert said.out == "" and len(said.err.strip().splitlines()) == 1
    assert "already holds data" in said.err and "Nothing was changed" in said.err
    assert {table: _rows(live, table) for table in before} == before


def test_encrypted_backup_restores_with_the_identity_file_and_not_with_another(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key, other = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    _setenv(monkeypatch, PASO_BACKUP_RECIPIENT=str(key.to_public()))
    (tmp_path / "key.txt").write_text(f"# public key: {key.to_public()}\n{key}\n")
    (tmp_path / "other.txt").write_text(f"{other}\n")
    live = make_engine(f"sqlite:///{data_dir / 'paso.db'}")
    old_person = _fill(live)
    assert _run(monkeypatch, live, "backup") == 0
    assert "encrypted to 1 age key(s)" in capsys.readouterr().out
    path = _only(data_dir / "backups")
    assert path.suffix == ".age" and NAME.encode() not in path.read_bytes()
    restored = make_engine(f"sqlite:///{tmp_path / 'new' / 'paso.db'}")
    assert _run(monkeypatch, restored, "restore", str(path), "--identity", str(tmp_path / "other.txt")) == 1
    assert "encrypted to another one" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()  # refused before anything was made
    assert _run(monkeypatch, restored, "restore", str(path), "--identity", str(tmp_path / "key.txt")) == 0
    _check_round_trip(live, restored, capsys.readouterr().out, old_person=old_person)


def test_a_folder_that_cannot_be_written_is_named_in_one_line(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = make_engine(f"sqlite:///{data_dir / 'paso.db'}")
    cli.migrate(live)
    (tmp_path / "usb").write_text("a file, not a folder")
    assert _run(monkeypatch, live, "backup", "--to", str(tmp_path / "usb" / "paso")) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"cannot write {tmp_path / 'usb' / 'paso'}") and "No backup was kept" in said
    assert len(said.strip().splitlines()) == 1


def test_a_backup_from_a_newer_paso_is_named_not_a_traceback(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = make_engine(f"sqlite:///{data_dir / 'paso.db'}")
    cli.migrate(live)
    with live.begin() as connection:  # as a later version of Paso would leave it
        connection.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dfeedbeef'"))
    assert _run(monkeypatch, live, "backup") == 1  # the live database says so too
    assert "f00dfeedbeef" in capsys.readouterr().err
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(backup._sqlite_dump(live))
    restored = make_engine(f"sqlite:///{tmp_path / 'new' / 'paso.db'}")
    assert _run(monkeypatch, restored, "restore", str(path)) == 1
    said = capsys.readouterr().err
    assert "migration f00dfeedbeef, which this version of Paso does not know" in said
    assert "update Paso" in said and len(said.strip().splitlines()) == 1


def _old_backups(folder: Path, *ages: float) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for days in ages:
        made = utcnow() - dt.timedelta(days=days)
        paths.append(folder / backup.file_name(Kind.SQLITE, made, encrypted=True))
        paths[-1].write_bytes(b"old")
    return paths


def test_the_backup_command_deletes_backups_older_than_the_keep_period(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _setenv(monkeypatch, PASO_BACKUP_KEEP_DAYS="7")
    old, recent = _old_backups(data_dir / "backups", 7.01, 6.9)
    live = make_engine(f"sqlite:///{data_dir / 'paso.db'}")
    cli.migrate(live)
    assert _run(monkeypatch, live, "backup") == 0
    assert "1 backups older than 7 days deleted" in capsys.readouterr().out
    assert not old.exists() and recent.exists()
    assert len(list((data_dir / "backups").iterdir())) == 2


def test_the_daily_retention_job_deletes_backups_older_than_the_retention_period(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, empty_engine: Engine
) -> None:
    """rxapp/jobs.py runs run_retention daily on every worker: each prunes its machine's backups."""
    _setenv(monkeypatch, PASO_BACKUP_DIR=str(tmp_path / "elsewhere"))
    old, recent = _old_backups(tmp_path / "elsewhere", 90.01, 89.9)
    message = cli.run_retention(empty_engine)
    assert message.endswith("; 1 backups older than 90 days deleted")
    assert not old.exists() and recent.exists()


def test_backups_cannot_be_kept_longer_than_the_retention_period() -> None:
    with pytest.raises(ValidationError, match="PASO_BACKUP_KEEP_DAYS"):
        Settings(retention_days=30, backup_keep_days=31)
    assert Settings(retention_days=30).backup_days == 30
    assert Settings(retention_days=30, backup_keep_days=7).backup_days == 7


@pytest.fixture
def pg_databases() -> Iterator[tuple[Engine, Engine]]:
    """Two new databases on the local PostgreSQL: the live one and where a backup is restored."""
    names = [f"paso_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("live", "new")]
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any connection problem means "unreachable"
        missing(f"PostgreSQL UNREACHABLE, its backup tests did not run: {error}")
    engines = [make_engine(str(sa.make_url(PG_URL).set(database=name))) for name in names]
    try:
        yield engines[0], engines[1]
    finally:
        for engine in engines:
            engine.dispose()
        with admin.connect() as connection:
            for name in names:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
def test_postgres_backup_and_restore_through_pg_dump(
    pg_databases: tuple[Engine, Engine],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live, restored = pg_databases
    key = pyrage.x25519.Identity.generate()
    (tmp_path / "key.txt").write_text(f"{key}\n")
    _setenv(monkeypatch, PASO_BACKUP_RECIPIENT=str(key.to_public()))
    old_person = _fill(live)
    assert _run(monkeypatch, live, "backup") == 0
    path = _only(data_dir / "backups")
    assert path.name.endswith(".pgdump.age")
    _, plain = backup.read(path, [key])
    assert plain.startswith(b"PGDMP")
    cli.migrate(restored)  # migrated, empty: as after `make migrate` on a new database
    capsys.readouterr()
    assert _run(monkeypatch, restored, "restore", str(path), "--identity", str(tmp_path / "key.txt")) == 0
    _check_round_trip(live, restored, capsys.readouterr().out, old_person=old_person)
    with Session(restored) as session:  # the sequences came along: new ids do not collide
        assert people.register(session, name="After Restore") > old_person
    assert _run(monkeypatch, restored, "restore", str(path), "--identity", str(tmp_path / "key.txt")) == 1
    assert "already holds data" in capsys.readouterr().err


@pytest.mark.postgres
def test_postgres_an_erased_person_is_not_in_a_later_backup(
    pg_databases: tuple[Engine, Engine], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pg_dump copies rows, not pages: after the desk's erasure the person is in no later dump."""
    live, restored = pg_databases
    cli.migrate(live)
    with Session(live) as session:
        person = people.register(session, **people.SOMEONE)
        people.history(session, registration_id=person)
        assert retention.erase(session=session, registration_id=person, actor=MARIA, now=people.NOW)
    assert _run(monkeypatch, live, "backup") == 0
    archive = _only(data_dir / "backups").read_bytes()
    tool = backup_pg._tool("pg_restore", None)
    sql = subprocess.run([tool, "--file=-"], input=archive, capture_output=True, check=True).stdout
    assert b"Someone Else" in sql  # the dump's text does hold the other person
    assert NAME.encode() not in sql and PHONE.encode() not in sql and b"insulin" not in sql
    restore.restore(bind=restored, kind=Kind.POSTGRESQL, data=archive)
    assert _rows(restored, "registration") == _rows(live, "registration")


@pytest.mark.postgres
def test_postgres_client_tools_older_than_the_server_are_named_before_anything_runs(
    pg_databases: tuple[Engine, Engine],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """pg_dump refuses a newer server; say which client tools to install, and write no file."""
    live, _ = pg_databases
    cli.migrate(live)
    tools = tmp_path / "pg9"
    tools.mkdir()
    (tools / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    (tools / "pg_dump").chmod(0o755)
    _setenv(monkeypatch, PASO_PG_BIN=str(tools))
    assert _run(monkeypatch, live, "backup") == 1
    said = capsys.readouterr().err
    server = backup_pg.server_major(live)
    assert f"pg_dump 9 cannot work with a PostgreSQL {server} server" in said
    assert f"postgresql-client-{server}" in said and len(said.strip().splitlines()) == 1
    assert not (data_dir / "backups").exists() or not list((data_dir / "backups").iterdir())
