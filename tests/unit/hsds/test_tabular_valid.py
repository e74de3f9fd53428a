"""The tabular package passes the Frictionless validator: types, formats, keys, foreign keys."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from frictionless import Package, system

from rxapp.services.hsds import export, tabular


def _errors(folder: Path) -> list[str]:
    with system.use_context(trusted=True):  # the package's paths are its own CSVs, read locally
        report = Package(str(folder / "datapackage.json")).validate()
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]


def test_the_sample_package_passes_the_frictionless_validator(
    sample_package: tuple[export.Dataset, Path],
) -> None:
    """Bug: every schedule's opens_at/closes_at (`08:00-06:00`, as the JSON writes it) was a type
    error: a Table Schema `time` has seconds."""
    _, folder = sample_package
    assert _errors(folder) == []


def _schedule(opens: str, closes: str) -> dict[str, Any]:
    return {
        "id": "5d1c0f3e-8f3b-4a6e-9c2d-7b1e0a4f6c01",
        "freq": "WEEKLY",
        "byday": "MO",
        "opens_at": opens,
        "closes_at": closes,
        "valid_from": dt.date(2026, 12, 1).isoformat(),
    }


def test_a_time_gets_its_seconds_and_keeps_its_offset(tmp_path: Path) -> None:
    with tabular.Package(tmp_path, "es") as package:
        package.add("schedule", _schedule("09:00-06:00", "17:30Z"))
        package.add(
            "schedule", _schedule("08:00", "12:00:00+01:00") | {"id": "5d1c0f3e-8f3b-4a6e-9c2d-7b1e0a4f6c03"}
        )
    with (tmp_path / "schedules.csv").open(encoding="utf-8", newline="") as file:
        rows = [(row["opens_at"], row["closes_at"]) for row in csv.DictReader(file)]
    assert rows == [("09:00:00-06:00", "17:30:00Z"), ("08:00:00", "12:00:00+01:00")]
    assert _errors(tmp_path) == []
