"""Instants and the centre's local days.

Datetimes are stored in UTC. SQLite keeps them as text without an offset and gives them back
naive, so every instant is brought to UTC before it is written or compared, and a naive one
read back is taken to be UTC.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def as_utc(moment: dt.datetime) -> dt.datetime:
    """The same instant in UTC (a naive value is taken to be UTC already)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def local_day(moment: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The calendar day at the centre when this instant happened."""
    return as_utc(moment).astimezone(tz).date()


def day_start(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The instant (UTC) a local day begins at the centre."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)


def utc_offsets(tz: ZoneInfo, start: dt.datetime, days: int) -> list[list[int]]:
    """The zone's offsets from UTC over ``days`` from ``start``, for the browser's clock.

    ``[[from, offset], ..., [until, 0]]`` in minutes since 1970-01-01 UTC: each offset holds
    from its minute until the next row's; the last row closes the table. The browser adds the
    offset to its own clock instead of asking Intl for the zone, whose first use loads the time
    zone data (about 70 ms of a cheap phone's main thread, in every page's first task).
    """

    def offset(minute: int) -> int:
        moment = dt.datetime.fromtimestamp(minute * 60, dt.UTC)
        delta = moment.astimezone(tz).utcoffset() or dt.timedelta(0)
        return int(delta.total_seconds() // 60)

    first = int(as_utc(start).timestamp() // 3600) * 60
    until = first + days * 1440
    rows = [[first, offset(first)]]
    for minute in range(first + 60, until, 60):
        if offset(minute) != rows[-1][1]:
            low, high = minute - 60, minute  # the change falls in this hour: find its minute
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if offset(middle) == rows[-1][1] else (low, middle)
            rows.append([high, offset(high)])
    rows.append([until, 0])
    return rows
