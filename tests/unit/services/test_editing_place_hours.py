"""A coordinator edits the service's hours at one of its places (service_at_location slots);
its own hours and the places' opening hours are left alone, and the other way round."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.desk.service.form import sheet_raw
from rxapp.desk.service.place_rows import place_choices, place_own_rows, place_slot_rows, shown
from rxapp.services import editing
from rxapp.services.editing import EditError
from rxapp.services.editing_input import EditProblem, validate
from rxapp.services.editing_sheet import PlaceSlotEdit, ServiceSheet, SlotEdit
from rxapp.services.editing_views import sheet
from tests.data.places import at_two_places

NINE, ONE = dt.time(9), dt.time(13)


def _slots(session: Session, **owner: int) -> list[tuple[int, dt.time, dt.time, str]]:
    ((name, value),) = owner.items()
    rows = session.exec(select(m.ScheduleSlot).where(col(getattr(m.ScheduleSlot, name)) == value)).all()
    return sorted((s.weekday, s.opens_at, s.closes_at, s.description) for s in rows)


def test_a_place_s_hours_are_saved_for_that_place_only(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, first, second = at_two_places(session)
        assert service.id and first.id and second.id
        own = _slots(session, service_id=service.id)
        session.add(m.ScheduleSlot(location_id=second.location_id, weekday=0, opens_at=NINE, closes_at=ONE))
        session.commit()
        editing.set_place_hours(
            session=session,
            service_id=service.id,
            slots=[PlaceSlotEdit(place=second.id, weekday=2, opens=NINE, closes=ONE)],
        )
        session.commit()
        assert _slots(session, service_at_location_id=second.id) == [(2, NINE, ONE, "")]
        assert _slots(session, service_at_location_id=first.id) == []
        assert _slots(session, service_id=service.id) == own  # the service's own: left alone
        assert _slots(session, location_id=second.location_id) == [(0, NINE, ONE, "")]  # the place's own too
        # Saving the service's own hours leaves the place's alone.
        editing.set_hours(
            session=session, service_id=service.id, slots=[SlotEdit(weekday=4, opens=NINE, closes=ONE)]
        )
        session.commit()
        assert _slots(session, service_at_location_id=second.id) == [(2, NINE, ONE, "")]


def test_an_unchanged_slot_at_a_place_keeps_its_validity_and_description(sample_copy: Engine) -> None:
    """As apply_hours keeps an import's validity and description, per place too."""
    with Session(sample_copy) as session:
        service, _, second = at_two_places(session)
        assert service.id and second.id
        kept = m.ScheduleSlot(
            service_at_location_id=second.id, weekday=1, opens_at=NINE, closes_at=ONE,
            valid_from=dt.date(2026, 1, 1), description="Solo en temporada",
        )  # fmt: skip
        session.add(kept)
        session.commit()
        again = [
            PlaceSlotEdit(place=second.id, weekday=1, opens=NINE, closes=ONE),
            PlaceSlotEdit(place=second.id, weekday=3, opens=NINE, closes=ONE),
        ]
        editing.set_place_hours(session=session, service_id=service.id, slots=again)
        session.commit()
        rows = session.exec(
            select(m.ScheduleSlot).where(m.ScheduleSlot.service_at_location_id == second.id)
        ).all()
        found = {s.weekday: (s.valid_from, s.description) for s in rows}
        assert found == {1: (dt.date(2026, 1, 1), "Solo en temporada"), 3: (None, "")}


def _elsewhere(session: Session, service: m.Service) -> int:
    """A place of another service (its service_at_location id)."""
    found = session.exec(
        select(m.ServiceAtLocation).where(m.ServiceAtLocation.service_id != service.id)
    ).first()
    assert found is not None and found.id and service.id
    return found.id


def test_a_place_of_another_service_is_refused(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, _ = at_two_places(session)
        elsewhere = _elsewhere(session, service)
        assert service.id
        with pytest.raises(EditError) as refused:
            editing.set_place_hours(
                session=session,
                service_id=service.id,
                slots=[PlaceSlotEdit(place=elsewhere, weekday=0, opens=NINE, closes=ONE)],
            )
        assert (refused.value.problem, refused.value.field) == (
            EditProblem.INVALID_CHOICE,
            "place_hours.0.place",
        )


def _form(rows: list[dict[str, str]], *, section: bool = True) -> dict[str, str]:
    form = {"name": "Comedor", "status": "active"}
    form |= {f"place_hours.{r['key']}.{n}": r[n] for r in rows for n in ("weekday", "opens", "closes")}
    return form | ({"place_hours": "1"} if section else {})


def test_the_form_s_rows_name_their_place_from_the_server_not_the_client() -> None:
    rows = [{"key": "r1", "place": "7", "weekday": "2", "opens": "09:00", "closes": "13:00"}]
    form = _form(rows) | {"place_hours.r1.place": "99"}  # a tampered input is not read
    data, problems = validate(
        ServiceSheet, sheet_raw(form, {"hours": [], "exceptions": [], "phones": [], "place_hours": rows})
    )
    assert problems == {} and data is not None
    assert data.place_hours == [PlaceSlotEdit(place=7, weekday=2, opens=NINE, closes=ONE)]


def test_a_form_without_the_section_leaves_the_places_hours_alone() -> None:
    raw = sheet_raw(
        _form([], section=False), {"hours": [], "exceptions": [], "phones": [], "place_hours": []}
    )
    data, _ = validate(ServiceSheet, raw)
    assert data is not None and data.place_hours is None


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [
        ("opens", "9h", EditProblem.BAD_TIME),
        ("weekday", "8", EditProblem.BAD_WEEKDAY),
        ("closes", "", EditProblem.BAD_TIME),
    ],
)
def test_a_place_s_row_is_validated_as_the_weekly_hours_are(cell: str, value: str, code: EditProblem) -> None:
    rows = [{"key": "r1", "place": "7", "weekday": "2", "opens": "09:00", "closes": "13:00", cell: value}]
    _, problems = validate(
        ServiceSheet,
        sheet_raw(_form(rows), {"hours": [], "exceptions": [], "phones": [], "place_hours": rows}),
    )
    assert problems == {f"place_hours.0.{cell}": code}


def test_the_desk_form_shows_each_place_s_rows_and_its_own_opening_hours(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, second = at_two_places(session)
        assert second.id
        session.add(m.ScheduleSlot(service_at_location_id=second.id, weekday=2, opens_at=NINE, closes_at=ONE))
        for day in (0, 1, 3):
            session.add(
                m.ScheduleSlot(location_id=second.location_id, weekday=day, opens_at=NINE, closes_at=ONE)
            )
        session.commit()
        found = sheet(session=session, slug=service.slug)
        assert found is not None
    assert place_slot_rows(found) == [
        {"place": str(second.id), "weekday": "2", "opens": "09:00", "closes": "13:00"}
    ]
    assert place_choices(found) == [
        [str(found.places[0][0]), found.places[0][1]],
        [str(second.id), "Anexo del mercado"],
    ]
    assert place_own_rows(found) == [  # the place's own, editable since its reception's hours change
        {"place": str(second.id), "weekday": str(day), "opens": "09:00", "closes": "13:00"}
        for day in (0, 1, 3)
    ]


def test_the_block_shows_for_several_places_or_hours_at_the_only_one_and_stays_once_emptied(
    sample_copy: Engine,
) -> None:
    """Decided at load: a block gone with its last row would not save that row's removal."""
    with Session(sample_copy) as session:
        service, first, second = at_two_places(session)
        found = sheet(session=session, slug=service.slug)
        assert found is not None and shown(found) == {"place_hours": "1"}
        session.delete(second)
        session.commit()
        found = sheet(session=session, slug=service.slug)
        assert found is not None and shown(found) == {"place_hours": ""}  # one place, no hours there
        session.add(m.ScheduleSlot(service_at_location_id=first.id, weekday=2, opens_at=NINE, closes_at=ONE))
        session.commit()
        found = sheet(session=session, slug=service.slug)
        assert found is not None and shown(found) == {"place_hours": "1"}
        session.delete(
            session.exec(
                select(m.ScheduleSlot).where(m.ScheduleSlot.service_at_location_id == first.id)
            ).one()
        )
        session.add(m.ScheduleSlot(location_id=first.location_id, weekday=2, opens_at=NINE, closes_at=ONE))
        session.commit()
        found = sheet(session=session, slug=service.slug)
        assert found is not None and shown(found) == {"place_hours": "1"}  # the place's own: editable


def test_the_place_s_own_hours_are_saved_for_every_service_there(sample_copy: Engine) -> None:
    """A place's opening hours (HSDS location schedules) are the place's: saved from one
    service's form, the other services given there are stamped with the new revision (their
    pages show them), and the service's own hours and its hours at the place are left alone."""
    with Session(sample_copy) as session:
        service, first, second = at_two_places(session)
        assert service.id and first.id and second.id
        neighbour = m.ServiceAtLocation(
            service_id=session.exec(select(m.Service.id).where(m.Service.id != service.id)).first() or 0,
            location_id=second.location_id,
        )
        session.add(neighbour)
        session.add(m.ScheduleSlot(service_at_location_id=second.id, weekday=2, opens_at=NINE, closes_at=ONE))
        session.add(m.ScheduleSlot(location_id=second.location_id, weekday=0, opens_at=NINE, closes_at=ONE))
        session.commit()
        own = _slots(session, service_id=service.id)
        raw = {"name": service.name, "status": "active", "place_own": [
            {"place": second.id, "weekday": 5, "opens": "08:00", "closes": "12:00"},
            {"place": second.id, "weekday": 6, "opens": "08:00", "closes": "12:00"},
        ], "hours": [{"weekday": d, "opens": o, "closes": c} for d, o, c, _ in own]}  # fmt: skip
        data, problems = validate(ServiceSheet, raw)
        assert problems == {} and data is not None and data.place_hours is None
        editing.save_sheet(session=session, service_id=service.id, data=data)
        session.commit()
        eight, noon = dt.time(8), dt.time(12)
        assert _slots(session, location_id=second.location_id) == [(5, eight, noon, ""), (6, eight, noon, "")]
        assert _slots(session, location_id=first.location_id) == []  # the first place: none sent, none
        assert _slots(session, service_at_location_id=second.id) == [(2, NINE, ONE, "")]  # left alone
        assert _slots(session, service_id=service.id) == own
        revision = session.get(m.DirectoryRevision, 1)
        other = session.get(m.Service, neighbour.service_id)
        assert revision is not None and other is not None and other.revision == revision.revision


def test_the_place_s_own_hours_of_a_place_elsewhere_are_refused(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, _ = at_two_places(session)
        elsewhere = _elsewhere(session, service)
        assert service.id
        data = ServiceSheet(
            name=service.name,
            place_own=[PlaceSlotEdit(place=elsewhere, weekday=0, opens=NINE, closes=ONE)],
        )
        with pytest.raises(EditError) as refused:
            editing.save_sheet(session=session, service_id=service.id, data=data)
        assert (refused.value.problem, refused.value.field) == (
            EditProblem.INVALID_CHOICE,
            "place_own.0.place",
        )


def test_the_form_s_own_hours_rows_are_read_only_with_their_section() -> None:
    rows = [{"key": "r1", "place": "7", "weekday": "2", "opens": "09:00", "closes": "13:00"}]
    form = {"name": "Comedor", "status": "active", "place_own": "1"}
    form |= {f"place_own.r1.{n}": rows[0][n] for n in ("weekday", "opens", "closes")}
    every = {"hours": [], "exceptions": [], "phones": [], "place_hours": [], "place_own": rows}
    data, problems = validate(ServiceSheet, sheet_raw(form, every))
    assert problems == {} and data is not None
    assert data.place_own == [PlaceSlotEdit(place=7, weekday=2, opens=NINE, closes=ONE)]
    del form["place_own"]
    data, _ = validate(ServiceSheet, sheet_raw(form, every))
    assert data is not None and data.place_own is None  # no section: the places' hours left alone
    form |= {"place_own": "1", "place_own.r1.opens": "9h"}
    _, problems = validate(ServiceSheet, sheet_raw(form, every))
    assert problems == {"place_own.0.opens": EditProblem.BAD_TIME}
