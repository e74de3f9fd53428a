"""How long an edit takes to reach readers, and what a restart costs them, at 10,000 services.

python -m bench.snapshot_edit [SERVICES]     (default 10000; make bench-edit)

A copy of the synthetic directory (bench/.data) is migrated and served by the snapshot endpoints
in a server process of their own (``PasoFront`` under Granian, one worker, as the app's; no
Reflex pages behind it). The benchmark edits through the service functions (``editing``) on the
same database and polls ``index.json`` every 10 ms: it prints the time from the commit until
the index names the new parts, beside the whole build of a first start; index.json's latency
while idle and while the edits are taken in (then with a search after each: the online search
is indexed again, in the background, from the parts the edit changed; and how long until
search.json answers from the edit, and, in this process from the same files, that index made
from the previous one beside made whole); and the first index after a restart beside a warm one.
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bench.snapshot_server import SEARCH, Poller, Server, migrated_copy
from rxapp import models as m
from rxapp.services import db, editing
from rxapp.services.editing_input import ServiceEdit, TranslationEdit
from rxapp.services.search.online import OnlineSearch
from rxapp.services.snapshot.store import Store

SEARCH_CHEAP = "/api/directory/es/search.json?q=zzqx&n=1"  # no service: costs the server little


def _kinds(before: frozenset[str], after: frozenset[str]) -> str:
    kinds = [name.split("-", 1)[0] for name in after - before]
    return ", ".join(f"{kinds.count(k)} {k}" for k in sorted(set(kinds))) or "none"


def _p(values: list[float], q: int) -> float:
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
    ready: list[float] | None = None,
) -> list[float]:
    """Make the edits one by one, print when each reached readers; index.json's latencies meanwhile
    (with ``search``, a search after each, and into ``ready`` when search.json had the edit)."""
    ready = [] if ready is None else ready
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
            ready.append(_searched(server.port, revision))
        time.sleep(2 if search else 0.5)
    busy = poller.latencies(started, time.perf_counter())
    poller.running = False
    poller.join()
    return busy


def _searched(port: int, revision: int) -> float:
    """A search (the first after the edit: its index is made again in the background), then a
    cheap one every 10 ms until search.json answers from ``revision``: milliseconds from the first."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", SEARCH)
    while json.loads(connection.getresponse().read())["revision"] < revision:
        time.sleep(0.01)
        connection.request("GET", SEARCH_CHEAP)
    connection.close()
    return (time.perf_counter() - started) * 1000


def _indexing(
    store: Store, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[float, float]:
    """Seconds to make the online search of ``after`` whole, and from the search of ``before``."""
    assert before is not None and after is not None

    def made(state: dict[str, Any], previous: OnlineSearch | None = None) -> tuple[OnlineSearch, float]:
        snapshot = store.snapshot(state)
        started = time.perf_counter()
        search = OnlineSearch(json.loads(snapshot.index.body), lambda n: snapshot.parts[n].body, previous)
        return search, time.perf_counter() - started

    previous, _ = made(before)
    whole = min(made(after)[1] for _ in range(3))
    return whole, min(made(after, previous)[1] for _ in range(3))


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
            ready: list[float] = []
            store = Store(data / "snapshots", "es")
            before = store.state()
            searched = _take_in(server, engine, whole, edits[4:6], search=True, ready=ready)
            after_searches = store.state()
        finally:
            server.stop()
        restarted = Server(data)
        try:
            first, _ = restarted.index()
            again = statistics.median(restarted.index()[0] for _ in range(30))
            _take_in(restarted, engine, whole, edits[6:], search=False)
        finally:
            restarted.stop()
        whole_index, from_previous = _indexing(store, before, after_searches)
        print(f"index.json: {_latency('idle', idle)}; {_latency('while edits are taken in', busy)}")
        print(f"index.json: {_latency('while edits are taken in and someone searches after each', searched)}")
        after = ", ".join(f"{t:.0f}" for t in ready)
        print(f"search.json answered from the edit's revision {after} ms after the first search")
        print(
            f"the online search's index after those two edits, in this process: {from_previous * 1000:.0f} ms "
            f"made from the previous one, beside {whole_index * 1000:.0f} ms made whole "
            f"({whole_index / from_previous:.0f}x)"
        )
        print(
            f"after a restart: first index.json {first * 1000:.1f} ms, then {again * 1000:.1f} ms "
            f"(warm before the restart {warm * 1000:.1f} ms; the first start waited {whole:.1f} s)"
        )
        engine.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
