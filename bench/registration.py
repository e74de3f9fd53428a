"""Registrations over the real websocket, against the production server on SQLite and PostgreSQL.

python -m bench.registration [--seconds 10] [--clients 1,10,50] [--runs 1]
                             [--databases sqlite,postgres] [--postgres URL] [--redis URL]

Starts the app as `make run` serves it (prod, one port, a fresh SQLite database), then for
each level of concurrency runs that many simulated phones (tests/data/phone.py): each opens
Reflex's websocket (python-socketio, as the browser does) and submits registrations one after
the other, each with a new draft id, timing submit -> the server's answer (the `pasoRegAnswer`
call carrying the reference code). Prints throughput and p50/p95 per level, and beside it
this machine's ceiling of durable single-row commits to the same SQLite file with the app's
own settings (WAL, synchronous=FULL), as a ratio. With ``postgres`` in ``--databases``, the
same levels run against one worker on a fresh PostgreSQL database with its states in Redis (as
bench/load.py's second deployment, without the readers), ``--runs`` times one after the other,
the SQLite server in the same run as the comparison. The load generator runs on the same 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import fresh_database
from rxapp.services.db import make_engine
from tests.data.phone import Phone, registration
from tests.serve import ROOT, free_port, paso_env, serve

# Every phone is 127.0.0.1: the centre's own network, with room for the whole run.
CENTRE = {"PASO_CENTRE_NETWORKS": '["127.0.0.0/8"]', "PASO_RATE_CENTRE_PER_HOUR": "1000000"}
Row = tuple[int, float, float, float, int]  # clients, per second, p50 ms, p95 ms, registrations


async def level(base: str, clients: int, seconds: float) -> tuple[float, list[float]]:
    """``clients`` phones registering for ``seconds``: (acknowledged per second, latencies)."""
    # A refusal or a lost answer fails the run (no resending): this measures a healthy server.
    phones = [Phone(base, answer_seconds=30, attempts=1) for _ in range(clients)]
    await asyncio.gather(*(phone.connect() for phone in phones))
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def run(phone: Phone) -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await phone.submit(registration(f"Bench {next(counter)}", full=True))
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(run(phone) for phone in phones))
    elapsed = time.perf_counter() - started
    await asyncio.gather(*(phone.close() for phone in phones))
    return len(latencies) / elapsed, latencies


def commit_ceiling(url: str, seconds: float = 3.0) -> float:
    """Durable single-row commits per second to the same database file, app settings."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text("CREATE TABLE IF NOT EXISTS bench_commit (id INTEGER PRIMARY KEY, v TEXT)")
        )
    count, deadline = 0, time.perf_counter() + seconds
    started = time.perf_counter()
    with engine.connect() as connection:
        mode = connection.execute(sa.text("PRAGMA journal_mode")).scalar()
        sync = connection.execute(sa.text("PRAGMA synchronous")).scalar()
        while time.perf_counter() < deadline:
            connection.execute(sa.text("INSERT INTO bench_commit (v) VALUES ('x')"))
            connection.commit()
            count += 1
    rate = count / (time.perf_counter() - started)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE bench_commit"))
    engine.dispose()
    print(f"SQLite: journal_mode={mode}, synchronous={sync} (2 = FULL)")
    return rate


def levels(url: str, counts: list[int], seconds: float) -> list[Row]:
    """Each level of concurrency in turn, warmed up first."""
    results = []
    for clients in counts:
        asyncio.run(level(url, clients, 1.0))  # warm up: connections, first states
        per_second, latencies = asyncio.run(level(url, clients, seconds))
        q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
        results.append((clients, per_second, q[9] * 1000, q[18] * 1000, len(latencies)))
        print(f"  {clients} clients: {per_second:.0f}/s, p50 {q[9] * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms")
    return results


def sqlite_run(counts: list[int], seconds: float) -> tuple[list[Row], float]:
    """One server on a fresh SQLite file: the levels, then the file's commit ceiling."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        port = free_port()
        env = paso_env(port, data) | CENTRE
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        with serve(ROOT, port, env, data / "server.log", probe="/es") as url:
            print("SQLite, 1 worker:", flush=True)
            results = levels(url, counts, seconds)
        return results, commit_ceiling(env["REFLEX_DB_URL"])


def postgres_run(
    counts: list[int], seconds: float, admin_url: str, redis_url: str, runs: int
) -> list[list[Row]]:
    """One worker on a fresh PostgreSQL database, states in Redis: the levels, ``runs`` times
    (new phones each time, on the same server: a build takes minutes on a busy machine)."""
    with tempfile.TemporaryDirectory() as folder, fresh_database(admin_url, "paso_bench_reg") as database:
        data = Path(folder)
        port = free_port()
        env = paso_env(port, data) | CENTRE
        env |= {"REFLEX_DB_URL": database, "REFLEX_REDIS_URL": redis_url, "GRANIAN_WORKERS": "1"}
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        with serve(ROOT, port, env, data / "server.log", probe="/es") as url:
            print("PostgreSQL + Redis, 1 worker:", flush=True)
            return [levels(url, counts, seconds) for _ in range(runs)]


def table(title: str, results: list[Row], ceiling: float | None = None) -> None:
    """One deployment's levels as a Markdown table."""
    print(f"\n{title}")
    print(
        "| clients | registrations | per second | p50 | p95 |"
        + (" share of the commit ceiling |" if ceiling else "")
    )
    print("|---|---|---|---|---|" + ("---|" if ceiling else ""))
    for clients, rate, p50, p95, total in results:
        share = f" {rate / ceiling:.1%} |" if ceiling else ""
        print(f"| {clients} | {total} | {rate:.0f} | {p50:.0f} ms | {p95:.0f} ms |{share}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--runs", type=int, default=1, help="PostgreSQL runs, one after the other")
    parser.add_argument("--databases", default="sqlite", help="sqlite, postgres or both (sqlite,postgres)")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="states under new tokens only")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    kinds = args.databases.split(",")
    lite = sqlite_run(counts, args.seconds) if "sqlite" in kinds else None
    runs = []
    if "postgres" in kinds:
        runs = postgres_run(counts, args.seconds, args.postgres, args.redis, args.runs)
    print(f"\nRegistrations over the websocket ({args.seconds:.0f} s per level, same 2 cores as the server):")
    if lite is not None:
        results, ceiling = lite
        table("SQLite, 1 worker:", results, ceiling)
        print(f"\nCeiling: {ceiling:.0f} durable single-row commits per second to the same SQLite file.")
    for number, results in enumerate(runs, 1):
        table(f"PostgreSQL + Redis, 1 worker, run {number} of {len(runs)}:", results)
    if lite is not None and runs:
        top = max(counts)
        p95s = [next(r[3] for r in results if r[0] == top) for results in runs]
        base = next(r[3] for r in lite[0] if r[0] == top)
        print(
            f"\np95 at {top} clients, PostgreSQL + Redis: "
            + ", ".join(f"{p:.0f} ms" for p in p95s)
            + f" (x{min(p95s) / base:.1f}-x{max(p95s) / base:.1f} SQLite's {base:.0f} ms in the same run)"
        )


if __name__ == "__main__":
    main()
