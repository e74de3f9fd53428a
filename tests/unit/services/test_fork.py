"""Forked workers and the database pool: Reflex's production server forks its workers from the
process that built the pages (and read the directory to do it) on PostgreSQL.

Skipped loudly when PostgreSQL is unreachable; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from rxapp.services.db import make_engine
from tests.data.needs import PG_URL
from tests.unit.services.test_scale_out import _unreachable

QUERIES = 200  # per process, at the same time: enough for crossed replies on a shared socket


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """An engine on the local PostgreSQL, as ``rxapp.services.db.engine()`` makes it."""
    bind = make_engine(PG_URL)
    try:
        with bind.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:  # any connection problem means "unreachable"
        bind.dispose()
        _unreachable("PostgreSQL", error)
    yield bind
    bind.dispose()


def _queries(bind: Engine) -> tuple[set[int], list[str]]:
    """Run QUERIES small transactions; the server processes that answered, and any errors."""
    pids: set[int] = set()
    errors: list[str] = []
    for number in range(QUERIES):
        try:
            with bind.begin() as connection:
                row = connection.execute(sa.text("SELECT pg_backend_pid(), :n"), {"n": number}).one()
            pids.add(int(row[0]))
            if row[1] != number:
                errors.append(f"asked {number}, got the answer to {row[1]}")
        except Exception as error:  # collected: the test reports every kind of failure
            errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    return pids, errors


@pytest.mark.postgres
def test_a_forked_worker_never_uses_its_parents_connections(pg_engine: Engine) -> None:
    """Issue 16, item 3: with several workers on PostgreSQL, 2-3 of 5 logged `retention job
    failed` (`EMPTY_QUERY from 'BEGIN'`, `can't change 'autocommit' now`, `server closed the
    connection`): the workers are forked from the process that had already read the database,
    and they shared its pooled connections. A child must open its own."""
    with pg_engine.connect() as connection:  # the pool now holds an open connection, as after a build
        parent_pid = int(connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())
    read, write = os.pipe()
    go_read, go_write = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: report what it saw through the pipe, never return into pytest
        code = 1
        try:
            os.close(read)
            os.close(go_write)
            os.read(go_read, 1)  # start with the parent
            pids, errors = _queries(pg_engine)
            os.write(write, json.dumps({"pids": sorted(pids), "errors": errors[:5]}).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    os.close(go_read)
    os.write(go_write, b"x")
    parent_pids, parent_errors = _queries(pg_engine)
    with os.fdopen(read) as pipe:
        report = json.loads(pipe.read() or '{"pids": [], "errors": ["the child reported nothing"]}')
    os.waitpid(child, 0)
    assert report["errors"] == [] and parent_errors == []
    assert parent_pid not in report["pids"], "the child used a connection of its parent"
    assert not set(report["pids"]) & parent_pids
