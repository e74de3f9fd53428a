"""Backups and restores: time, size, and what a backup costs the app's writers meanwhile.

python -m bench.backup [--people 4500]

Builds a database with the sample directory and PEOPLE registrations (a centre registering 50 a
day keeps ~4,500 within the 90-day retention period), each with a note and a referral, on SQLite
(the app's settings: WAL, synchronous=FULL) and, when it answers, on the local PostgreSQL
(PASO_TEST_POSTGRES_URL's server, a database of its own, dropped after). For each it times
`backup` plain and encrypted (age), the restore of the encrypted one into an empty database
(decrypt, load, migrate, retention), and prints the sizes beside the database's own. On SQLite it
also times single registrations (a durable commit each) from another thread while a backup runs,
beside the same writes with no backup, as p50 / max.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pyrage
import sqlalchemy as sa
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxapp import cli
from rxapp.models import Note, Referral
from rxapp.services import backup
from rxapp.services.db import make_engine
from rxapp.services.registration import create_registration, validate
from tests.data.needs import PG_URL

NOW = dt.datetime.now(dt.UTC)


def _register(session: Session, n: int) -> int:
    data, problems = validate(
        {
            "draft_id": uuid.uuid4().hex, "locale": "es", "name": f"Persona Prueba {n}", "needs": ["food", "health"],
            "phone": "9999 8888", "nationality": "HN", "consent": True, "message": "Viaja con dos niños",
        }
    )  # fmt: skip
    assert data is not None, problems
    create_registration(session=session, data=data, prefix="MTZ", now=NOW - dt.timedelta(minutes=n))
    return n


def _fill(bind: sa.engine.Engine, people: int) -> None:
    cli.migrate(bind)
    cli.load_sample(bind)
    with Session(bind) as session:
        for n in range(people):
            _register(session, n)
        ids = list(session.execute(sa.text("SELECT id FROM registration")).scalars())
        for registration_id in ids:
            session.add(Note(registration_id=registration_id, text="Necesita medicina; hermana en Tapachula"))
            session.add(
                Referral(registration_id=registration_id, service_name="Casa del Migrante", consented=True)
            )
        session.commit()


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _writes(bind: sa.engine.Engine, stop: threading.Event, took: list[float]) -> None:
    with Session(bind) as session:
        n = 10**6
        while not stop.is_set():
            n += 1
            start = time.perf_counter()
            _register(session, n)
            took.append(time.perf_counter() - start)


def _writes_during(
    bind: sa.engine.Engine, work: Callable[[], object] | None, seconds: float = 2.0
) -> list[float]:
    """Registration commit times from a thread while ``work`` runs (or for ``seconds`` without it)."""
    stop, took = threading.Event(), list[float]()
    writer = threading.Thread(target=_writes, args=(bind, stop, took))
    writer.start()
    time.sleep(0.2)  # the writer is going before the backup starts (a benchmark, not a test)
    took.clear()
    if work is None:
        time.sleep(seconds)
    else:
        work()
    stop.set()
    writer.join()
    return took


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} / {max(values) * 1000:.1f} ms ({len(values)} writes)"


def _measure(kind: str, live: sa.engine.Engine, empty: sa.engine.Engine, folder: Path, size: int) -> None:
    key = pyrage.x25519.Identity.generate()
    plain: list[Path] = []
    sealed: list[Path] = []
    t_plain = _timed(lambda: plain.append(backup.create(bind=live, folder=folder, now=NOW, to=())))
    later = NOW + dt.timedelta(seconds=1)
    t_sealed = _timed(
        lambda: sealed.append(backup.create(bind=live, folder=folder, now=later, to=[key.to_public()]))
    )
    keyfile = folder / "key.txt"
    keyfile.write_text(f"{key}\n")
    t_restore = _timed(lambda: cli.restore_backup(empty, sealed[0], keyfile))
    print(f"| {kind} | {size / 1e6:.1f} MB | {plain[0].stat().st_size / 1e6:.1f} MB, {t_plain:.2f} s "
          f"| {sealed[0].stat().st_size / 1e6:.1f} MB, {t_sealed:.2f} s | {t_restore:.2f} s |")  # fmt: skip


def main() -> None:
    """Build, back up, restore; print one table (and the writers' figures on SQLite)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=4500)
    args = parser.parse_args()
    os.environ["PASO_SQLITE_SYNCHRONOUS"] = "FULL"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["PASO_DATA_DIR"] = str(folder / "data")  # retention's backups folder: this one
        live = make_engine(f"sqlite:///{folder / 'live.db'}")
        start = time.perf_counter()
        _fill(live, args.people)
        print(f"{time.strftime('%Y-%m-%d')}: sample directory + {args.people:,} people with a note and a "
              f"referral each (built in {time.perf_counter() - start:.0f} s)\n")  # fmt: skip
        print(
            "| database | its size | backup, plain | backup, encrypted (age) | restore of the encrypted one |"
        )
        print("|---|---|---|---|---|")
        size = (folder / "live.db").stat().st_size
        _measure("SQLite", live, make_engine(f"sqlite:///{folder / 'new' / 'paso.db'}"), folder / "b", size)
        _postgres(args.people, folder / "pg")
        quiet = _writes_during(live, None)
        during = _writes_during(live, lambda: backup.create(bind=live, folder=folder / "w", now=NOW, to=()))
        print(f"\nSQLite registrations from another thread, p50 / max: no backup {_ms(quiet)}; "
              f"during a backup {_ms(during)}")  # fmt: skip


def _postgres(people: int, folder: Path) -> None:
    names = [f"paso_bench_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("live", "new")]
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"| PostgreSQL | not reachable ({type(error).__name__}) | | | |")
        return
    engines = [make_engine(str(sa.make_url(PG_URL).set(database=name))) for name in names]
    try:
        _fill(engines[0], people)
        with engines[0].connect() as connection:
            size = connection.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
        _measure("PostgreSQL", engines[0], engines[1], folder, int(size))
    finally:
        for engine in engines:
            engine.dispose()
        with admin.connect() as connection:
            for name in names:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
