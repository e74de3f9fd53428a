"""A service's places on its public page: each place's hours and phones, and what "open now"
and the page's hours table read when the service has no hours of its own.

The rule (docs/hsds.md "Per place"): the service's own slots, when it has any, are its hours
everywhere, for "open now", the cards and the hours table; a place shows beside its address the
hours it has of its own (the service's hours at that place, else the place's own opening
hours). A service without hours of its own takes its place's when it is at one place (that
table is then the service's, not repeated under the place); at several places it is open now
when any of them is (the union of their hours: the card's "open until" is when the last one
closes) and the hours table gives way to each place's. Phones likewise: the service's at its
only place are the service's; at several places each place lists its own; a place's own phones
(its reception) stay under the place, labelled. Dated exceptions stay the service's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.taxonomy import N_

DIFFERENT_HERE = N_("At some places the hours are different: see each place above.")
EACH_PLACE = N_("The hours are different at each place: see each place above.")
THE_PLACE_S = N_("These are the opening hours of the place.")


class HoursOf(StrEnum):
    """Whose hours a place shows: the service's at that place, or the place's own."""

    NONE = ""
    SERVICE = "service"  # service_at_location slots
    PLACE = "place"  # location slots (its opening hours, whatever service it hosts)


@dataclass(frozen=True)
class Place:
    """One place of a service, with the hours and phones shown under it."""

    link: m.ServiceAtLocation
    location: m.Location
    slots: list[m.ScheduleSlot] = field(default_factory=list)
    hours_of: HoursOf = HoursOf.NONE
    phones: list[m.Phone] = field(default_factory=list)  # the service's at this place
    reception: list[m.Phone] = field(default_factory=list)  # the place's own


@dataclass(frozen=True)
class Plan:
    """What a service's page and card read: see the module's docstring."""

    slots: list[m.ScheduleSlot]  # "open now", the cards, the times
    week: list[m.ScheduleSlot] | None  # the hours table; None: each place's instead
    phones: list[m.Phone]  # the call buttons at the top
    places: list[Place]
    note: str = ""  # a msgid under the hours table, "" for none


def place(
    link: m.ServiceAtLocation,
    location: m.Location,
    slots: Mapping[tuple[str, int], list[m.ScheduleSlot]],
    phones: Mapping[tuple[str, int], list[m.Phone]],
) -> Place:
    """A place with its hours (the service's there, else its own) and phones, from rows grouped
    by owner (``m.owners``)."""
    assert link.id is not None and location.id is not None
    here, own = slots.get(("service_at_location_id", link.id)), slots.get(("location_id", location.id))
    return Place(
        link=link,
        location=location,
        slots=list(here or own or []),
        hours_of=HoursOf.SERVICE if here else HoursOf.PLACE if own else HoursOf.NONE,
        phones=list(phones.get(("service_at_location_id", link.id), [])),
        reception=list(phones.get(("location_id", location.id), [])),
    )


def plan(own_slots: Sequence[m.ScheduleSlot], own_phones: Sequence[m.Phone], places: list[Place]) -> Plan:
    """Where the service's hours and phones show (the module's rule)."""
    phones = list(own_phones)
    if len(places) == 1:  # its only place's phones are the service's
        phones += places[0].phones
        places = [_without(places[0], phones=True)]
    if own_slots:
        different = any(p.hours_of is HoursOf.SERVICE for p in places)
        return Plan(list(own_slots), list(own_slots), phones, places, DIFFERENT_HERE if different else "")
    timed = [p for p in places if p.slots]
    if len(places) == 1 and timed:
        only = places[0]
        note = THE_PLACE_S if only.hours_of is HoursOf.PLACE else ""
        return Plan(only.slots, only.slots, phones, [_without(only, slots=True)], note)
    if timed:
        union = {(s.weekday, s.opens_at, s.closes_at): s for p in timed for s in p.slots}
        return Plan([union[k] for k in sorted(union)], None, phones, places, EACH_PLACE)
    return Plan([], [], phones, places)


def _without(found: Place, *, slots: bool = False, phones: bool = False) -> Place:
    """The place with what moved up to the service left out (shown once, not twice)."""
    return Place(
        link=found.link,
        location=found.location,
        slots=[] if slots else found.slots,
        hours_of=found.hours_of,
        phones=[] if phones else found.phones,
        reception=found.reception,
    )


def opening_slots(session: Session, service_id: int) -> list[m.ScheduleSlot]:
    """The weekly slots one service's "open now" reads (the module's rule): for its alerts' end."""
    links = session.exec(
        select(m.ServiceAtLocation)
        .where(m.ServiceAtLocation.service_id == service_id)
        .order_by(col(m.ServiceAtLocation.id))
    ).all()
    locations = {
        loc.id: loc
        for loc in session.exec(
            select(m.Location).where(col(m.Location.id).in_({li.location_id for li in links}))
        )
    }
    grouped: dict[tuple[str, int], list[m.ScheduleSlot]] = {}
    for slot in session.exec(
        select(m.ScheduleSlot)
        .where(
            (col(m.ScheduleSlot.service_id) == service_id)
            | col(m.ScheduleSlot.service_at_location_id).in_({li.id for li in links})
            | col(m.ScheduleSlot.location_id).in_(set(locations))
        )
        .order_by(col(m.ScheduleSlot.weekday), col(m.ScheduleSlot.opens_at))
    ):
        grouped.setdefault(m.owners(slot), []).append(slot)
    places = [place(link, locations[link.location_id], grouped, {}) for link in links]
    return plan(grouped.get(("service_id", service_id), []), [], places).slots
