"""Open now, across midnight, with exceptions: the shared table of cases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from rxapp.services.hours import DatedHours, Slot, open_state

CASES = json.loads((Path(__file__).parents[2] / "fixtures" / "hours_cases.json").read_text())["cases"]


def _t(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_open_state(case: dict[str, Any]) -> None:
    slots = [Slot(day, _t(o), _t(c)) for day, o, c in case["slots"]]
    exceptions = [
        DatedHours(dt.date.fromisoformat(d), closed, _t(o) if o else None, _t(c) if c else None)
        for d, closed, o, c in case["exceptions"]
    ]
    state = open_state(
        slots, exceptions, dt.datetime.fromisoformat(case["now"]), active=case.get("active", True)
    )
    assert (state.is_open, state.closes_at, state.next_open) == (
        case["open"],
        _dt(case["closes"]),
        _dt(case["next"]),
    )
