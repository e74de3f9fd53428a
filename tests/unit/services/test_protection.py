"""Data protection: retention with its job lock, erasure, export and the audit log."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, func, select

from rxapp import cli
from rxapp.models import (
    AuditAction,
    AuditEntry,
    JobLock,
    Note,
    RateCounter,
    Referral,
    Registration,
    StaffSession,
    StatusChange,
    Tally,
)
from rxapp.services import audit, retention
from rxapp.services.ratelimit import WINDOW
from rxapp.settings import Settings, get_settings
from tests.data import people
from tests.data.db import count, dump
from tests.data.people import NAME, NOW, PHONE

TZ = ZoneInfo("America/Mexico_City")
DAYS = Settings.model_fields["retention_days"].default
MARIA = audit.Actor(staff_id=1, username="maria")


def _ids(session: Session) -> set[int | None]:
    return set(session.exec(select(Registration.id)).all())


def _audit(session: Session) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).order_by(AuditEntry.id)).all())  # type: ignore[arg-type]


def test_retention_deletes_records_older_than_the_default_90_days(empty_engine: Engine) -> None:
    assert DAYS == 90
    with Session(empty_engine) as session:
        old, recent = (
            people.register(session, **people.SOMEONE, at=people.ago(days=91)),
            people.register(session, **people.SOMEONE, at=people.ago(days=89)),
        )
        assert retention.purge(session=session, days=DAYS, now=NOW, tz=TZ) == 1
        assert _ids(session) == {recent}
        assert old not in _ids(session)


def test_retention_deletes_notes_status_changes_and_referrals(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.history(
            session, registration_id=people.register(session, **people.SOMEONE, at=people.ago(days=91))
        )
        retention.purge(session=session, days=DAYS, now=NOW, tz=TZ)
        assert [count(session, model=model) for model in (Note, StatusChange, Referral)] == [0, 0, 0]
    assert NAME not in "".join(dump(empty_engine).values())


def test_retention_keeps_the_counts_as_tallies(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        arrived = dt.datetime(2026, 8, 1, 3, 0, tzinfo=dt.UTC)
        people.history(
            session, registration_id=people.register(session, **people.SOMEONE, at=arrived, nationality="HN")
        )
        people.register(session, **people.SOMEONE, at=arrived + dt.timedelta(hours=2))
        retention.purge(session=session, days=DAYS, now=NOW, tz=TZ)
        tallies = {(t.metric, t.key): (t.day, t.count) for t in session.exec(select(Tally)).all()}
    day = dt.date(2026, 7, 31)  # 03:00 UTC is still the evening before in Mexico City
    assert tallies == {
        ("registrations", ""): (day, 2),
        ("need", "food"): (day, 2),
        ("need", "health"): (day, 2),
        ("nationality", "HN"): (day, 1),
        ("nationality", ""): (day, 1),
        ("referral", ""): (day, 1),  # the referral's service is not in the directory
    }


def test_a_second_purge_adds_to_the_tallies(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, **people.SOMEONE, at=people.ago(days=92))
        retention.purge(session=session, days=DAYS, now=NOW - dt.timedelta(days=1), tz=TZ)
        people.register(session, **people.SOMEONE, at=people.ago(days=92))
        retention.purge(session=session, days=DAYS, now=NOW, tz=TZ)
        counts = session.exec(select(Tally.count).where(Tally.metric == "registrations")).all()
    assert sum(counts) == 2


def test_retention_writes_one_audit_row_with_the_count(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, **people.SOMEONE, at=people.ago(days=100))
        people.register(session, **people.SOMEONE, at=people.ago(days=95))
        retention.purge(session=session, days=DAYS, now=NOW, tz=TZ)
        rows = _audit(session)
    assert [(r.action, r.staff_id, r.staff_username, r.record_id, r.detail) for r in rows] == [
        (AuditAction.RETENTION, None, "", None, "2 deleted")
    ]


def test_retention_forgets_old_rate_windows_and_stale_staff_sessions(empty_engine: Engine) -> None:
    hour = int(NOW.timestamp()) // WINDOW
    with Session(empty_engine) as session:
        staff = people.staff(session, name="María V.", username="maria")
        session.add_all([RateCounter(key="k", window=hour), RateCounter(key="k", window=hour - 49)])
        session.add_all(
            [
                StaffSession(token_hash="live", user_id=staff, created_at=NOW - dt.timedelta(hours=2)),
                StaffSession(token_hash="ended", user_id=staff, created_at=NOW, ended_at=NOW),
                StaffSession(token_hash="stale", user_id=staff, created_at=NOW - dt.timedelta(days=2)),
            ]
        )
        session.commit()
        retention.purge(session=session, days=DAYS, now=NOW, tz=TZ)
        assert session.exec(select(RateCounter.window)).all() == [hour]
        assert session.exec(select(StaffSession.token_hash)).all() == ["live"]


def test_run_returns_none_while_another_worker_holds_the_lease(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, **people.SOMEONE, at=people.ago(days=91))
        session.add(JobLock(name="retention", holder="other:1", until=NOW + dt.timedelta(minutes=5)))
        session.commit()
    assert retention.run(bind=empty_engine, days=DAYS, now=NOW, tz=TZ, holder="me:2") is None
    with Session(empty_engine) as session:
        assert len(_ids(session)) == 1
        assert session.exec(select(JobLock.holder)).one() == "other:1"


def test_run_takes_over_an_expired_lease_and_releases_it(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, **people.SOMEONE, at=people.ago(days=91))
        session.add(JobLock(name="retention", holder="crashed:1", until=NOW - dt.timedelta(seconds=1)))
        session.commit()
    assert retention.run(bind=empty_engine, days=DAYS, now=NOW, tz=TZ, holder="me:2") == 1
    with Session(empty_engine) as session:
        lock = session.exec(select(JobLock)).one()
    assert (lock.holder, lock.until.replace(tzinfo=dt.UTC)) == ("me:2", NOW)
    later = NOW + dt.timedelta(seconds=1)
    assert retention.run(bind=empty_engine, days=DAYS, now=later, tz=TZ, holder="next:3") == 0


def test_the_retention_command_creates_the_lock_and_reports(empty_engine: Engine) -> None:
    message = cli.run_retention(empty_engine)
    assert message == f"retention: 0 records older than {get_settings().retention_days} days deleted"
    with Session(empty_engine) as session:
        assert session.exec(select(JobLock.name)).all() == ["retention"]


def test_erase_removes_the_person_from_every_table(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        person = people.register(session, **people.SOMEONE)
        author = people.staff(session, name="María V.", username="maria")
        people.history(session, registration_id=person, author_id=author)
        assert retention.erase(session=session, registration_id=person, actor=MARIA, now=NOW)
    key = Registration.__table__.c.id  # type: ignore[attr-defined]
    columns = [  # every column that is or points at a registration's id, in any table
        column
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if column is key or any(foreign.column is key for foreign in column.foreign_keys)
    ]
    assert len(columns) >= 6
    with empty_engine.connect() as connection:
        for column in columns:
            assert connection.execute(sa.select(func.count()).where(column == person)).scalar() == 0, column
    everything = "".join(dump(empty_engine).values())
    assert NAME not in everything
    assert PHONE not in everything
    assert "insulin" not in everything


def test_erase_does_not_depend_on_foreign_key_cascades(tmp_path: Path) -> None:
    """SQLite enforces foreign keys only with a pragma: rows about the person go regardless."""
    plain = sa.create_engine(f"sqlite:///{tmp_path / 'plain.db'}")  # no pragmas
    SQLModel.metadata.create_all(plain)
    with Session(plain) as session:
        person = people.register(session, **people.SOMEONE)
        people.history(session, registration_id=person)
        retention.erase(session=session, registration_id=person, actor=MARIA, now=NOW)
        assert [count(session, model=model) for model in (Note, StatusChange, Referral)] == [0, 0, 0]
    plain.dispose()


def test_erase_leaves_no_bytes_of_the_person_on_disk(empty_engine: Engine) -> None:
    """SQLite's secure_delete overwrites the row; the write-ahead log is emptied too."""
    with Session(empty_engine) as session:
        person = people.register(session, **people.SOMEONE)
        retention.erase(session=session, registration_id=person, actor=MARIA, now=NOW)
    folder = Path(str(empty_engine.url.database)).parent
    assert not [f.name for f in folder.iterdir() if NAME.encode() in f.read_bytes()]


def test_erase_keeps_no_tally_and_writes_an_erase_row(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        person = people.register(session, **people.SOMEONE, at=people.ago(days=91))
        retention.erase(session=session, registration_id=person, actor=MARIA, now=NOW)
        assert count(session, model=Tally) == 0
        rows = [(r.action, r.staff_id, r.staff_username, r.record_id) for r in _audit(session)]
    assert rows == [(AuditAction.ERASE, 1, "maria", person)]


def test_erase_of_an_unknown_record_is_false_and_not_logged(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        assert not retention.erase(session=session, registration_id=404, actor=MARIA, now=NOW)
        assert _audit(session) == []


def test_export_holds_the_record_its_notes_status_history_and_referrals(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        person = people.register(session, **people.SOMEONE, at=people.ago(days=3))
        author = people.staff(session, name="María V.", username="maria")
        people.history(session, registration_id=person, author_id=author, service=(None, "Casa del Migrante"))
        exported = retention.export(session=session, registration_id=person, actor=MARIA, now=NOW)
    assert exported is not None
    json.dumps(exported)  # ready as it is
    assert exported["exported_at"] == "2026-12-02T18:00:00+00:00"
    assert exported["registration"]["name"] == NAME
    assert exported["registration"]["phone"] == PHONE
    assert exported["registration"]["created_at"] == "2026-11-29T18:00:00+00:00"
    assert exported["consent_version"] == exported["registration"]["consent_version"]
    assert [(n["text"], n["author"]) for n in exported["notes"]] == [
        ("Needs insulin, sister in Tapachula", "María V.")
    ]
    assert [(s["from"], s["to"]) for s in exported["status_history"]] == [("new", "referred")]
    assert [(r["service"], r["consented"]) for r in exported["referrals"]] == [("Casa del Migrante", True)]


def test_export_writes_an_export_row_and_none_for_an_unknown_record(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        person = people.register(session, **people.SOMEONE)
        retention.export(session=session, registration_id=person, actor=MARIA, now=NOW)
        assert retention.export(session=session, registration_id=404, actor=MARIA, now=NOW) is None
        rows = [(r.action, r.record_id, r.staff_username) for r in _audit(session)]
    assert rows == [(AuditAction.EXPORT, person, "maria")]


def test_the_audit_log_holds_no_personal_data(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        person = people.register(session, **people.SOMEONE, at=people.ago(days=91))
        author = people.staff(session, name="María V.", username="maria")
        people.history(session, registration_id=person, author_id=author)
        audit.record(session=session, actor=MARIA, action=AuditAction.OPEN, record_id=person)
        audit.record(session=session, actor=MARIA, action=AuditAction.QUEUE, detail="2")
        retention.export(session=session, registration_id=person, actor=MARIA, now=NOW)
        retention.erase(session=session, registration_id=person, actor=MARIA, now=NOW)
        retention.purge(session=session, days=DAYS, now=NOW, tz=TZ)
    log = dump(empty_engine, only="auditentry")["auditentry"]
    assert "erase" in log.lower() and "retention" in log.lower()
    for personal in (NAME, PHONE, "insulin", "Someone Else"):
        assert personal not in log


def test_records_writes_one_row_per_id_in_one_statement(empty_engine: Engine) -> None:
    statements: list[str] = []
    sa.event.listen(empty_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with Session(empty_engine) as session:
        audit.records(session=session, actor=MARIA, action=AuditAction.SEARCH, record_ids=[7, 8, 9], now=NOW)
        rows = _audit(session)
    assert [(r.action, r.record_id) for r in rows] == [(AuditAction.SEARCH, i) for i in (7, 8, 9)]
    assert len([s for s in statements if s.startswith("INSERT")]) == 1


def test_log_is_newest_first_pages_back_and_filters_by_record(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        for record_id in (1, 2, 1):
            audit.record(session=session, actor=MARIA, action=AuditAction.OPEN, record_id=record_id, now=NOW)
        first = audit.log(session=session, limit=2)
        rest = audit.log(session=session, before_id=first[-1].id)
        ones = audit.log(session=session, record_id=1)
    assert [r.record_id for r in first] == [1, 2] and [r.record_id for r in rest] == [1]
    assert [r.id for r in ones] == [first[0].id, rest[0].id]
    assert (first[0].at, first[0].username, first[0].action) == (NOW, "maria", AuditAction.OPEN)
