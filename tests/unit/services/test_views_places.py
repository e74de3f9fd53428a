"""A service's hours and phones per place on its public page and card (views_places), for a
service whose hours are only per place (an HSDS import's), or per place and its own."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete

from rxapp import models as m
from rxapp.services import views_places
from rxapp.services.snapshot.documents import card
from rxapp.services.views import build_views
from rxapp.services.views_places import HoursOf, Place, plan
from tests.data.places import at_two_places

NINE, ONE, FOUR, SIX = (dt.time(h) for h in (9, 13, 16, 18))


def _slot(weekday: int, opens: dt.time, closes: dt.time, **owner: int) -> m.ScheduleSlot:
    slot = m.ScheduleSlot(weekday=weekday, opens_at=opens, closes_at=closes)
    for name, value in owner.items():
        setattr(slot, name, value)
    return slot


def _place(
    link_id: int, slots: list[m.ScheduleSlot], of: HoursOf, phones: list[m.Phone] | None = None
) -> Place:
    return Place(
        link=m.ServiceAtLocation(id=link_id, service_id=1, location_id=link_id),
        location=m.Location(id=link_id, organization_id=1),
        slots=slots,
        hours_of=of,
        phones=phones or [],
    )


def test_without_hours_of_its_own_a_service_at_several_places_is_open_when_any_of_them_is() -> None:
    first = _place(1, [_slot(0, NINE, ONE, location_id=1)], HoursOf.PLACE)
    second = _place(2, [_slot(0, FOUR, SIX, service_at_location_id=2)], HoursOf.SERVICE)
    found = plan([], [], [first, second])
    assert [(s.weekday, s.opens_at, s.closes_at) for s in found.slots] == [(0, NINE, ONE), (0, FOUR, SIX)]
    assert found.week is None and found.note == views_places.EACH_PLACE
    assert [p.slots for p in found.places] == [first.slots, second.slots]  # each shows its own


def test_at_its_only_place_the_place_s_hours_are_the_service_s_and_are_not_repeated_under_it() -> None:
    only = _place(1, [_slot(0, NINE, ONE, location_id=1)], HoursOf.PLACE)
    found = plan([], [], [only])
    assert found.slots == found.week == only.slots
    assert found.note == views_places.THE_PLACE_S
    assert found.places[0].slots == [] and found.places[0].hours_of is HoursOf.PLACE


def test_the_service_s_own_hours_stay_its_hours_and_a_place_with_others_says_so() -> None:
    own = [_slot(1, NINE, SIX, service_id=1)]
    there = _place(2, [_slot(0, FOUR, SIX, service_at_location_id=2)], HoursOf.SERVICE)
    found = plan(own, [], [_place(1, [], HoursOf.NONE), there])
    assert found.slots == found.week == own
    assert found.note == views_places.DIFFERENT_HERE
    assert found.places[1].slots == there.slots


def test_a_service_with_no_hours_anywhere_keeps_its_empty_table() -> None:
    found = plan([], [], [_place(1, [], HoursOf.NONE), _place(2, [], HoursOf.NONE)])
    assert (found.slots, found.week, found.note) == ([], [], "")


def test_phones_at_its_only_place_are_the_service_s_at_several_each_place_keeps_its_own() -> None:
    own, here = m.Phone(number="1", service_id=1), m.Phone(number="2", service_at_location_id=1)
    one = plan([], [own], [_place(1, [], HoursOf.NONE, [here])])
    assert one.phones == [own, here] and one.places[0].phones == []
    two = plan([], [own], [_place(1, [], HoursOf.NONE, [here]), _place(2, [], HoursOf.NONE)])
    assert two.phones == [own] and two.places[0].phones == [here]


def _hours_only_per_place(session: Session) -> tuple[m.Service, m.ServiceAtLocation, m.ServiceAtLocation]:
    """The two-place service with no hours of its own: the first place's opening hours and the
    service's hours at the second (as an HSDS import brings them), and a phone at each."""
    service, first, second = at_two_places(session)
    session.exec(delete(m.ScheduleSlot).where(col(m.ScheduleSlot.service_id) == service.id))
    session.exec(delete(m.Phone).where(col(m.Phone.service_id) == service.id))
    session.add_all(
        [
            _slot(0, NINE, ONE, location_id=first.location_id),
            _slot(0, FOUR, SIX, service_at_location_id=second.id or 0),
            m.Phone(number="+52 962 555 0101", location_id=first.location_id, description="Recepción"),
            m.Phone(number="+52 962 555 0202", service_at_location_id=second.id),
        ]
    )
    session.commit()
    return service, first, second


def test_a_service_with_hours_only_per_place_shows_each_place_s_hours_and_phones(
    sample_copy: Engine,
) -> None:
    """Issue: an imported service with hours only per place showed no hours at all."""
    with Session(sample_copy) as session:
        service, _, _ = _hours_only_per_place(session)
        (view,) = build_views(session, [service], "es")
    assert view.week == [] and view.hours_note.startswith("El horario es distinto en cada lugar")
    assert view.slots == [(0, "09:00", "13:00"), (0, "16:00", "18:00")]
    assert view.phones == []
    first, second = view.locations
    assert (first.hours_of, second.hours_of) == (HoursOf.PLACE, HoursOf.SERVICE)
    assert first.week[0].hours == "9:00–13:00" and second.week[0].hours == "16:00–18:00"
    assert [d.hours for d in second.week[1:]] == [""] * 6
    assert [p.number for p in first.reception] == ["+52 962 555 0101"] and first.phones == []
    assert [p.number for p in second.phones] == ["+52 962 555 0202"] and second.reception == []
    assert {"09:00", "13:00", "16:00", "18:00"} <= set(view.times)


def test_the_card_of_such_a_service_carries_every_place_s_hours_for_open_now(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, _ = _hours_only_per_place(session)
        (view,) = build_views(session, [service], "es")
    assert card(view, "2026-01-01")["slots"] == [(0, "09:00", "13:00"), (0, "16:00", "18:00")]


def test_with_hours_of_its_own_a_place_s_hours_show_under_it_only(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, second = at_two_places(session)
        (before,) = build_views(session, [service], "ar")
        session.add(_slot(5, dt.time(6, 15), dt.time(7, 45), service_at_location_id=second.id or 0))
        session.commit()
        (view,) = build_views(session, [service], "ar")
    assert before.slots and view.slots == before.slots  # open-now: the service's own hours
    assert view.week == before.week and not before.hours_note
    assert view.locations[1].hours_of == HoursOf.SERVICE and view.locations[1].week[5].hours
    assert view.locations[0].week == []
    assert view.hours_note == "تختلف المواعيد في بعض الأماكن: انظر كل مكان في الأعلى."


def test_a_place_without_hours_or_phones_of_its_own_costs_the_snapshot_nothing(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, _ = _hours_only_per_place(session)
        (view,) = build_views(session, [service], "es")
    first, second = view.model_dump(mode="json")["locations"]
    assert {"week", "reception", "hours_of"} <= set(first) and "phones" not in first
    assert {"week", "phones", "hours_of"} <= set(second) and "reception" not in second
    nothing = {"accessibility": "", "accessibility_details": "", "languages_text": "", "online": ""}
    plain = view.locations[0].model_copy(
        update={"week": [], "reception": [], "hours_of": HoursOf.NONE, **nothing}
    )
    assert set(plain.model_dump()) == {"name", "address", "directions", "geo", "latitude", "longitude"}
