"""The snapshot endpoints alone in a server process, and a poller of their index: what
bench.snapshot_edit measures an edit's way to readers with.

python -m bench.snapshot_server PORT     (the child process; PASO_DATA_DIR and REFLEX_DB_URL set)
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

from bench import synthetic
from rxapp.services import db
from tests.serve import free_port, paso_env

INDEX = "/api/directory/es/index.json"
SEARCH = "/api/directory/es/search.json?q=comida"


def migrated_copy(services: int, folder: Path) -> Path:
    """The synthetic directory copied into ``folder`` and migrated (the cache stays as built)."""
    path = folder / "paso.db"
    with (
        closing(sqlite3.connect(synthetic.cached(services))) as source,
        closing(sqlite3.connect(path)) as copy,
    ):
        source.backup(copy)
    from rxapp.cli import migrate

    bind = db.make_engine(f"sqlite:///{path}")
    migrate(bind)
    bind.dispose()
    return path


def make_app() -> object:
    """The snapshot endpoints alone, as the app's worker serves them (no Reflex pages behind)."""
    from rxapp.http.app import PasoFront
    from rxapp.settings import get_settings

    async def nothing(scope: object, receive: object, send: object) -> None:
        raise AssertionError("only the directory is served here")

    return PasoFront(nothing, get_settings())


def serve(port: int) -> None:
    """Serve ``make_app`` with Granian, one worker, as Reflex runs the app (a child process)."""
    from granian import Granian
    from granian.constants import Interfaces

    server = Granian(
        "bench.snapshot_server:make_app",
        address="127.0.0.1",
        port=port,
        interface=Interfaces.ASGI,
        factory=True,
        log_enabled=False,
    )
    server.serve()


class Server:
    """The server process and a connection to it."""

    def __init__(self, data: Path) -> None:
        self.port = free_port()
        env = paso_env(self.port, data)
        command = [sys.executable, "-m", "bench.snapshot_server", str(self.port)]
        self.process = subprocess.Popen(command, env=env)
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # up when it answers what does not touch the snapshot
            try:
                self.connection.request("GET", "/api/directory/xx/index.json")
                if self.connection.getresponse().read() and self.process.poll() is None:
                    time.sleep(1)  # as a reader arriving after the start, not during it
                    return
            except OSError:
                self.connection.close()
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def index(self) -> tuple[float, dict[str, object]]:
        """Seconds to get the index, and the index."""
        started = time.perf_counter()
        self.connection.request("GET", INDEX)
        body = self.connection.getresponse().read()
        return time.perf_counter() - started, json.loads(body)

    def stop(self) -> None:
        """Stop it (the files stay)."""
        self.process.terminate()
        self.process.wait(30)


class Poller(threading.Thread):
    """index.json every 10 ms: (when, latency, revision, parts) of each answer."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.seen: list[tuple[float, float, int, frozenset[str]]] = []
        self.running = True

    def run(self) -> None:
        while self.running:
            started = time.perf_counter()
            self.connection.request("GET", INDEX)
            response = self.connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"index.json answered {response.status}: {body[:200]!r}")
            index = json.loads(body)
            names = frozenset(index["cards"] + index["keys"] + index["details"])
            self.seen.append((started, time.perf_counter() - started, index["revision"], names))
            time.sleep(0.01)

    def until(self, revision: int, timeout: float = 120) -> tuple[float, frozenset[str]]:
        """When the poller first saw ``revision`` (or newer), and its parts."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for when, took, seen, names in list(self.seen):
                if seen >= revision:
                    return when + took, names
            time.sleep(0.005)
        raise TimeoutError(f"revision {revision} never showed")

    def latencies(self, start: float, end: float) -> list[float]:
        """Latencies of the requests sent between two moments, in ms."""
        return [took * 1000 for when, took, _, _ in self.seen if start <= when <= end]


if __name__ == "__main__":
    serve(int(sys.argv[1]))
