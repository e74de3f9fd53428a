"""The suite ignores the caller's PASO_* and REFLEX_* variables (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_callers_paso_and_reflex_settings_do_not_reach_the_tests() -> None:
    """`PASO_PUBLIC_URL=http://127.0.0.1:8100 make test` failed 26 tests: the settings leaked in."""
    env = dict(
        os.environ,
        PASO_PUBLIC_URL="http://127.0.0.1:8100",
        PASO_LOCALES='["es"]',
        REFLEX_DB_URL="sqlite:////nowhere/paso.db",
    )
    probe = (
        "import tests.conftest, os; from rxapp.settings import get_settings as g; s = g(); "
        "print(s.public_url, len(s.locales), os.environ.get('REFLEX_DB_URL'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    url, locales, db = out.stdout.split()
    assert url != "http://127.0.0.1:8100"
    assert int(locales) > 1
    assert db == "None"
