"""A service's hours at each of its places as the edit form shows them (no Reflex): the
service's rows there, and each place's own opening hours (which every service there shares)."""

from __future__ import annotations

from rxapp.models import ScheduleSlot
from rxapp.services.editing_views import Sheet
from rxapp.services.views import HM


def shown(found: Sheet) -> dict[str, str]:
    """Whether the form has the per-place block, decided once at load: removing the last row
    must not take the block (and the saving of that removal) away. A service at one place
    with no hours of either kind there has none: its weekly hours are its place's."""
    has = len(found.places) > 1 or found.place_slots or any(found.place_own.values())
    return {"place_hours": "1" if has else ""}


def _row(place: int | None, slot: ScheduleSlot) -> dict[str, str]:
    """A weekly slot as a form row naming its place (the state adds the row's key)."""
    hm = {"opens": slot.opens_at.strftime(HM), "closes": slot.closes_at.strftime(HM)}
    return {"place": str(place), "weekday": str(slot.weekday), **hm}


def place_slot_rows(found: Sheet) -> list[dict[str, str]]:
    """The service's slots at its places as form rows, each naming its place."""
    return [_row(s.service_at_location_id, s) for s in found.place_slots]


def place_own_rows(found: Sheet) -> list[dict[str, str]]:
    """Each place's own opening hours as form rows, each naming the service's link to it."""
    return [_row(link, s) for link, slots in found.place_own.items() for s in slots]


def place_choices(found: Sheet) -> list[list[str]]:
    """[service_at_location id, name] of each of the service's places."""
    return [[str(link), name] for link, name in found.places]
