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
