"""End-to-end fixtures: the app served exactly as `make run` serves it (prod, one port),
on a temporary SQLite database with the sample directory, and Debian's Chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE

ROOT = Path(__file__).resolve().parent.parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the production server once for the whole session; yield its URL."""
    port = _free_port()
    data = tmp_path_factory.mktemp("data")
    env = dict(
        os.environ,
        PASO_PUBLIC_URL=f"http://127.0.0.1:{port}",
        PASO_DATA_DIR=str(data),
        REFLEX_DB_URL=f"sqlite:///{data / 'paso.db'}",
        # Small parts, so the journeys cross several of them as a 10,000-service directory would.
        PASO_SNAPSHOT_PART_SIZE="8",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
    )
    env.pop("REFLEX_REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
    log = (data / "server.log").open("w")
    server = subprocess.Popen(
        [
            "reflex",
            "run",
            "--env",
            "prod",
            "--frontend-port",
            str(port),
            "--backend-port",
            str(port),
            "--backend-host",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    try:
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"server exited: {(data / 'server.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/es", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 240 s")
            time.sleep(0.5)  # polling the server's readiness, not synchronising a test
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


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
