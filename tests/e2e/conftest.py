"""End-to-end fixtures: the app served exactly as `make run` serves it (prod, one port),
on a temporary SQLite database with the sample directory, and Debian's Chromium."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, ViewportSize
from sqlalchemy.engine import Engine

from rxapp.services import auth
from rxapp.services.db import make_engine
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE
from tests.serve import ROOT, free_port, paso_env, serve


@pytest.fixture(scope="module", autouse=True)
def _server_hashing() -> Iterator[None]:
    """Accounts an e2e test writes into the server's database carry the server's argon2
    parameters: with the unit suite's cheap ones, the server's first sign-in rehashes the
    password, a write in the middle of a test that checks that nothing is written. Module
    scope and autouse: set before any module fixture that creates an account."""
    auth.use_fast_hashing(False)
    yield
    auth.use_fast_hashing()


@pytest.fixture(scope="session")
def app_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data folder of the server under test (its SQLite database is ``paso.db``)."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def app_db(app_data: Path, app_url: str) -> Iterator[Engine]:
    """The database the server under test writes to, to check what it stored."""
    engine = make_engine(f"sqlite:///{app_data / 'paso.db'}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def app_url(app_data: Path) -> Iterator[str]:
    """Start the production server once for the whole session; yield its URL."""
    port = free_port()
    data = app_data
    env = paso_env(port, data)
    # Small parts, so the journeys cross several of them as a 10,000-service directory would.
    env["PASO_SNAPSHOT_PART_SIZE"] = "8"
    # Every test browser is 127.0.0.1: treat it as the centre's own network (generous limit).
    env["PASO_CENTRE_NETWORKS"] = '["127.0.0.0/8"]'
    # The desk locks after 15 idle seconds, so the desk journey can see it happen.
    env["PASO_DESK_IDLE_SECONDS"] = "15"
    subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
    with serve(ROOT, port, env, data / "server.log", probe="/es") as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright: Debian's Chromium, no network chatter."""
    return {"executable_path": CHROMIUM, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    """A phone: 390x844, touch, Spanish (Mexico) preferred. The service worker is blocked here
    so tests see (and can hold) every request; tests/e2e/test_offline.py lets it run."""
    return {
        "viewport": PHONE,
        "has_touch": True,
        "is_mobile": True,
        "locale": "es-MX",
        "service_workers": "block",
    }


@pytest.fixture
def phone(playwright: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """A phone whose service worker runs (the other contexts here block it), with its own profile."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=LAUNCH_ARGS,
        viewport=PHONE,
        has_touch=True, is_mobile=True, locale="es-MX",
    )  # fmt: skip
    yield context
    context.close()


@pytest.fixture
def tablet(browser: Browser) -> Iterator[BrowserContext]:
    """A desk tablet in landscape, no service worker (axe-core goes in as an inline script,
    which the pages' CSP refuses: so CSP is bypassed)."""
    context = browser.new_context(
        viewport=ViewportSize(width=1024, height=768), has_touch=True, locale="es-MX",
        service_workers="block", bypass_csp=True,
    )  # fmt: skip
    yield context
    context.close()
