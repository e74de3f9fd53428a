"""Opening hours: is a service open at a moment, and when does it next open or close.

Weekly slots may pass midnight (``closes <= opens``; equal means 24 hours). A dated exception
replaces the slots that start on its date (closed all day, or special hours). Times are the
centre's wall-clock times. The browser runs the same rules (``assets/paso/hours.js``); both
are tested against ``tests/fixtures/hours_cases.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DAY = dt.timedelta(days=1)
LOOKAHEAD_DAYS = 8


@dataclass(frozen=True)
class Slot:
    """A weekly slot: weekday 0 = Monday."""

    weekday: int
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class DatedHours:
    """Closed on a date, or open with special hours (``opens``/``closes``)."""

    date: dt.date
    closed: bool
    opens: dt.time | None = None
    closes: dt.time | None = None


@dataclass(frozen=True)
class OpenState:
    """What a person needs to know now: open or not, until when, or when next."""

    is_open: bool
    closes_at: dt.datetime | None = None  # None while open: open around the clock
    next_open: dt.datetime | None = None  # None while closed: no known opening soon


def _interval(day: dt.date, opens: dt.time, closes: dt.time) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, opens)
    end = dt.datetime.combine(day, closes)
    if end <= start:  # passes midnight, or 24 hours when equal
        end += DAY
    return start, end


def intervals(
    slots: Iterable[Slot], exceptions: Iterable[DatedHours], first: dt.date, days: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Opening intervals of the slots that start on ``first`` .. ``first + days - 1``, merged."""
    by_date: Mapping[dt.date, DatedHours] = {ex.date: ex for ex in exceptions}
    weekly = list(slots)
    found: list[tuple[dt.datetime, dt.datetime]] = []
    for offset in range(days):
        day = first + offset * DAY
        special = by_date.get(day)
        if special is not None:
            if not special.closed and special.opens and special.closes:
                found.append(_interval(day, special.opens, special.closes))
            continue
        found.extend(_interval(day, s.opens, s.closes) for s in weekly if s.weekday == day.weekday())
    found.sort()
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def open_state(
    slots: Iterable[Slot],
    exceptions: Iterable[DatedHours],
    now: dt.datetime,
    *,
    active: bool = True,
) -> OpenState:
    """Whether the service is open at ``now`` (naive wall-clock time in the centre)."""
    if not active:
        return OpenState(is_open=False)
    spans = intervals(slots, exceptions, now.date() - DAY, LOOKAHEAD_DAYS + 1)
    for start, end in spans:
        if start <= now < end:
            around_the_clock = end - start >= dt.timedelta(days=LOOKAHEAD_DAYS - 1)
            return OpenState(is_open=True, closes_at=None if around_the_clock else end)
        if start > now:
            return OpenState(is_open=False, next_open=start)
    return OpenState(is_open=False)
