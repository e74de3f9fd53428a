"""What some tests need from the machine (PostgreSQL, Redis, Caddy, certutil, age): where it is
missing they are skipped, loudly; under CI (CI=true) that is a failure, as CI's machine has them."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

# The local PostgreSQL (trust auth); tests make their own schema or database in it.
PG_URL = os.environ.get("PASO_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def missing(message: str) -> NoReturn:
    """Skip the test and say why where it shows; fail instead under CI."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    print(f"\n!!! {message}")
    pytest.skip(message)
