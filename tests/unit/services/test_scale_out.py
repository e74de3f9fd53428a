"""The same code on PostgreSQL (data layer, migrations) and Redis (Reflex state).

Skipped loudly when the servers are unreachable; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.cli import load_sample, migrate
from rxapp.services import directory
from rxapp.services.db import check_schema
from rxapp.services.search import stored
from tests.data import aio
from tests.data.needs import PG_URL, missing

REDIS_URL = os.environ.get("PASO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _unreachable(what: str, error: Exception) -> None:
    missing(f"{what} UNREACHABLE, its tests did not run: {error}")


@pytest.fixture(scope="module")
def pg() -> Iterator[Engine]:
    """A private schema on the local PostgreSQL, migrated with the committed migrations."""
    schema = f"paso_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # any connection problem means "unreachable"
        _unreachable("PostgreSQL", error)
    engine = sa.create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        migrate(engine)
        load_sample(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.postgres
def test_postgres_migrates_and_searches(pg: Engine) -> None:
    check_schema(pg)
    with Session(pg) as session:
        for query in ("medico", "médico", "MEDICO"):
            found = directory.list_services(session=session, locale="es", query=query)
            assert any("health" in s.needs for s in found)
        assert directory.list_services(session=session, locale="en", query="food")
        assert directory.list_services(session=session, locale="es", query="zz%") == []
        counts = directory.need_counts(session=session)
        assert sum(counts.values()) > 20


@pytest.mark.postgres
def test_postgres_keeps_keys_made_by_the_current_rules(pg: Engine) -> None:
    """Migrating reindexes services whose stored keys are older than the search rules."""
    with Session(pg) as session:
        service = session.exec(select(m.Service).order_by(col(m.Service.id))).first()
        assert service is not None
        service.search_text = "K0|old|keys|"
        session.add(service)
        session.commit()
    migrate(pg)
    with Session(pg) as session:
        texts = session.exec(select(m.Service.search_text)).all()
    assert texts and all(stored.is_current(text) for text in texts)


@pytest.mark.redis
def test_reflex_picks_redis_state_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """With REFLEX_REDIS_URL set, Reflex keeps state in Redis, shared between managers (workers)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except Exception as error:
        _unreachable("Redis", error)
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex_base.config import get_config, reload_config

    from rxapp.settings import get_settings

    monkeypatch.setenv("REFLEX_REDIS_URL", REDIS_URL)
    get_settings.cache_clear()  # rxconfig reads the settings, as a freshly started server does
    reload_config()
    config = get_config()
    try:
        assert config.redis_url == REDIS_URL
        kind, shared = aio.run(_round_trip())
        assert kind is StateManagerRedis
        assert shared is True
    finally:
        monkeypatch.delenv("REFLEX_REDIS_URL")
        get_settings.cache_clear()
        reload_config()


async def _round_trip() -> tuple[type[Any], bool]:
    """A state written by one manager is read by another (as two workers would)."""
    import reflex as rx
    from reflex.istate.manager import StateManager
    from reflex.state import State

    create: Callable[[], StateManager] = StateManager.create  # Reflex leaves it unannotated
    writer = create()  # inside the loop that will run its background tasks
    token = rx.BaseStateToken(ident=str(uuid.uuid4()), cls=State)
    async with writer.modify_state(token) as state:
        assert isinstance(state, State)
        state.is_hydrated = True
    reader = create()
    try:
        read = await reader.get_state(token)
        assert isinstance(read, State)
        return type(writer), bool(read.is_hydrated)
    finally:
        for manager in (writer, reader):
            close: Callable[[], Awaitable[None]] = manager.close  # unannotated in Reflex too
            await close()


@pytest.mark.postgres
def test_postgres_registers_once_and_counts_limits(pg: Engine) -> None:
    """Idempotent registration and the rate-limit upsert hold on PostgreSQL too."""
    from rxapp.services import ratelimit, registration

    data, problems = registration.validate(
        {"draft_id": "pgdraft0000000001", "locale": "es", "name": "Ana", "needs": ["food"], "consent": True}
    )
    assert data is not None, problems
    limit = [ratelimit.Limit("address:pg-test", 2)]
    with Session(pg) as session:
        first = registration.submit(session=session, data=data, limits=limit, prefix="MTZ")
        assert registration.submit(session=session, data=data, limits=limit, prefix="MTZ") == first
        ratelimit.hit(session=session, limits=limit)
        with pytest.raises(ratelimit.RateLimitedError):
            ratelimit.hit(session=session, limits=limit)


@pytest.mark.postgres
def test_postgres_retention_lock_tallies_and_report(pg: Engine) -> None:
    """The job lock, the tally upsert and the report's grouping hold on PostgreSQL too."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from rxapp.models import JobLock
    from rxapp.services import figures, retention
    from tests.data import people
    from tests.data.people import NOW

    tz, later = ZoneInfo("America/Mexico_City"), NOW + dt.timedelta(minutes=11)
    with Session(pg) as session:
        people.history(
            session,
            registration_id=people.register(
                session, needs=["food", "health"], at=people.ago(days=91), nationality="HN"
            ),
        )
        session.add(JobLock(name="retention", holder="other", until=NOW + dt.timedelta(minutes=10)))
        session.commit()
    assert retention.run(bind=pg, days=90, now=NOW, tz=tz, holder="me") is None
    assert retention.run(bind=pg, days=90, now=later, tz=tz, holder="me") == 1
    with Session(pg) as session:
        people.register(
            session, needs=["food", "health"], at=people.ago(days=91), nationality="HN"
        )  # the same day: the tally adds up
        assert retention.purge(session=session, days=90, now=later, tz=tz) == 1
        day = (NOW - dt.timedelta(days=91)).astimezone(tz).date()
        result = figures.compute(session=session, start=day, end=NOW.date(), tz=tz)
    assert result.per_day[0] == (day.isoformat(), 2)
    assert dict(result.nationalities)["HN"] == 2
    assert result.referrals == [("", 1)]


@pytest.mark.postgres
def test_postgres_one_of_many_workers_runs_retention(pg: Engine) -> None:
    """Eight workers start the job at once: the conditional UPDATE lets exactly one through."""
    import datetime as dt
    from concurrent.futures import ThreadPoolExecutor
    from zoneinfo import ZoneInfo

    from rxapp.services import retention

    now = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)  # after every lease of the other tests
    with ThreadPoolExecutor(8) as pool:
        runs = [
            pool.submit(retention.run, bind=pg, days=90, now=now, tz=ZoneInfo("UTC"), holder=f"w{i}")
            for i in range(8)
        ]
        results = [run.result() for run in runs]
    assert len([r for r in results if r is not None]) == 1
