"""Backups (issue 16, backups and restore): a faithful copy, encrypted to a key the server does
not hold, restored only into an empty database, deleted once older than the retention period,
and never a way back for a person erased before it was made."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pyrage
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from rxapp.models import AuditAction
from rxapp.services import audit, backup, restore, retention, sample
from rxapp.services.backup import Kind
from rxapp.services.backup_errors import BackupError, BackupProblem
from rxapp.services.db import make_engine
from tests.data import people
from tests.data.db import dump
from tests.data.needs import missing
from tests.data.people import NAME, NOW, PHONE

MARIA = audit.Actor(staff_id=1, username="maria")
NOTE = "Needs insulin, sister in Tapachula"  # people.history's note


@pytest.fixture
def filled(empty_engine: Engine) -> Engine:
    """The sample directory, staff, people with notes, statuses, referrals and an audit row."""
    with Session(empty_engine) as session:
        sample.load(session)
        author = people.staff(session, name="María V.", username="maria")
        person = people.register(session, **people.SOMEONE)
        people.history(session, registration_id=person, author_id=author)
        people.refer(session, registration_id=person, author_id=author)
        audit.record(session=session, actor=MARIA, action=AuditAction.OPEN, record_id=person)
    return empty_engine


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Engine]:
    """A new data folder with no database yet: where a backup is restored."""
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh' / 'paso.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def tables(tmp_path: Path) -> Iterator[Engine]:
    """Another database with the tables and no rows (as after `make migrate`)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tables.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def key() -> Any:
    """The operator's age identity; the server gets only its public half."""
    return pyrage.x25519.Identity.generate()


def _roundtrip(source: Engine, target: Engine, folder: Path, **keys: Any) -> None:
    path = backup.create(bind=source, folder=folder, now=NOW, to=keys.get("to", ()))
    kind, data = backup.read(path, keys.get("identities", ()))
    restore.restore(bind=target, kind=kind, data=data)


@pytest.mark.parametrize("target", ["fresh", "tables"])
def test_a_sqlite_backup_restores_every_row_of_every_table(
    filled: Engine, target: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Into a new data folder, or into a migrated database that holds no rows yet."""
    restored: Engine = request.getfixturevalue(target)
    _roundtrip(filled, restored, tmp_path / "backups")
    before = dump(filled)
    assert all(
        before[table] != "[]" for table in ("registration", "note", "referral", "service", "staffuser")
    )
    assert dump(restored) == before


def test_a_backup_is_dated_owner_only_and_leaves_no_partial_file(filled: Engine, tmp_path: Path) -> None:
    path = backup.create(bind=filled, folder=tmp_path / "b", now=NOW, to=())
    assert path.name == "paso-20261202T180000Z.sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert backup.made_at(path) == NOW
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as copy:  # a file of its own
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with pytest.raises(BackupError) as refused:  # the same second: never overwritten
        backup.create(bind=filled, folder=tmp_path / "b", now=NOW, to=())
    assert refused.value.problem is BackupProblem.EXISTS


def test_a_backup_while_a_writer_holds_a_transaction_takes_what_is_committed(
    filled: Engine, fresh: Engine, tmp_path: Path
) -> None:
    """The app keeps writing during a backup (WAL): the backup neither waits nor sees half a write."""
    with closing(sqlite3.connect(str(filled.url.database), isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE registration SET name = 'Half Written'")
        _roundtrip(filled, fresh, tmp_path / "b")
        writer.execute("ROLLBACK")
    assert "Half Written" not in dump(fresh)["registration"]
    assert NAME in dump(fresh)["registration"]


def test_an_encrypted_backup_is_age_and_restores_only_with_the_identity(
    filled: Engine, fresh: Engine, tmp_path: Path, key: Any
) -> None:
    path = backup.create(bind=filled, folder=tmp_path / "b", now=NOW, to=[key.to_public()])
    assert path.name.endswith(".sqlite3.age")
    raw = path.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n")
    assert NAME.encode() not in raw and b"SQLite format 3" not in raw
    kind, data = backup.read(path, [key])
    restore.restore(bind=fresh, kind=kind, data=data)
    assert dump(fresh) == dump(filled)


def test_an_encrypted_backup_without_or_with_the_wrong_identity_is_refused_clearly(
    filled: Engine, tmp_path: Path, key: Any
) -> None:
    path = backup.create(bind=filled, folder=tmp_path / "b", now=NOW, to=[key.to_public()])
    with pytest.raises(BackupError) as missing:
        backup.read(path)
    assert missing.value.problem is BackupProblem.NEEDS_IDENTITY
    assert "--identity" in str(missing.value)
    with pytest.raises(BackupError) as wrong:
        backup.read(path, [pyrage.x25519.Identity.generate()])
    assert wrong.value.problem is BackupProblem.WRONG_KEY
    assert "encrypted to another one" in str(wrong.value) and "Nothing was changed" in str(wrong.value)


def test_key_files_and_recipients_are_checked_and_secrets_never_echoed(tmp_path: Path, key: Any) -> None:
    good = tmp_path / "key.txt"
    good.write_text(f"# created: today\n# public key: {key.to_public()}\n{key}\n")
    assert str(backup.identities(good)[0]) == str(key)
    bad = tmp_path / "bad.txt"
    bad.write_text("AGE-SECRET-KEY-1NOTAKEYATALL\n")
    with pytest.raises(BackupError) as refused:
        backup.identities(bad)
    assert refused.value.problem is BackupProblem.BAD_IDENTITY and "NOTAKEY" not in str(refused.value)
    assert len(backup.recipients(f" {key.to_public()}, {pyrage.x25519.Identity.generate().to_public()}")) == 2
    assert backup.recipients("") == []
    with pytest.raises(BackupError) as wrong:
        backup.recipients("ssh-rsa")
    assert wrong.value.problem is BackupProblem.BAD_RECIPIENT and "PASO_BACKUP_RECIPIENT" in str(wrong.value)


def test_restore_refuses_a_database_that_holds_data_and_changes_nothing(
    filled: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    path = backup.create(bind=filled, folder=tmp_path / "b", now=NOW, to=())
    with Session(filled) as session:  # the live database goes on: one more person
        people.register(session, name="After The Backup")
    before = dump(filled)
    kind, data = backup.read(path)
    with pytest.raises(BackupError) as refused:
        restore.restore(bind=filled, kind=kind, data=data)
    assert refused.value.problem is BackupProblem.NOT_EMPTY
    assert "restore only into an empty database" in str(refused.value)
    assert dump(filled) == before


def test_restore_refuses_a_backup_of_another_kind_of_database(filled: Engine, tmp_path: Path) -> None:
    path = backup.create(bind=filled, folder=tmp_path / "b", now=NOW, to=())
    kind, data = backup.read(path)
    postgres = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # never connected to
    with pytest.raises(BackupError) as refused:
        restore.restore(bind=postgres, kind=kind, data=data)
    assert refused.value.problem is BackupProblem.KIND_MISMATCH
    assert "a backup of SQLite and the database is PostgreSQL" in str(refused.value)
    assert kind is Kind.SQLITE


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "paso.csv"
    other.write_text("name,phone\n")
    with pytest.raises(BackupError) as refused:
        backup.read(other)
    assert refused.value.problem is BackupProblem.NOT_A_BACKUP


def test_prune_deletes_only_paso_backups_older_than_the_period(tmp_path: Path) -> None:
    def made(days: float, suffix: str) -> Path:
        path = tmp_path / backup.file_name(Kind.SQLITE, NOW - dt.timedelta(days=days), encrypted=False)
        path = path.with_name(path.name.replace(".sqlite3", suffix))
        path.write_bytes(b"x")
        return path

    old = [made(91, ".sqlite3"), made(90.01, ".pgdump.age"), made(95, ".sqlite3.age.partial")]
    kept = [made(89, ".sqlite3"), made(1, ".pgdump"), tmp_path / "notes.txt", tmp_path / "paso-old.sqlite3"]
    for path in kept[2:]:
        path.write_text("the operator's own file")
    assert sorted(backup.prune(folder=tmp_path, days=90, now=NOW)) == sorted(old)
    assert sorted(tmp_path.iterdir()) == sorted(kept)
    assert backup.prune(folder=tmp_path / "missing", days=90, now=NOW) == []


def test_an_erased_person_does_not_come_back_from_a_backup_made_after_the_erasure(
    empty_engine: Engine, fresh: Engine, tmp_path: Path, key: Any
) -> None:
    """Erased at the desk (retention.erase, what the desk calls), then backed up: the person is in
    neither the restored database nor the backup's bytes (secure_delete zeroed them). A backup
    made before the erasure still holds them: why backups age out with the retention period."""
    with Session(empty_engine) as session:
        author = people.staff(session, name="María V.", username="maria")
        person = people.register(session, **people.SOMEONE)
        people.history(session, registration_id=person, author_id=author)
        people.register(session, name="Stays Here")
    before = backup.create(bind=empty_engine, folder=tmp_path / "b", now=NOW, to=[key.to_public()])
    with Session(empty_engine) as session:
        assert retention.erase(session=session, registration_id=person, actor=MARIA, now=NOW)
    after = backup.create(
        bind=empty_engine, folder=tmp_path / "b", now=NOW + dt.timedelta(seconds=1), to=[key.to_public()]
    )
    personal = (NAME.encode(), PHONE.encode(), NOTE.encode())
    _, plain_before = backup.read(before, [key])
    assert all(value in plain_before for value in personal)
    kind, plain_after = backup.read(after, [key])
    assert not [value for value in personal if value in plain_after]
    restore.restore(bind=fresh, kind=kind, data=plain_after)
    restored = "".join(dump(fresh).values())
    assert "Stays Here" in restored
    assert NAME not in restored and PHONE not in restored and "insulin" not in restored


def test_an_encrypted_backup_is_read_by_the_standard_age_tool(
    filled: Engine, tmp_path: Path, key: Any
) -> None:
    """The operator can decrypt without Paso (docs/operators.md says so): age -d -i KEY FILE."""
    age = shutil.which("age")
    if age is None:  # `make test` installs it (make age-tool); under CI its absence is a failure
        missing("the age tool is not installed (make age-tool): interop not checked")
    path = backup.create(bind=filled, folder=tmp_path / "b", now=NOW, to=[key.to_public()])
    (tmp_path / "key.txt").write_text(f"{key}\n")
    plain = subprocess.run(
        [age, "-d", "-i", str(tmp_path / "key.txt"), str(path)], capture_output=True, check=True
    )
    assert plain.stdout == backup.read(path, [key])[1]
    assert plain.stdout.startswith(b"SQLite format 3\x00")
