"""How long an edit takes to reach readers, and what a restart costs them, at 10,000 services.

python -m bench.snapshot_edit [SERVICES]     (default 10000; make bench-edit)

A copy of the synthetic directory (bench/.data) is migrated and served by the snapshot endpoints
in a server process of their own (``PasoFront`` under Granian, one worker, as the app's; no
Reflex pages behind it). The benchmark edits through the service functions (``editing``) on the
same database and polls ``index.json`` every 10 ms: it prints the time from the commit until
the index names the new parts, beside the whole build of a first start; index.json's latency
while idle and while the edits are taken in; and the first index after a restart beside a warm
one.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bench import synthetic
from rxapp import models as m
from rxapp.services import db, editing
from rxapp.services.editing_input import ServiceEdit, TranslationEdit
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

    return PasoFront(nothing, get_settings())  # type: ignore[arg-type]


def serve(port: int) -> None:
    """Serve ``make_app`` with Granian, one worker, as Reflex runs the app (a child process)."""
    from granian import Granian  # type: ignore[attr-defined]
    from granian.constants import Interfaces

    server = Granian(
        "bench.snapshot_edit:make_app",
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
        command = [sys.executable, "-m", "bench.snapshot_edit", "--serve", str(self.port)]
        self.process = subprocess.Popen(command, env=env)
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
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


def _kinds(before: frozenset[str], after: frozenset[str]) -> str:
    kinds = [name.split("-", 1)[0] for name in after - before]
    return ", ".join(f"{kinds.count(k)} {k}" for k in sorted(set(kinds))) or "none"


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values or [0.0])[0]


def _edits() -> list[tuple[str, Callable[[Session], int]]]:
    def first(session: Session, share: int) -> m.Service:
        """The service ``share`` tenths of the way through the directory."""
        active = select(m.Service).where(m.Service.status == m.ServiceStatus.ACTIVE)
        total = len(session.exec(active).all())
        statement = active.order_by(col(m.Service.id)).offset(total * share // 10).limit(1)
        return session.exec(statement).one()

    def form(session: Session, service: m.Service, **changes: object) -> ServiceEdit:
        """The desk's form of the service as it is, with ``changes``."""
        fields = {name: getattr(service, name) for name in m.TEXT_FIELDS[m.Service]}
        needs = select(m.ServiceCategory.category_slug).where(m.ServiceCategory.service_id == service.id)
        spoken = select(m.ServiceLanguage.language).where(m.ServiceLanguage.service_id == service.id)
        return ServiceEdit(
            **fields,
            keywords=service.keywords,
            is_free=service.is_free,
            no_documents_needed=service.no_documents_needed,
            status=service.status.value,
            categories=list(session.exec(needs).all()),
            languages=list(session.exec(spoken).all()),
        ).model_copy(update=changes)

    def describe(share: int) -> Callable[[Session], int]:
        def change(session: Session) -> int:
            service = first(session, share)
            text = f"Cambió {time.time()}"
            editing.update_service(
                session=session, service_id=service.id or 0, data=form(session, service, description=text)
            )
            return service.revision

        return change

    def translate(session: Session) -> int:
        service = first(session, 6)
        edit = TranslationEdit(
            record_type=m.RecordType.SERVICE,
            record_id=service.id or 0,
            field="name",
            locale="en",
            text="Warm meals",
        )
        editing.set_translation(session=session, data=edit)
        return session.exec(select(m.DirectoryRevision.revision)).one()

    def rename(session: Session) -> int:
        service = first(session, 7)
        editing.update_service(
            session=session,
            service_id=service.id or 0,
            data=form(session, service, name="Albergue Renombrado"),
        )
        return service.revision

    def insert(session: Session) -> int:
        org = first(session, 8).organization_id
        made = editing.create_service(
            session=session, organization_id=org, data=ServiceEdit(name="Comedor Nuevo", categories=["food"])
        )
        return made.revision

    return [
        ("description", describe(5)),
        ("translation", translate),
        ("rename", rename),
        ("insertion", insert),
        ("description, then a search", describe(1)),
        ("description, then a search", describe(2)),
        ("description, first after a restart", describe(3)),
    ]


def _take_in(
    server: Server,
    engine: Engine,
    whole: float,
    edits: list[tuple[str, Callable[[Session], int]]],
    search: bool,
) -> list[float]:
    """Make the edits one by one, print when each reached readers; index.json's latencies meanwhile."""
    poller = Poller(server.port)
    poller.start()
    time.sleep(1)
    started = time.perf_counter()
    names = poller.seen[-1][3]
    for label, change in edits:
        with Session(engine) as session:
            revision = change(session)
        committed = time.perf_counter()
        seen, after = poller.until(revision)
        took = seen - committed
        print(f"| {label} | {took * 1000:.0f} ms | {_kinds(names, after)} | {whole / took:.0f}x |")
        names = after
        if search:  # the online search is then indexed again, in the background
            search_connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
            search_connection.request("GET", SEARCH)
            search_connection.getresponse().read()
        time.sleep(2 if search else 0.5)
    busy = poller.latencies(started, time.perf_counter())
    poller.running = False
    poller.join()
    return busy


def _latency(label: str, values: list[float]) -> str:
    return f"{label} p50 {_p(values, 50):.1f} ms, p95 {_p(values, 95):.1f} ms ({len(values)} requests)"


def main(services: int) -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="paso-edit-") as folder:
        data = Path(folder)
        migrated_copy(services, data)
        engine = db.make_engine(f"sqlite:///{data / 'paso.db'}")
        print(f"{services:,} services, one server worker; the machine is shared with other jobs")
        edits = _edits()
        server = Server(data)
        try:
            whole, _ = server.index()  # nothing on disk: the whole build a first start makes
            warm = statistics.median(server.index()[0] for _ in range(30))
            server.connection.request("GET", SEARCH)  # the online search's index, built once at first
            server.connection.getresponse().read()
            print(f"whole build (first start, nothing on disk): {whole:.1f} s")
            poller = Poller(server.port)
            poller.start()
            time.sleep(3)
            poller.running = False
            poller.join()
            idle = poller.latencies(0, time.perf_counter())
            print("| edit | committed -> index.json names it | parts added | whole build / this |")
            print("|---|---|---|---|")
            busy = _take_in(server, engine, whole, edits[:4], search=False)
            searched = _take_in(server, engine, whole, edits[4:6], search=True)
        finally:
            server.stop()
        restarted = Server(data)
        try:
            first, _ = restarted.index()
            again = statistics.median(restarted.index()[0] for _ in range(30))
            _take_in(restarted, engine, whole, edits[6:], search=False)
        finally:
            restarted.stop()
        print(f"index.json: {_latency('idle', idle)}; {_latency('while edits are taken in', busy)}")
        print(f"index.json: {_latency('while edits are taken in and someone searches after each', searched)}")
        print(
            f"after a restart: first index.json {first * 1000:.1f} ms, then {again * 1000:.1f} ms "
            f"(warm before the restart {warm * 1000:.1f} ms; the first start waited {whole:.1f} s)"
        )
        engine.dispose()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
