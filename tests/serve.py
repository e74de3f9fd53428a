"""Start a Reflex app in production (one port): the end-to-end tests' server, and the benchmarks'."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def base_env() -> dict[str, str]:
    """This environment, quiet (no telemetry, no version check), with the repo's bun and venv first."""
    tools = [ROOT / ".tools" / "node_modules" / ".bin", Path(sys.executable).parent]
    return dict(
        os.environ,
        PATH=os.pathsep.join([*map(str, tools), os.environ.get("PATH", "")]),
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        REFLEX_USE_SYSTEM_BUN="1",
    )


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def paso_env(port: int, data: Path) -> dict[str, str]:
    """Paso's environment for a server on ``port`` with its database in ``data``."""
    env = dict(
        base_env(),
        PASO_PUBLIC_URL=f"http://127.0.0.1:{port}",
        PASO_DATA_DIR=str(data),
        REFLEX_DB_URL=f"sqlite:///{data / 'paso.db'}",
    )
    env.pop("REFLEX_REDIS_URL", None)
    env.pop("PASO_SQLITE_SYNCHRONOUS", None)  # servers under test and benchmarks keep FULL, as a centre does
    return env


def answers(url: str) -> bool:
    """Whether ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _exit(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (``timeout``, CI stopping a job) unwinds like Ctrl-C, so the server started in its
    own session is stopped too: by default Python dies at once and left it running, port and all."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def serve(root: Path, port: int, env: dict[str, str], log: Path, probe: str = "/") -> Iterator[str]:
    """Build and serve the app in ``root`` on ``port`` (prod); yield its URL, stop it after."""
    # `reflex run` through `python -c`: the same program, with a command line that a
    # developer's `pkill -f "reflex run"` (stopping their own `make run`) does not match.
    command = [sys.executable, "-c", "from reflex.reflex import cli; cli()", "run", "--env", "prod"]
    command += ["--frontend-port", str(port), "--backend-port", str(port), "--backend-host", "127.0.0.1"]
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as out, _stopped_by_sigterm():
        server = subprocess.Popen(
            command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 600
            while not answers(url + probe):
                if server.poll() is not None:
                    raise RuntimeError(f"server in {root} exited:\n{log.read_text()[-3000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server in {root} did not start in 600 s (log: {log})")
                time.sleep(0.5)
            yield url
        finally:
            with contextlib.suppress(ProcessLookupError):  # it may have stopped by itself
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


@contextmanager
def serve_paso(log: Path, database: Path | None = None) -> Iterator[str]:
    """Build and serve Paso (prod) on a free port with a fresh SQLite database in a temporary
    folder: the sample directory, or a copy of ``database`` (e.g. a synthetic one); yield its URL."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="paso-bench-") as tmp:
        env = paso_env(port, Path(tmp))
        if database is not None:
            shutil.copyfile(database, Path(tmp) / "paso.db")
        # Migrates; loads the sample only into an empty database.
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        with serve(ROOT, port, env, log, probe="/es") as url:
            yield url
