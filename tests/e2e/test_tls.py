"""The centre's wifi over HTTPS: the app behind Caddy (scripts/tls.py) at https://paso.test.

Chromium trusts Caddy's root certificate the way a phone does once it is installed (an NSS
database in the browser's home), so no certificate error is ignored. Skipped loudly when Caddy or
certutil cannot be installed; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Playwright, expect

from scripts.tls import behind_proxy, stop
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE
from tests.data.needs import missing
from tests.serve import answers, free_port

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent.parent
TLS_SCRIPT = ROOT / "scripts" / "tls.py"
HOST = "paso.test"


def _unavailable(what: str) -> None:
    missing(f"{what} UNAVAILABLE, the HTTPS tests did not run")


def _wait_until(ready: Callable[[], bool], process: subprocess.Popen[bytes], log: Path, what: str) -> None:
    """Poll ``ready()`` until it holds; fail when ``process`` dies or after 240 s."""
    deadline = time.monotonic() + 240
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start in 240 s")
        time.sleep(0.5)  # polling a server's readiness, not synchronising a test


def _listens(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("w") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on 127.0.0.1 and Caddy in front on https://paso.test:<port>; yield (url, root CA)."""
    if subprocess.run([sys.executable, str(TLS_SCRIPT), "install"]).returncode != 0:
        _unavailable("Caddy (apt-get install caddy)")
    if not shutil.which("certutil"):
        _unavailable("certutil (apt-get install libnss3-tools)")
    app_port, tls_port = free_port(), free_port()
    data = tmp_path_factory.mktemp("tls")
    env = behind_proxy(os.environ, app_port)  # as `make tls` runs the app
    env.update(
        PASO_PUBLIC_URL=f"https://{HOST}:{tls_port}",
        PASO_DATA_DIR=str(data),
        REFLEX_DB_URL=f"sqlite:///{data / 'paso.db'}",
        # A build of its own: the session's server (tests/e2e/conftest.py) keeps the repo's .web.
        REFLEX_WEB_WORKDIR=str(data / ".web"),
        REFLEX_STATES_WORKDIR=str(data / ".states"),
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        # One report per address: the address test sees whose reports are counted together.
        PASO_RATE_REPORTS_PER_HOUR="1",
    )
    env.pop("REFLEX_REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
    ports = ["--frontend-port", str(app_port), "--backend-port", str(app_port)]
    app = _start(
        ["reflex", "run", "--env", "prod", *ports, "--backend-host", "127.0.0.1"], env, data / "app.log"
    )
    caddy = _start([sys.executable, str(TLS_SCRIPT), "proxy"], env, data / "caddy.log")
    try:
        _wait_until(lambda: _listens(tls_port), caddy, data / "caddy.log", "Caddy")
        _wait_until(lambda: answers(f"http://127.0.0.1:{app_port}/es"), app, data / "app.log", "The app")
        yield f"https://{HOST}:{tls_port}", data / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    finally:
        stop(caddy)
        stop(app)


@pytest.fixture(scope="module")
def trusting_browser(
    playwright: Playwright, tls: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """Chromium that trusts Caddy's root CA, as a phone does after installing it."""
    home = tmp_path_factory.mktemp("home")
    nssdb = f"sql:{home / '.pki' / 'nssdb'}"
    (home / ".pki" / "nssdb").mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", nssdb, "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", nssdb, "-n", "Paso CA", "-t", "C,,", "-i", tls[1]], check=True)
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[*LAUNCH_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"],
        env={**os.environ, "HOME": str(home)},
    )
    yield browser
    browser.close()


def test_home_is_a_secure_context_behind_caddy(tls: tuple[str, Path], trusting_browser: Browser) -> None:
    url, _ = tls
    page = trusting_browser.new_page(viewport=PHONE, locale="es-MX")
    response = page.goto(f"{url}/es")
    assert response is not None and response.ok
    expect(page.get_by_role("heading", name="¿Qué necesitas?")).to_be_visible()
    assert page.evaluate("window.isSecureContext")
    # Defined only in secure contexts: installing the app and offline reading depend on it.
    assert page.evaluate("'serviceWorker' in navigator")
    # ... and through the proxy the worker saves the directory for offline use.
    expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=30_000)


def test_directory_data_and_websocket_pass_through_caddy(
    tls: tuple[str, Path], trusting_browser: Browser
) -> None:
    url, _ = tls
    page = trusting_browser.new_page(viewport=PHONE)
    page.goto(f"{url}/es")
    index = page.evaluate("fetch('/api/directory/es/index.json').then((r) => r.json())")
    assert index["locale"] == "es" and index["total"] > 0
    # Writing pages (registration, desk) will need Reflex's websocket: the upgrade goes through
    # Caddy and the app accepts the https origin. Engine.IO opens with a packet starting "0".
    first = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const socket = new WebSocket(`wss://${location.host}/_event/?EIO=4&transport=websocket`);
            socket.onmessage = (event) => { resolve(String(event.data)); socket.close(); };
            socket.onerror = () => reject(new Error("websocket failed"));
        })"""
    )
    assert first.startswith("0")


def test_phones_download_the_root_certificate(tls: tuple[str, Path], trusting_browser: Browser) -> None:
    url, root = tls
    page = trusting_browser.new_page()
    page.goto(f"{url}/es")
    served = page.evaluate(
        """fetch('/paso-ca.crt').then(async (r) => ({
            status: r.status, disposition: r.headers.get('content-disposition'), text: await r.text(),
        }))"""
    )
    assert served["status"] == 200 and served["text"] == root.read_text()
    assert served["disposition"].startswith("attachment")


def _report(url: str, root: Path, source: str, forged: str | None = None) -> int:
    """POST one report to Caddy from the loopback address ``source``; the answer's status."""
    parts = urlsplit(url)
    context = ssl.create_default_context(cafile=str(root))
    context.check_hostname = False  # connecting by IP; Caddy's default_sni serves paso.test
    connection = http.client.HTTPSConnection(
        "127.0.0.1", parts.port, source_address=(source, 0), context=context, timeout=30
    )
    body = json.dumps({"service": "paso-orientacion-inicial", "problem": "hours", "locale": "es"})
    headers = {"Host": parts.netloc, "Content-Type": "application/json"}
    if forged is not None:
        headers["X-Forwarded-For"] = forged
    try:
        connection.request("POST", "/api/report", body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_each_phone_is_its_own_address_behind_caddy(tls: tuple[str, Path]) -> None:
    """Issue 16, item 2: behind `make tls` the app did not trust Caddy's hop, so every phone
    was 127.0.0.1 and one phone's reports used up the whole centre's limit. Phones at
    127.0.0.2 and 127.0.0.3 are counted apart, and an X-Forwarded-For a phone sends itself
    changes nothing (PASO_RATE_REPORTS_PER_HOUR=1)."""
    url, root = tls
    assert _report(url, root, "127.0.0.2") == 201
    assert _report(url, root, "127.0.0.2") == 429  # the second from the same phone
    assert _report(url, root, "127.0.0.3") == 201  # another phone: its own count
    # A phone cannot pass for a new address...
    assert _report(url, root, "127.0.0.3", forged="198.51.100.7") == 429
    # ... nor spend another phone's count.
    assert _report(url, root, "127.0.0.4", forged="127.0.0.2") == 201
