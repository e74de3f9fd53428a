"""The committed migrations build exactly the tables the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from rxapp import models  # noqa: F401 - registers every table on the metadata
from rxapp.cli import migrate
from rxapp.services.db import check_schema, make_engine


def test_migrations_match_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    migrate(engine)
    check_schema(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_a_directory_with_data_keeps_it_and_indexes_it(tmp_path: Path) -> None:
    """The search migration (c4e8a1f3b702) on a database that holds services referred to by
    other tables: SQLite's batch mode would copy and drop the service table, which foreign
    keys forbid (it failed so on a 1,000-service copy before the fix)."""
    from reflex import model
    from sqlalchemy import text
    from sqlmodel import Session, select

    from rxapp import models as m
    from rxapp.services.search import stored

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.connect() as connection:
        model._alembic_upgrade(connection=connection, to_rev="b7d3a2c8e915")
        for statement in (
            "INSERT INTO organization (id, slug, name, description, is_sample, source_locale, text_versions)"
            " VALUES (1, 'org', 'Casa Refugio', '', 1, 'es', '{}')",
            "INSERT INTO service (id, slug, organization_id, name, description, eligibility, application_process,"
            " fees_description, is_free, no_documents_needed, status, source_locale, text_versions, search_text,"
            " updated_at) VALUES (1, 'albergue', 1, 'Albergue nocturno', 'Camas y cena', '', '', '', 1, 1,"
            " 'ACTIVE', 'es', '{}', 'albergue nocturno', '2026-12-01 00:00:00')",
            "INSERT INTO serviceterm (service_id, term) VALUES (1, 'albergue')",
            "INSERT INTO registration (id, reference, draft_id, content_hash, name, needs, languages,"
            " has_whatsapp, message, locale, consent_version, consent_at, status, assisted, created_at,"
            " name_key, updated_at) VALUES (1, 'MTZ-AAAA', 'd', 'h', 'فاطمة', '[]', '[]', 0, '', 'ar', 'v1',"
            " '2026-12-01 00:00:00', 'NEW', 0, '2026-12-01 00:00:00', 'فاطمة', '2026-12-01 00:00:00')",
            "INSERT INTO referral (registration_id, service_id, service_name, consented, created_at)"
            " VALUES (1, 1, 'Albergue nocturno', 1, '2026-12-01 00:00:00')",
        ):
            connection.execute(text(statement))
        connection.commit()
    migrate(engine)
    with Session(engine) as session:
        service = session.exec(select(m.Service)).one()
        registration = session.exec(select(m.Registration)).one()
    with engine.connect() as connection:
        tables = {
            row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        }
    engine.dispose()
    assert service.keywords == "" and stored.is_current(service.search_text)
    assert "albergue" in stored.tiers(service.search_text)[0].split()
    assert registration.name_key == "فاطمه"  # folded as the desk's search folds a query
    assert "serviceterm" not in tables


def test_the_hsds_fields_migration_gives_existing_rows_their_defaults(tmp_path: Path) -> None:
    """2f8b5d1e9a37 on a directory with a service, a phone and a place: a voice line, a physical
    place with no address parts, a service with no ages, website or interpretation."""
    from reflex import model
    from sqlalchemy import text
    from sqlmodel import Session, select

    from rxapp import models as m

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.connect() as connection:
        model._alembic_upgrade(connection=connection, to_rev="6e9a2d4c7f18")
        for statement in (
            "INSERT INTO organization (id, uuid, slug, name, description, is_sample, source_locale, text_versions)"
            " VALUES (1, 'o', 'org', 'Casa', '', 0, 'es', '{}')",
            "INSERT INTO service (id, uuid, slug, organization_id, name, description, eligibility,"
            " application_process, fees_description, is_free, no_documents_needed, status, source_locale,"
            " text_versions, search_text, keywords, updated_at) VALUES (1, 's', 'albergue', 1, 'Albergue', '',"
            " '', '', '', 1, 0, 'ACTIVE', 'es', '{}', '', '', '2026-12-01 00:00:00')",
            "INSERT INTO phone (id, uuid, service_id, number, is_whatsapp, description, source_locale,"
            " text_versions) VALUES (1, 'p', 1, '+52 962 100 2000', 0, '', 'es', '{}')",
            "INSERT INTO location (id, uuid, organization_id, name, address, directions, source_locale,"
            " text_versions) VALUES (1, 'l', 1, 'Casa', 'Calle 5', '', 'es', '{}')",
        ):
            connection.execute(text(statement))
        connection.commit()
    migrate(engine)
    with Session(engine) as session:
        service = session.exec(select(m.Service)).one()
        phone = session.exec(select(m.Phone)).one()
        place = session.exec(select(m.Location)).one()
    engine.dispose()
    assert (service.url, service.email, service.minimum_age, service.maximum_age) == (None, None, None, None)
    assert service.interpretation_services == ""
    assert (phone.type, phone.extension) == (m.PhoneType.VOICE, None)
    assert place.location_type is m.LocationType.PHYSICAL and place.address == "Calle 5"
    assert (place.city, place.state_province, place.postal_code, place.country) == ("", "", "", "")
