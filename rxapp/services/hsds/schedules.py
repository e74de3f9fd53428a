"""Paso's opening hours as HSDS schedules.

A weekly slot is one schedule: ``freq`` WEEKLY, ``byday`` its day, ``opens_at``/``closes_at``,
with its ``valid_from``/``valid_to`` and ``description`` when it has them; it belongs to a service,
one place of a service or a place (its ``service_id``, ``service_at_location_id`` or ``location_id``).
A dated exception is a schedule valid on that one day (``valid_from`` = ``valid_to`` = the
date): with its special hours, or, closed all day, with no hours and the description saying so
(HSDS has no closed flag: a dated schedule without hours is how a consumer learns of a holiday).
Times carry the centre's UTC offset, as the schema asks ("09:00-06:00"), and ``timezone`` the
same offset in hours.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from rxapp import models as m
from rxapp.i18n import catalogs
from rxapp.services.hsds import ids
from rxapp.taxonomy import N_

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # iCal, indexed by Python's weekday()


def offset(tz: ZoneInfo, day: dt.date) -> tuple[str, float]:
    """The zone's UTC offset on ``day``: as a time suffix ("-06:00", "Z") and in hours."""
    delta = dt.datetime.combine(day, dt.time(12), tz).utcoffset() or dt.timedelta()
    minutes = int(delta.total_seconds() // 60)
    hours = minutes / 60
    if minutes == 0:
        return "Z", 0
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}", int(
        hours
    ) if hours.is_integer() else hours


def _hours(opens: dt.time, closes: dt.time, suffix: str) -> dict[str, str]:
    if opens == closes:  # Paso's "open 24 hours"; HSDS's guidance for it is 00:00-23:59
        opens, closes = dt.time(0, 0), dt.time(23, 59)
    # closes < opens passes midnight: kept as is, as iCal reads it (until that time next day).
    return {"opens_at": opens.strftime(ids.HM) + suffix, "closes_at": closes.strftime(ids.HM) + suffix}


def weekly(
    owner: tuple[str, str], slot: m.ScheduleSlot, *, tz: ZoneInfo, today: dt.date, locale: str
) -> dict[str, Any]:
    """One weekly slot of its owner: (``service_id``, ``service_at_location_id`` or ``location_id``, uuid)."""
    suffix, hours = offset(tz, today)
    found: dict[str, Any] = {
        "id": ids.slot(owner[1], slot.weekday, slot.opens_at, slot.closes_at, slot.valid_from, slot.valid_to),
        owner[0]: owner[1],
        "freq": "WEEKLY",
        "interval": 1,
        "wkst": "MO",
        "byday": DAYS[slot.weekday],
        "timezone": hours,
        **_hours(slot.opens_at, slot.closes_at, suffix),
    }
    if slot.valid_from:
        found["valid_from"] = slot.valid_from.isoformat()
    if slot.valid_to:
        found["valid_to"] = slot.valid_to.isoformat()
    if slot.description:
        found["description"] = slot.description
    elif slot.opens_at == slot.closes_at:
        found["description"] = all_day(locale)
    return found


def all_day(locale: str) -> str:
    """The description of a slot open 24 hours, when it has none of its own."""
    return catalogs.gettext(locale, N_("Open 24 hours"))


def dated(
    service: str, exception: m.ScheduleException, note: str, *, tz: ZoneInfo, locale: str
) -> dict[str, Any]:
    """One dated exception: that day's hours, or closed all day."""
    suffix, hours = offset(tz, exception.date)
    day = exception.date.isoformat()
    found: dict[str, Any] = {
        "id": exception.uuid,
        "service_id": service,
        "valid_from": day,
        "valid_to": day,
        "dtstart": day,
        "timezone": hours,
    }
    if exception.closed or not (exception.opens_at and exception.closes_at):
        found["description"] = catalogs.gettext(locale, N_("Closed all day"))
    else:
        found |= {"freq": "WEEKLY", "byday": DAYS[exception.date.weekday()]}  # that one day
        found |= _hours(exception.opens_at, exception.closes_at, suffix)
    if note:
        found["notes"] = note
    return found
