"""HSDS schedules read back as Paso's hours: weekly slots and one-day exceptions.

The inverse of ``schedules``: a schedule valid on one day (``valid_from`` = ``valid_to``) is a
dated exception (closed all day without hours); a WEEKLY schedule with ``byday`` and hours is one
slot per day; "00:00"-"23:59" is Paso's "open 24 hours". What Paso cannot express (monthly
rules, intervals, validity ranges, hours without days) is returned as leftovers, never dropped
silently. Times are read in the centre's zone: their UTC offset suffix is not converted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rxapp.services.hsds.reading import InvalidDocumentError, Schedule
from rxapp.services.hsds.schedules import DAYS

TIME = re.compile(r"^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
ALL_DAY = (dt.time(0, 0), dt.time(23, 59))


@dataclass
class Hours:
    """A service's schedules as Paso keeps them."""

    slots: set[tuple[int, dt.time, dt.time]] = field(default_factory=set)
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


def read(schedules: list[Schedule], where: str) -> Hours:
    """Sort a service's schedules into slots, exceptions and what Paso cannot keep."""
    found = Hours()
    for index, schedule in enumerate(schedules):
        here = f"{where}[{index}]"
        one_day = schedule.valid_from is not None and schedule.valid_from == schedule.valid_to
        if one_day:
            found.exceptions.append((here, schedule))
            continue
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
        for name in ("valid_from", "valid_to"):
            if getattr(schedule, name) is not None:
                found.leftovers.append((f"{here}.{name}", "not kept"))
        opens, closes = hours(schedule.opens_at, schedule.closes_at, here)
        found.slots |= {(DAYS.index(day), opens, closes) for day in days}
    return found
