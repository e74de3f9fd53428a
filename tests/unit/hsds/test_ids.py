"""Stable HSDS ids: the migration gives existing rows one, new rows get one, derived ids hold."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import text
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.cli import migrate
from rxapp.services.db import make_engine
from rxapp.services.hsds import ids
from tests.data.needs import PG_URL, missing


def test_the_migration_gives_every_existing_row_its_own_uuid(tmp_path: Path) -> None:
    from reflex import model

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.connect() as connection:
        model._alembic_upgrade(connection=connection, to_rev="9d4b7e2a1c63")
        for slug in ("casa", "refugio"):
            connection.execute(
                text(
                    "INSERT INTO organization (slug, name, description, is_sample, source_locale, text_versions)"
                    " VALUES (:slug, 'Casa', '', 1, 'es', '{}')"
                ),
                {"slug": slug},
            )
        connection.commit()
    migrate(engine)
    with Session(engine) as session:
        found = [org.uuid for org in session.exec(select(m.Organization)).all()]
        session.add(m.Organization(slug="nueva", name="Nueva"))
        session.commit()
        found.append(session.exec(select(m.Organization).where(m.Organization.slug == "nueva")).one().uuid)
    engine.dispose()
    assert len(set(found)) == 3 and all(str(uuid.UUID(value)) == value for value in found)


def test_derived_ids_depend_on_the_natural_key_only() -> None:
    import datetime as dt

    service = "6f1c1f4e-0000-4000-8000-000000000001"
    nine, one = dt.time(9), dt.time(13)
    assert ids.slot(service, 0, nine, one) == ids.slot(service, 0, nine, one)
    assert ids.slot(service, 0, nine, one) != ids.slot(service, 1, nine, one)
    # A validity is part of the key only when set: slots without one kept their ids.
    assert ids.slot(service, 0, nine, one, None, None) == ids.slot(service, 0, nine, one)
    winter = ids.slot(service, 0, nine, one, dt.date(2026, 12, 1), None)
    assert (
        winter
        != ids.slot(service, 0, nine, one)
        != ids.slot(service, 0, nine, one, None, dt.date(2026, 12, 1))
    )
    assert winter != ids.slot(service, 0, nine, one, None, dt.date(2026, 12, 1))
    assert ids.term("food") == "{}".format(uuid.uuid5(ids.NAMESPACE, "taxonomy_term/needs/food"))
    assert len({ids.term("food"), ids.attribute(service, "food"), ids.language(service, "es")}) == 3


@pytest.mark.postgres
def test_the_migration_fills_existing_rows_on_postgres() -> None:
    """PostgreSQL takes the same path, then drops the column's temporary default."""
    from reflex import model

    schema = f"paso_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # any connection problem means "unreachable"
        missing(f"PostgreSQL UNREACHABLE, its tests did not run: {error}")
    engine = sa.create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        with engine.connect() as connection:
            model._alembic_upgrade(connection=connection, to_rev="9d4b7e2a1c63")
            connection.execute(
                text(
                    "INSERT INTO organization (slug, name, description, is_sample, source_locale, text_versions)"
                    " VALUES ('casa', 'Casa', '', true, 'es', '{}'), ('refugio', 'Refugio', '', true, 'es', '{}')"
                )
            )
            connection.commit()
        migrate(engine)
        with engine.connect() as connection:
            found = connection.execute(text("SELECT uuid FROM organization")).scalars().all()
            default = connection.execute(
                text(
                    "SELECT column_default FROM information_schema.columns"
                    " WHERE table_schema = :schema AND table_name = 'organization' AND column_name = 'uuid'"
                ),
                {"schema": schema},
            ).scalar()
        assert len(set(found)) == 2 and all(str(uuid.UUID(value)) == value for value in found)
        assert default is None
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
