"""Phones and hours per place (migration 4a6e8c2b1d57): a service's at one of its places, a
place's own, and a weekly slot's validity and description."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services.hsds import reading, schedules_in
from tests.data.needs import PG_URL, missing
from tests.data.places import at_two_places
from tests.unit.hsds.conftest import Validate
from tests.unit.hsds.test_import import as_source, exported, imported, rows
from tests.unit.hsds.test_import_input import EXAMPLES, example, needs_examples

SEVEN, NINE, ONE, FOUR, SIX = dt.time(7), dt.time(9), dt.time(13), dt.time(16), dt.time(18)
WINTER = (dt.date(2026, 12, 1), dt.date(2027, 2, 28))


def _placed(bind: Engine) -> str:
    """The first public service at two places with other hours and phones; its HSDS id.

    The first place also has its own reception phone and opening hours, and the service a
    winter-only slot with a description."""
    with Session(bind) as session:
        service, first, second = at_two_places(session)
        assert service.id is not None and first.id is not None and second.id is not None
        session.add_all([
            m.Phone(service_at_location_id=first.id, number="+52 962 555 7101", description="Mostrador"),
            m.Phone(service_at_location_id=second.id, number="+52 962 555 7202", type=m.PhoneType.CELL),
            m.Phone(location_id=first.location_id, number="+52 962 555 7300", description="Recepción"),
            m.ScheduleSlot(service_at_location_id=first.id, weekday=0, opens_at=NINE, closes_at=ONE),
            m.ScheduleSlot(service_at_location_id=second.id, weekday=2, opens_at=FOUR, closes_at=SIX),
            m.ScheduleSlot(location_id=first.location_id, weekday=4, opens_at=NINE, closes_at=SIX),
            m.ScheduleSlot(
                service_id=service.id,
                weekday=6,
                opens_at=SEVEN,
                closes_at=NINE,
                valid_from=WINTER[0],
                valid_to=WINTER[1],
                description="Solo en invierno",
            ),
        ])  # fmt: skip
        session.commit()
        return service.uuid


def _service(services: list[dict[str, Any]], uuid: str) -> dict[str, Any]:
    return next(s for s in services if s["id"] == uuid)


def _copied(sample: Engine, empty: Engine, folder: Path) -> tuple[str, dict[str, Any]]:
    """The sample, placed (``_placed``), exported into ``folder`` and imported into ``empty``:
    the placed service's HSDS id and its exported document."""
    uuid = _placed(sample)
    dataset = exported(sample, folder)
    imported(empty, folder)
    return uuid, _service(dataset.services, uuid)


def _reimported(empty: Engine, folder: Path, document: dict[str, Any]) -> Any:
    """One changed service document imported into ``empty`` from ``folder``; the report."""
    folder.mkdir()
    (folder / "services.json").write_text(json.dumps([document]), encoding="utf-8")
    return imported(empty, folder)


def _numbers(document: dict[str, Any]) -> set[str]:
    return {phone["number"] for phone in document.get("phones", [])}


def test_the_export_puts_each_place_s_phones_and_hours_under_it(
    sample_copy: Engine, tmp_path: Path, hsds_validate: Validate
) -> None:
    uuid = _placed(sample_copy)
    document = _service(exported(sample_copy, tmp_path).services, uuid)
    assert hsds_validate("service", document) == []
    first, second = document["service_at_locations"]
    assert _numbers(first) == {"+52 962 555 7101"} and _numbers(second) == {"+52 962 555 7202"}
    assert first["phones"][0]["service_at_location_id"] == first["id"]
    assert [(s["byday"], s["opens_at"][:5], s["closes_at"][:5]) for s in first["schedules"]] == [
        ("MO", "09:00", "13:00")
    ]
    assert [(s["byday"], s["opens_at"][:5]) for s in second["schedules"]] == [("WE", "16:00")]
    assert second["schedules"][0]["service_at_location_id"] == second["id"]
    # The place's own reception and hours, on the location; the other place has none.
    assert _numbers(first["location"]) == {"+52 962 555 7300"}
    assert first["location"]["phones"][0]["location_id"] == first["location"]["id"]
    assert [s["byday"] for s in first["location"]["schedules"]] == ["FR"]
    assert "phones" not in second["location"] and "schedules" not in second["location"]
    # The service's own keep only what is the service's everywhere.
    assert not _numbers(document) & {"+52 962 555 7101", "+52 962 555 7202", "+52 962 555 7300"}
    winter = next(s for s in document["schedules"] if s.get("valid_from"))
    assert (winter["valid_from"], winter["valid_to"], winter["description"]) == (
        "2026-12-01",
        "2027-02-28",
        "Solo en invierno",
    )
    assert (winter["byday"], winter["service_id"]) == ("SU", uuid)
    with (tmp_path / "datapackage" / "phones.csv").open(encoding="utf-8", newline="") as table:
        reception = next(row for row in csv.DictReader(table) if row["number"] == "+52 962 555 7300")
    assert (reception["location_id"], reception["service_id"]) == (first["location"]["id"], "")


def test_per_place_phones_and_hours_round_trip_and_a_second_import_changes_nothing(
    sample_copy: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    uuid, document = _copied(sample_copy, empty_engine, tmp_path / "first")
    second = exported(empty_engine, tmp_path / "second")
    want = as_source(document)
    want.pop("assured_date", None)
    assert _service(second.services, uuid) == want
    with Session(empty_engine) as session:
        reception = session.exec(select(m.Phone).where(m.Phone.number == "+52 962 555 7300")).one()
        assert (reception.service_id, reception.service_at_location_id) == (None, None)
        assert reception.location_id is not None
        slot = session.exec(select(m.ScheduleSlot).where(col(m.ScheduleSlot.valid_from).is_not(None))).one()
        assert (slot.valid_from, slot.valid_to, slot.description) == (*WINTER, "Solo en invierno")
    before = rows(empty_engine)
    again = imported(empty_engine, tmp_path / "second")
    assert again.count("created") == again.count("updated") == 0
    assert rows(empty_engine) == before


def test_a_phone_that_moves_to_one_place_keeps_its_id_and_row(
    sample_copy: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    _, document = _copied(sample_copy, empty_engine, tmp_path / "first")
    moved = document["phones"].pop(0)
    link = document["service_at_locations"][1]
    link["phones"].append(moved | {"service_at_location_id": link["id"]})
    del moved["service_id"]
    report = _reimported(empty_engine, tmp_path / "moved", document)
    assert report.count("updated") == 1 and report.skipped == []
    with Session(empty_engine) as session:
        row = session.exec(select(m.Phone).where(m.Phone.uuid == moved["id"])).one()
        place = session.exec(select(m.ServiceAtLocation).where(m.ServiceAtLocation.uuid == link["id"])).one()
        assert (row.service_id, row.service_at_location_id) == (None, place.id)


def test_a_place_the_document_no_longer_has_goes_with_its_phones_and_hours(
    sample_copy: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    _, document = _copied(sample_copy, empty_engine, tmp_path / "first")
    gone = document["service_at_locations"].pop(1)
    assert _reimported(empty_engine, tmp_path / "less", document).count("updated") == 1
    with Session(empty_engine) as session:
        assert not session.exec(
            select(m.ServiceAtLocation).where(m.ServiceAtLocation.uuid == gone["id"])
        ).all()
        assert not session.exec(select(m.Phone).where(m.Phone.number == "+52 962 555 7202")).all()
        assert session.exec(select(m.Phone).where(m.Phone.number == "+52 962 555 7101")).one()
        at_places = session.exec(
            select(m.ScheduleSlot).where(col(m.ScheduleSlot.service_at_location_id).is_not(None))
        )
        assert [slot.weekday for slot in at_places.all()] == [0]  # the first place's Monday only


def test_the_desk_saving_the_same_hours_keeps_a_slot_s_validity(sample_copy: Engine) -> None:
    """The desk's hours editor does not show validity yet: saving must not erase an import's."""
    from rxapp.services.editing_apply import apply_hours
    from rxapp.services.editing_sheet import SlotEdit

    uuid = _placed(sample_copy)
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.uuid == uuid)).one()
        mine = session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.service_id == service.id)).all()
        edits = [SlotEdit(weekday=s.weekday, opens=s.opens_at, closes=s.closes_at) for s in mine]
        apply_hours(session, service, edits)
        session.commit()
        slot = session.exec(select(m.ScheduleSlot).where(col(m.ScheduleSlot.valid_from).is_not(None))).one()
        assert (slot.service_id, slot.valid_to, slot.description) == (
            service.id,
            WINTER[1],
            "Solo en invierno",
        )
        assert len(
            session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.service_id == service.id)).all()
        ) == len(mine)
        assert session.exec(select(m.ScheduleSlot).where(col(m.ScheduleSlot.service_id).is_(None))).all()


def test_a_place_s_one_day_schedule_with_hours_is_a_slot_valid_that_day() -> None:
    """A place has no dated exceptions: the official examples' place schedules are kept as slots."""
    day = dt.date(2005, 1, 1)
    found = schedules_in.read(
        [
            reading.Schedule(
                id="48102e86-bb50-41c4-8f1e-e269368c41d1",
                valid_from=day,
                valid_to=day,
                freq="WEEKLY",
                byday="TH,FR",
                opens_at="10:00",
                closes_at="18:00",
            ),
            reading.Schedule(id="48102e86-bb50-41c4-8f1e-e269368c41d2", valid_from=day, valid_to=day),
        ],
        "$.schedules",
        locale="en",
        dated=False,
    )
    assert found.slots == {
        (3, dt.time(10), dt.time(18), day, day, ""),
        (4, dt.time(10), dt.time(18), day, day, ""),
    }
    assert found.exceptions == [] and found.leftovers == [("$.schedules[1]", "not kept")]


@needs_examples
def test_the_official_example_s_place_phones_and_hours_are_kept(empty_engine: Engine) -> None:
    """Its place and location repeat the service's phone (one id): kept once, the service's; the
    repeats are reported. Their schedules are kept as the place's slots."""
    report = imported(empty_engine, EXAMPLES / "service_full.json")
    left = {where for where, _ in report.leftovers}
    assert not {w for w in left if ".service_at_locations[0]." in w and w.endswith((".phones", ".schedules"))}
    repeated = "a phone whose id another record of this import has"
    assert report.skipped == [
        f"service_full.json:$.organization.locations[0].phones[0]: {repeated}",  # the same place
        f"service_full.json:$.service_at_locations[0].phones[0]: {repeated}",
    ]
    with Session(empty_engine) as session:
        phone = session.exec(select(m.Phone)).one()
        assert phone.uuid == example("service_full.json")["phones"][0]["id"] and phone.service_id
        place_slots = session.exec(
            select(m.ScheduleSlot).where(col(m.ScheduleSlot.service_id).is_(None))
        ).all()
        assert {(s.service_at_location_id is None, s.weekday) for s in place_slots} == {
            (False, 3), (False, 4), (True, 3), (True, 4)
        }  # fmt: skip
    before = rows(empty_engine)
    assert imported(empty_engine, EXAMPLES / "service_full.json").count("updated") == 0
    assert rows(empty_engine) == before


def _migrated_and_back(engine: Engine) -> None:
    """Migration 4a6e8c2b1d57 on a database with a phone and a slot, a place's phone added, then
    downgraded: the service's rows stay, the place's phone goes with the columns."""
    import alembic.runtime.environment
    from reflex import model

    from rxapp.cli import migrate

    with engine.connect() as connection:
        model._alembic_upgrade(connection=connection, to_rev="2f8b5d1e9a37")
        for statement in (
            "INSERT INTO organization (id, uuid, slug, name, description, is_sample, source_locale,"
            " text_versions, source) VALUES (1, 'o', 'org', 'Casa', '', false, 'es', '{}', '')",
            "INSERT INTO service (id, uuid, slug, organization_id, name, description, eligibility,"
            " application_process, fees_description, is_free, no_documents_needed, status, source_locale,"
            " text_versions, search_text, updated_at, keywords) VALUES (1, 's', 'comedor', 1, 'Comedor', '',"
            " '', '', '', true, false, 'ACTIVE', 'es', '{}', '', '2026-12-01 00:00:00', '')",
            "INSERT INTO phone (uuid, service_id, number, is_whatsapp, description, source_locale,"
            " text_versions) VALUES ('p', 1, '+52 962 555 0100', false, '', 'es', '{}')",
            "INSERT INTO scheduleslot (service_id, weekday, opens_at, closes_at)"
            " VALUES (1, 0, '09:00:00', '13:00:00')",
        ):
            connection.execute(sa.text(statement))
        connection.commit()
    migrate(engine)
    with Session(engine) as session:
        phone, slot = session.exec(select(m.Phone)).one(), session.exec(select(m.ScheduleSlot)).one()
        assert (phone.service_id, phone.location_id, phone.service_at_location_id) == (1, None, None)
        assert (slot.service_id, slot.valid_from, slot.valid_to, slot.description) == (1, None, None, "")
        place = m.Location(organization_id=1)
        session.add(place)
        session.flush()
        session.add(m.Phone(location_id=place.id, number="+52 962 555 0300"))
        session.commit()
    with engine.connect() as connection:
        config, script = model._alembic_config()  # type: ignore[no-untyped-call]
        with alembic.runtime.environment.EnvironmentContext(
            config=config,
            script=script,
            fn=lambda rev, _context: script._downgrade_revs("2f8b5d1e9a37", rev),
        ) as env:
            env.configure(connection=connection)
            env.run_migrations()
        connection.commit()
        assert connection.execute(sa.text("SELECT uuid, service_id FROM phone")).all() == [("p", 1)]
        columns = {column["name"] for column in sa.inspect(connection).get_columns("scheduleslot")}
        assert not columns & {"valid_from", "valid_to", "description", "location_id"}


def test_the_migration_keeps_every_phone_and_slot_the_service_s_and_goes_back(tmp_path: Path) -> None:
    """SQLite copies both tables (service_id becomes nullable) with foreign keys on."""
    from rxapp.services.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        _migrated_and_back(engine)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_the_migration_goes_both_ways_on_postgres() -> None:
    """PostgreSQL alters the tables in place."""
    schema = f"paso_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # any connection problem means "unreachable"
        missing(f"PostgreSQL UNREACHABLE, its tests did not run: {error}")
    engine = sa.create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        _migrated_and_back(engine)
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
