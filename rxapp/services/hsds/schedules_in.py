"""HSDS schedules read back as Paso's hours: weekly slots and one-day exceptions.

The inverse of ``schedules``: a schedule valid on one day (``valid_from`` = ``valid_to``) is a
dated exception (closed all day without hours); a WEEKLY schedule with ``byday`` and hours is one
slot per day, with its validity range and description; "00:00"-"23:59" is Paso's "open 24
hours" (its description, when it is the export's "Open 24 hours", is not kept twice). What Paso
cannot express (monthly rules, intervals, hours without days, a place closed on a date) is
returned as leftovers, never dropped silently. A place has no dated exceptions (``dated``): its
one-day schedule with hours is a weekly slot valid on that day. Times are read in the centre's zone: their UTC offset suffix is not converted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rxapp.services.hsds.reading import InvalidDocumentError, Schedule
from rxapp.services.hsds.schedules import DAYS, all_day

TIME = re.compile(r"^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
ALL_DAY = (dt.time(0, 0), dt.time(23, 59))
# A weekly slot as the import compares them: weekday, opens, closes, valid_from, valid_to, description.
Slot = tuple[int, dt.time, dt.time, dt.date | None, dt.date | None, str]


def slot_order(slot: Slot) -> tuple[int, dt.time, dt.time, dt.date, dt.date]:
    """Slots in a stable order (an open validity sorts first)."""
    return (*slot[:3], slot[3] or dt.date.min, slot[4] or dt.date.min)


@dataclass
class Hours:
    """A service's schedules as Paso keeps them."""

    slots: set[Slot] = field(default_factory=set)
    exceptions: list[tuple[str, Schedule]] = field(default_factory=list)  # (path, schedule)
    leftovers: list[tuple[str, str]] = field(default_factory=list)  # (path, "not kept")


def clock(value: str, where: str) -> dt.time:
    """ "09:00", "09:00:00" or "09:00-06:00" as a time of day (the offset is the centre's)."""
    found = TIME.match(value)
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise InvalidDocumentError([f"{where}: {value!r} is not a time of day (HH:MM, optional offset)"])
    return dt.time(int(found[1]), int(found[2]))


def hours(opens: str, closes: str, where: str) -> tuple[dt.time, dt.time]:
    """Opening and closing times; 00:00-23:59 is open 24 hours (stored as equal times)."""
    pair = clock(opens, f"{where}.opens_at"), clock(closes, f"{where}.closes_at")
    return (dt.time(0, 0), dt.time(0, 0)) if pair == ALL_DAY else pair


def read(schedules: list[Schedule], where: str, *, locale: str, dated: bool = True) -> Hours:
    """Sort schedules into slots, exceptions (a service's only: ``dated``) and what Paso cannot keep."""
    found = Hours()
    chosen: dict[tuple[int, dt.time, dt.time, dt.date | None, dt.date | None], str] = {}
    for index, schedule in enumerate(schedules):
        here = f"{where}[{index}]"
        one_day = schedule.valid_from is not None and schedule.valid_from == schedule.valid_to
        if one_day and dated:
            found.exceptions.append((here, schedule))
            continue
        # A place has no exceptions: its one-day schedule with weekly hours is a slot valid that
        # day; without hours (closed that day) it is not kept, below.
        days = (schedule.byday or "").split(",")
        if (
            schedule.freq != "WEEKLY"
            or not (schedule.opens_at and schedule.closes_at)
            or set(days) - set(DAYS)
        ):
            found.leftovers.append((here, "not kept"))  # e.g. monthly, or no days: not Paso's hours
            continue
        if schedule.interval not in (None, 1):
            found.leftovers.append((f"{here}.interval", "not kept"))
        opens, closes = hours(schedule.opens_at, schedule.closes_at, here)
        note = schedule.description or ""
        if opens == closes and note == all_day(locale):
            note = ""  # the export's own words for 24 hours, not the centre's
        for day in days:  # the same day, hours and validity twice: the first description holds
            chosen.setdefault((DAYS.index(day), opens, closes, schedule.valid_from, schedule.valid_to), note)
    found.slots = {(*key, note) for key, note in chosen.items()}
    return found
