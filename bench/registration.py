"""Registrations over the real websocket, against the production server on SQLite.

python -m bench.registration [--seconds 10] [--clients 1,10,50]

Starts the app as `make run` serves it (prod, one port, a fresh SQLite database), then for
each level of concurrency runs that many simulated phones (tests/data/phone.py): each opens
Reflex's websocket (python-socketio, as the browser does) and submits registrations one after
the other, each with a new draft id, timing submit -> the server's answer (the `pasoRegAnswer`
call carrying the reference code). Prints throughput and p50/p95 per level, and beside it
this machine's ceiling of durable single-row commits to the same SQLite file with the app's
own settings (WAL, synchronous=FULL), as a ratio. The load generator runs on the same 2 cores.
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

from rxapp.services.db import make_engine
from tests.data.phone import Phone, registration
from tests.serve import ROOT, free_port, paso_env, serve


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", default="1,10,50")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        port = free_port()
        env = paso_env(port, data)
        env["PASO_CENTRE_NETWORKS"] = '["127.0.0.0/8"]'  # one address for every simulated phone
        env["PASO_RATE_CENTRE_PER_HOUR"] = "1000000"
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        with serve(ROOT, port, env, data / "server.log", probe="/es") as url:
            results = []
            for clients in (int(c) for c in args.clients.split(",")):
                asyncio.run(level(url, clients, 1.0))  # warm up: connections, first states
                per_second, latencies = asyncio.run(level(url, clients, args.seconds))
                q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
                results.append((clients, per_second, q[9] * 1000, q[18] * 1000, len(latencies)))
                print(
                    f"  {clients} clients: {per_second:.0f}/s, p50 {q[9] * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms"
                )
            ceiling = commit_ceiling(env["REFLEX_DB_URL"])
        print(
            f"\nRegistrations over the websocket ({args.seconds:.0f} s per level, same 2 cores as the server):"
        )
        print("| clients | registrations | per second | p50 | p95 | share of the commit ceiling |")
        print("|---|---|---|---|---|---|")
        for clients, rate, p50, p95, total in results:
            print(
                f"| {clients} | {total} | {rate:.0f} | {p50:.0f} ms | {p95:.0f} ms | {rate / ceiling:.1%} |"
            )
        print(f"\nCeiling: {ceiling:.0f} durable single-row commits per second to the same SQLite file.")


if __name__ == "__main__":
    main()
