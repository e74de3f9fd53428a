"""The offset table the browser's clock reads (rxapp/services/clock.py, assets/paso/logic.mjs)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from rxapp.services.clock import utc_offsets

START = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _offset_at(table: list[list[int]], minute: int) -> int:
    return [offset for start, offset in table[:-1] if start <= minute][-1]


@pytest.mark.parametrize(
    "zone", ["America/Mexico_City", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"]
)
def test_the_table_agrees_with_zoneinfo_every_few_hours_for_three_years(zone: str) -> None:
    tz = ZoneInfo(zone)
    table = utc_offsets(tz, START, 3 * 366)
    first, until = table[0][0], table[-1][0]
    for minute in range(first, until, 7 * 60 + 13):  # an odd step lands on every hour and minute
        moment = dt.datetime.fromtimestamp(minute * 60, dt.UTC)
        expected = moment.astimezone(tz).utcoffset()
        assert expected is not None
        assert _offset_at(table, minute) == expected.total_seconds() // 60, moment


def test_a_change_is_found_to_the_minute() -> None:
    """New York springs forward at 07:00 UTC on 14 March 2027."""
    table = utc_offsets(ZoneInfo("America/New_York"), START, 200)
    change = dt.datetime(2027, 3, 14, 7, 0, tzinfo=dt.UTC)
    assert [int(change.timestamp() // 60), -240] in table


def test_a_zone_without_changes_has_one_row_and_the_end() -> None:
    table = utc_offsets(ZoneInfo("America/Mexico_City"), START, 366)
    assert table == [[int(START.timestamp() // 60), -360], [int(START.timestamp() // 60) + 366 * 1440, 0]]
