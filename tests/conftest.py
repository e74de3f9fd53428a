"""Shared fixtures: a migrated-from-models SQLite database with the sample directory."""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

# Hermetic: the caller's PASO_* and REFLEX_* settings never reach a test (a developer's
# PASO_PUBLIC_URL or REFLEX_DB_URL once failed 26 tests). Tests set what they rely on; the
# servers the e2e tests start get theirs from tests.serve.paso_env. Only the quiet-build
# settings below are kept, set here whatever the caller had.
for _name in [name for name in os.environ if name.startswith(("PASO_", "REFLEX_"))]:
    del os.environ[_name]
os.environ.update(
    REFLEX_TELEMETRY_ENABLED="false", REFLEX_CHECK_LATEST_VERSION="false", REFLEX_USE_SYSTEM_BUN="1"
)
# Test databases are thrown away: no fsync per commit (the unit suite waited on them most of
# its time). The servers the e2e tests start keep the default, FULL, as a centre does.
os.environ["PASO_SQLITE_SYNCHRONOUS"] = "OFF"

from rxapp.services import auth, sample  # noqa: E402 - after the environment is cleaned
from rxapp.services.db import make_engine  # noqa: E402

# Cheap argon2 parameters: a test hashes passwords to check rules, not to resist guessing.
auth.use_fast_hashing()


def _copy(source: Engine, path: Path) -> Engine:
    """An engine on a copy of ``source``'s database at ``path`` (SQLite's backup: WAL included)."""
    with (
        closing(sqlite3.connect(str(source.url.database))) as original,
        closing(sqlite3.connect(path)) as target,
    ):
        original.backup(target)
    return make_engine(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The tables, created once: each test that needs them gets a copy (create_all costs ~10 ms)."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'empty.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sample_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An SQLite database holding the sample directory, shared by read-only tests."""
    path: Path = tmp_path_factory.mktemp("db") / "sample.db"
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        sample.load(session)
    yield engine
    engine.dispose()


@pytest.fixture
def session(sample_engine: Engine) -> Iterator[Session]:
    """A session on the sample database (read-only use)."""
    with Session(sample_engine) as session:
        yield session


@pytest.fixture
def empty_engine(_empty_template: Engine, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty SQLite database with the tables."""
    engine = _copy(_empty_template, tmp_path / "empty.db")
    yield engine
    engine.dispose()


@pytest.fixture
def sample_copy(sample_engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """A private copy of the sample database, for tests that change it."""
    engine = _copy(sample_engine, tmp_path / "copy.db")
    yield engine
    engine.dispose()


@pytest.fixture
def empty_file_engine(tmp_path: Path) -> Iterator[Engine]:
    """A database file with no tables at all: nobody ran the migrations."""
    engine = make_engine(f"sqlite:///{tmp_path / 'unmigrated.db'}")
    yield engine
    engine.dispose()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported so far lives until the end: the garbage collector skips it from here."""
    gc.collect()
    gc.freeze()
