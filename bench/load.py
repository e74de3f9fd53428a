"""N phones reading and registering at once, against one worker and against two behind Caddy.

python -m bench.load [--phones 50] [--seconds 30] [--deployments 1,2,3]
                     [--postgres URL] [--redis URL] [--db-prefix NAME]

One mixed run per deployment, each on a fresh database with the sample directory:
  1. one worker on SQLite, as `make run` serves it (tests/serve.py);
  2. one worker on PostgreSQL + Redis (the same, with GRANIAN_WORKERS=1: with Redis, Reflex
     would start 2 x cores workers);
  3. two workers on PostgreSQL + Redis behind Caddy over https, as `make scale WORKERS=2`
     starts them (scripts/scale.py, ``deployment``).
Every phone (bench/phones.py) opens its registration tab's websocket (tests/data/phone.py), then
visits a page with the directory's index and parts and registers, again and again. Prints reads/s
and registrations/s, p50/p95 of each, errors, the CPU used by the servers (workers, and Caddy),
by this load generator and by the rest of the machine (PostgreSQL, Redis, anything else running),
and server memory per connected phone: the PSS of the server's processes (bench/memory.py) with
the phones connected, before and after the run, minus at rest before they connected, over the
phones; with Redis, the phones' keys there too. Then the ratio two workers / one worker on
PostgreSQL. The machine's 2 cores carry all of it at once.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import memory, phones
from scripts.scale import deployment
from tests.data.phone import Phone
from tests.serve import ROOT, base_env, free_port, paso_env, serve

# Every phone is 127.0.0.1: the centre's own network, with room for the whole run.
CENTRE = {"PASO_CENTRE_NETWORKS": '["127.0.0.0/8"]', "PASO_RATE_CENTRE_PER_HOUR": "10000000"}


@dataclass
class Target:
    """A running deployment: its address, its processes, and the Redis its states live in."""

    name: str
    url: str
    port: int  # the server's (tests/serve.py), or 0 ...
    public_url: str = ""  # ... and the address its processes share (scripts/scale.py)
    redis_url: str = ""

    def pids(self) -> list[int]:
        """The deployment's processes: the server's, or the workers' and Caddy's."""
        return memory.server_pids(self.port, self.public_url)


@contextmanager
def fresh_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A new PostgreSQL database for one deployment (its URL), dropped after."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def one_worker(folder: Path, database: str = "", redis_url: str = "") -> Iterator[Target]:
    """`make run`'s server on a free port: SQLite in ``folder``, or ``database`` + ``redis_url``."""
    port = free_port()
    env = paso_env(port, folder) | CENTRE
    name = "1 worker, SQLite"
    if database:
        env |= {"REFLEX_DB_URL": database, "REFLEX_REDIS_URL": redis_url, "GRANIAN_WORKERS": "1"}
        name = "1 worker, PostgreSQL + Redis"
    subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
    with serve(ROOT, port, env, folder / "server.log", probe="/es") as url:
        yield Target(name, url, port, redis_url=redis_url)


@contextmanager
def two_workers(folder: Path, database: str, redis_url: str) -> Iterator[Target]:
    """Two workers and Caddy at https://127.0.0.1:<port>, as `make scale WORKERS=2` runs them."""
    public = f"https://127.0.0.1:{free_port()}"
    env = base_env() | CENTRE
    env |= {"PASO_PUBLIC_URL": public, "PASO_DATA_DIR": str(folder)}
    env |= {"REFLEX_DB_URL": database, "REFLEX_REDIS_URL": redis_url}
    env.pop("PASO_SQLITE_SYNCHRONOUS", None)
    with deployment(env, [free_port(), free_port()], folder / "logs") as running:
        yield Target("2 workers behind Caddy, PostgreSQL + Redis", running.url, 0, public, redis_url)


@contextmanager
def postgres(
    start: Callable[[Path, str, str], Any], folder: Path, args: argparse.Namespace
) -> Iterator[Target]:
    """``start`` (one_worker or two_workers) on a fresh PostgreSQL database and Redis."""
    with (
        fresh_database(args.postgres, args.db_prefix) as database,
        start(folder, database, args.redis) as target,
    ):
        yield target


def pss_kb(target: Target) -> int:
    """PSS of the deployment's processes, in KB."""
    return memory.memory_kb(target.port, target.public_url)[0]


def redis_kb(target: Target, tokens: list[str]) -> float:
    """KB the phones' keys (their states, their socket records) take in Redis."""
    if not target.redis_url:
        return 0.0
    client = redis.Redis.from_url(target.redis_url)
    used = 0
    for token in tokens:
        for key in client.scan_iter(match=f"*{token}*", count=1000):
            used += int(str(client.memory_usage(key) or 0))
    client.close()
    return used / 1024


async def measure(target: Target, count: int, seconds: float) -> dict[str, float | phones.Tally]:
    """Warm up, read the memory at rest, connect the phones, run, read it again, close."""
    warm = [Phone(target.url) for _ in range(len(phones.LOCALES))]
    await asyncio.gather(*(phone.connect() for phone in warm))
    await phones.run(target.url, warm, 3.0)  # first snapshots per locale, first states, caches
    await asyncio.gather(*(phone.close() for phone in warm))
    await asyncio.sleep(2)  # a measurement at rest, not a synchronisation
    rest = pss_kb(target)
    fleet = [Phone(target.url, answer_seconds=10, attempts=3) for _ in range(count)]
    await asyncio.gather(*(phone.connect() for phone in fleet))
    await asyncio.sleep(2)  # as above
    idle = pss_kb(target)
    before = phones.cpu_seconds(target.pids), phones.own_cpu_seconds(), phones.machine_cpu_seconds()
    tally = await phones.run(target.url, fleet, seconds)
    after = phones.cpu_seconds(target.pids), phones.own_cpu_seconds(), phones.machine_cpu_seconds()
    server, own, machine = (b - a for a, b in zip(before, after, strict=True))
    loaded = pss_kb(target)
    in_redis = redis_kb(target, [phone.token for phone in fleet])
    await asyncio.gather(*(phone.close() for phone in fleet))
    return {
        "tally": tally,
        "idle": (idle - rest) / count,
        "loaded": (loaded - rest) / count,
        "redis": in_redis / count,
        "server_cpu": server / tally.seconds,
        "own_cpu": own / tally.seconds,
        "other_cpu": max(0.0, machine - server - own) / tally.seconds,  # /proc/stat ticks lag a little
        "rest_mb": rest / 1024,
    }


def row(name: str, r: dict[str, float | phones.Tally]) -> str:
    """One line of the table."""
    t = r["tally"]
    assert isinstance(t, phones.Tally)
    read, reg = phones.quantiles(t.reads), phones.quantiles(t.registrations)
    errors = f"{t.read_errors} + {t.registration_errors} ({t.retried} resent)"
    in_redis = f"{r['redis']:.0f} KB" if r["redis"] else "-"
    return (
        f"| {name} | {t.rate(t.reads):.0f} | {read[0]:.0f} / {read[1]:.0f} ms | "
        f"{t.rate(t.registrations):.1f} | {reg[0]:.0f} / {reg[1]:.0f} ms | {errors} | "
        f"{r['server_cpu']:.2f} + {r['own_cpu']:.2f} + {r['other_cpu']:.2f} | {r['rest_mb']:.0f} MB | "
        f"{r['idle']:.0f} / {r['loaded']:.0f} KB | {in_redis} |"
    )


def ratios(one: dict[str, float | phones.Tally], two: dict[str, float | phones.Tally]) -> str:
    """Two workers over one, PostgreSQL + Redis: throughput and p95."""
    a, b = one["tally"], two["tally"]
    assert isinstance(a, phones.Tally) and isinstance(b, phones.Tally)
    figures = (
        b.rate(b.reads) / a.rate(a.reads),
        b.rate(b.registrations) / a.rate(a.registrations),
        phones.quantiles(b.reads)[1] / phones.quantiles(a.reads)[1],
        phones.quantiles(b.registrations)[1] / phones.quantiles(a.registrations)[1],
    )
    return (
        "Two workers / one worker (PostgreSQL + Redis): reads/s x{:.2f}, registrations/s x{:.2f}, "
        "read p95 x{:.2f}, registration p95 x{:.2f}.".format(*figures)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="states under new tokens only")
    parser.add_argument("--db-prefix", default="paso_bench_load", help="fresh databases are PREFIX_<hex>")
    parser.add_argument("--deployments", default="1,2,3", help="which of the three, e.g. 2,3")
    args = parser.parse_args()
    results = []
    starts: dict[str, Callable[[], Any]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="paso-load-") as tmp:
        folders = [Path(tmp) / name for name in ("sqlite", "pg1", "pg2")]
        for folder in folders:
            folder.mkdir()
        starts |= {
            "1": lambda: one_worker(folders[0]),
            "2": lambda: postgres(one_worker, folders[1], args),
            "3": lambda: postgres(two_workers, folders[2], args),
        }
        for start in (starts[n] for n in args.deployments.split(",")):
            with start() as target:
                print(f"{target.name}: {args.phones} phones for {args.seconds:.0f} s", flush=True)
                results.append((target.name, asyncio.run(measure(target, args.phones, args.seconds))))
    print(
        f"\nLoad, {datetime.date.today()}: {args.phones} phones at once for {args.seconds:.0f} s per deployment "
        f"(whole run {time.perf_counter() - started:.0f} s), 2 cores shared by everything:"
    )
    print(
        "| deployment | reads/s | read p50 / p95 | registrations/s | registration p50 / p95 | "
        "errors: reads + registrations | CPU cores: servers + load generator + rest of the machine | "
        "server at rest | server PSS per connected phone: before / after the run | Redis per phone |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results:
        print(row(name, r))
    for name, r in results:
        if isinstance(t := r["tally"], phones.Tally) and t.failures:
            print(
                f"Failed reads, {name}: " + ", ".join(f"{n} x {what}" for what, n in t.failures.most_common())
            )
    if len(results) == len(starts):
        print()
        print(ratios(results[1][1], results[2][1]))


if __name__ == "__main__":
    main()
