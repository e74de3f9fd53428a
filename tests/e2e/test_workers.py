"""Two workers behind Caddy on PostgreSQL + Redis (scripts/scale.py, `make scale WORKERS=2`):
registrations through both, the desk on one sees the other's, and a worker killed with SIGKILL
in the middle of a burst loses no acknowledged registration and doubles none.

Phones are tests/data/phone.py's (python-socketio, Reflex's websocket, as the benchmarks use
them) and retry as the form's outbox does: the same draft id again until the server answers. Skipped
loudly without PostgreSQL, Redis or Caddy; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Iterator

import pytest
import redis
import sqlalchemy as sa
from playwright.sync_api import Browser, expect
from sqlalchemy.engine import Engine

from rxapp.cli import create_coordinator
from rxapp.services.db import make_engine
from scripts.scale import Deployment, deployment
from tests.data import aio
from tests.data.needs import PG_URL, missing
from tests.data.phone import Phone, registration
from tests.e2e.test_desk_journey import sign_in
from tests.serve import base_env, free_port

pytestmark = pytest.mark.e2e

REDIS_URL = "redis://127.0.0.1:6379/5"  # Reflex's states, under tokens no other test uses
COORDINATOR = ("carla", "Carla Coordinadora", "faro-del-sur-2026")
BURST, PHONES, KILL_AFTER = 500, 25, 120  # submissions, phones at once, acknowledged before the kill


def _unavailable(what: str, error: object) -> None:
    missing(f"{what} UNAVAILABLE, the several-workers tests did not run: {error}")


@pytest.fixture(scope="module")
def database() -> Iterator[Engine]:
    """A fresh PostgreSQL database for this run, dropped after."""
    name = f"paso_e2e_workers_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any connection problem means "unavailable"
        _unavailable("PostgreSQL", error)
    bind = make_engine(str(sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)))
    yield bind
    bind.dispose()
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def two_workers(database: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """Two workers and Caddy at https://127.0.0.1:<port>, as `make scale WORKERS=2` runs them."""
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as error:
        _unavailable("Redis", error)
    if not shutil.which("caddy"):
        _unavailable("Caddy (apt-get install caddy)", "not on PATH")
    data = tmp_path_factory.mktemp("workers")
    env = dict(
        base_env(),
        PASO_PUBLIC_URL=f"https://127.0.0.1:{free_port()}",
        PASO_DATA_DIR=str(data),
        REFLEX_DB_URL=database.url.render_as_string(hide_password=False),
        REFLEX_REDIS_URL=REDIS_URL,
        # Every simulated phone is 127.0.0.1: the centre's own network, with room for the burst.
        PASO_CENTRE_NETWORKS='["127.0.0.0/8"]',
        PASO_RATE_CENTRE_PER_HOUR="100000",
        # A build of its own: the session's server (tests/e2e/conftest.py) keeps the repo's .web.
        REFLEX_WEB_WORKDIR=str(data / ".web"),
        REFLEX_STATES_WORKDIR=str(data / ".states"),
    )
    env.pop("PASO_SQLITE_SYNCHRONOUS", None)
    with deployment(env, [free_port(), free_port()], data / "logs") as running:
        yield running


async def _submit_directly(worker_url: str, name: str) -> str:
    phone = Phone(worker_url)
    try:
        return await phone.submit(registration(name))
    finally:
        await phone.close()


def test_the_desk_on_one_worker_sees_registrations_made_through_the_other(
    two_workers: Deployment, database: Engine, browser: Browser
) -> None:
    """A registration through each worker (straight to it, not through Caddy); the desk,
    wherever Caddy put its websocket, shows both within 2 s: one came through the other worker."""
    create_coordinator(database, *COORDINATOR)
    context = browser.new_context(ignore_https_errors=True, service_workers="block", locale="es-MX")
    desk = context.new_page()
    sign_in(desk, two_workers.url, COORDINATOR[0], COORDINATOR[2])
    expect(desk.get_by_test_id("queue-empty").or_(desk.get_by_test_id("queue"))).to_be_visible()
    for number, worker in enumerate(two_workers.workers):
        name = f"Persona Por Trabajador {number}"
        aio.run(_submit_directly(worker.url, name))
        expect(desk.get_by_test_id("queue-row").filter(has_text=name)).to_be_visible(timeout=2000)
    context.close()


def test_a_worker_killed_in_a_burst_loses_and_doubles_nothing(
    two_workers: Deployment, database: Engine
) -> None:
    """Issue 16: 500 submissions from 25 phones through Caddy; one worker gets SIGKILL once
    120 are acknowledged; phones resend unanswered drafts (same draft id) as the outbox does."""
    sent = [registration(f"Ráfaga {n}") for n in range(BURST)]
    acknowledged: dict[str, str] = {}

    async def burst() -> list[Phone]:
        phones = [Phone(two_workers.url) for _ in range(PHONES)]
        queue = list(reversed(sent))
        killed = asyncio.Event()

        async def use(phone: Phone) -> None:
            while queue:
                payload = queue.pop()
                acknowledged[payload["draft_id"]] = await phone.submit(payload)
                if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                    killed.set()
                    two_workers.workers[0].kill()

        await asyncio.gather(*(use(phone) for phone in phones))
        await asyncio.gather(*(phone.close() for phone in phones))
        assert killed.is_set()
        return phones

    phones = aio.run(burst())
    with database.connect() as connection:
        everything = connection.execute(sa.text("SELECT draft_id, reference FROM registration")).all()
    ours = {payload["draft_id"] for payload in sent}
    rows = [(draft_id, reference) for draft_id, reference in everything if draft_id in ours]
    stored: dict[str, list[str]] = {}
    for draft_id, reference in rows:
        stored.setdefault(draft_id, []).append(reference)
    duplicates = sum(len(references) - 1 for references in stored.values())
    lost = [draft for draft in acknowledged if draft not in stored]
    changed = [draft for draft, code in acknowledged.items() if stored.get(draft, [code])[0] != code]
    print(
        f"\nsent {BURST}, acknowledged {len(acknowledged)}, retried {sum(p.retried for p in phones)}, "
        f"rows {len(rows)}, duplicates {duplicates}, lost {len(lost)}"
    )
    assert len(acknowledged) == BURST
    assert lost == [] and duplicates == 0 and changed == []
    assert len(rows) == BURST
