"""HSDS required_document: exported with the service (texts in the locale, translation_status),
in the tabular package, imported back matched by id; migration 7c1d3e5f9a20."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from tests.unit.hsds.conftest import Validate
from tests.unit.hsds.test_import import as_source, exported, imported, rows

FAMILIES = "nueva-esperanza-albergue-familias"  # the sample's shelter: a referral note, an ID
JOBS = "manos-que-trabajan-bolsa-empleo"  # its first document has a link


def _uuid(bind: Engine, slug: str) -> str:
    with Session(bind) as session:
        return session.exec(select(m.Service.uuid).where(m.Service.slug == slug)).one()


def _service(services: list[dict[str, Any]], uuid: str) -> dict[str, Any]:
    return next(s for s in services if s["id"] == uuid)


def test_a_service_s_documents_are_exported_in_order_in_the_locale_and_valid(
    sample_engine: Engine, tmp_path: Path, hsds_validate: Validate
) -> None:
    families, jobs = _uuid(sample_engine, FAMILIES), _uuid(sample_engine, JOBS)
    for locale, first in (("es", "Hoja de referencia"), ("ar", "ورقة إحالة")):
        services = exported(sample_engine, tmp_path / locale, locale).services
        document = _service(services, families)
        assert hsds_validate("service", document) == []
        papers = document["required_documents"]
        assert [p["document"].startswith(first) for p in papers] == [True, False]
        for paper in papers:
            assert hsds_validate("required_document", paper) == []
            assert paper["service_id"] == families and "uri" not in paper
            assert paper["translation_status"]["fields"]["document"]["text_locale"] == locale
        assert document["no_documents_needed"] is False
        link = _service(services, jobs)["required_documents"][0]
        assert link["uri"] == "https://www.gob.mx/curp/"
    assert all(
        s["required_documents"] == []
        for s in exported(sample_engine, tmp_path / "all").services
        if s["no_documents_needed"]
    )


def test_the_package_has_the_official_required_documents_table(sample_engine: Engine, tmp_path: Path) -> None:
    dataset = exported(sample_engine, tmp_path)
    package = json.loads((tmp_path / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "required_document")
    assert resource["path"] == "required_documents.csv"
    assert [f["name"] for f in resource["schema"]["fields"]] == [
        "id", "service_id", "document", "uri", "translation_status"
    ]  # fmt: skip
    assert {"fields": "service_id", "reference": {"resource": "service", "fields": "id"}} in resource[
        "schema"
    ]["foreignKeys"]
    with (tmp_path / "datapackage" / "required_documents.csv").open(encoding="utf-8", newline="") as table:
        found = list(csv.DictReader(table))
    wanted = [p for s in dataset.services for p in s["required_documents"]]
    assert [(r["id"], r["service_id"], r["document"], r["uri"]) for r in found] == [
        (p["id"], p["service_id"], p["document"], p.get("uri", "")) for p in wanted
    ]
    assert len(found) == 6


def _copied(sample: Engine, empty: Engine, folder: Path) -> dict[str, Any]:
    """The sample exported into ``folder`` and imported into ``empty``: the shelter's document."""
    dataset = exported(sample, folder)
    imported(empty, folder)
    return _service(dataset.services, _uuid(sample, FAMILIES))


def _reimported(empty: Engine, folder: Path, document: dict[str, Any]) -> Any:
    folder.mkdir()
    (folder / "services.json").write_text(json.dumps([document]), encoding="utf-8")
    return imported(empty, folder)


def _papers(bind: Engine, uuid: str) -> list[tuple[str, str, str | None, int]]:
    with Session(bind) as session:
        service = session.exec(select(m.Service).where(m.Service.uuid == uuid)).one()
        found = session.exec(
            select(m.RequiredDocument)
            .where(m.RequiredDocument.service_id == service.id)
            .order_by(m.RequiredDocument.position)  # type: ignore[arg-type]
        ).all()
        return [(p.uuid, p.document, p.uri, p.position) for p in found]


def test_documents_round_trip_and_a_second_import_changes_nothing(
    sample_engine: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    document = _copied(sample_engine, empty_engine, tmp_path / "first")
    again = _service(exported(empty_engine, tmp_path / "second").services, document["id"])
    assert again["required_documents"] == as_source(document["required_documents"])
    assert [p[0] for p in _papers(empty_engine, document["id"])] == [
        p["id"] for p in document["required_documents"]
    ]
    before = rows(empty_engine)
    report = imported(empty_engine, tmp_path / "second")
    assert report.count("created") == report.count("updated") == 0
    assert rows(empty_engine) == before


def test_an_import_updates_adds_reorders_and_removes_documents_by_id(
    sample_engine: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    document = _copied(sample_engine, empty_engine, tmp_path / "first")
    note, identity = document["required_documents"]
    with Session(empty_engine) as session:
        gone = session.exec(select(m.RequiredDocument.id).where(m.RequiredDocument.uuid == note["id"])).one()
        assert gone is not None
        session.add(
            m.Translation(
                record_type=m.RecordType.DOCUMENT, record_id=gone, field="document", locale="fr", text="Fiche"
            )
        )
        session.commit()
    new = {
        "id": "6f1c1a52-7a1e-4c39-9d55-1b2a4f0c9e01",
        "service_id": document["id"],
        "document": "CURP",
        "uri": "https://www.gob.mx/curp/",
    }
    document["required_documents"] = [new, identity | {"document": "Pasaporte o identificación"}]
    report = _reimported(empty_engine, tmp_path / "changed", document)
    assert report.counts[("service", "updated")] == 1
    assert _papers(empty_engine, document["id"]) == [
        (new["id"], "CURP", "https://www.gob.mx/curp/", 0),
        (identity["id"], "Pasaporte o identificación", None, 1),
    ]
    with Session(empty_engine) as session:
        assert (
            session.exec(select(m.RequiredDocument).where(m.RequiredDocument.uuid == note["id"])).first()
            is None
        )
        assert not session.exec(
            select(m.Translation).where(
                m.Translation.record_type == m.RecordType.DOCUMENT, m.Translation.record_id == gone
            )
        ).all()


def test_documents_win_over_no_documents_needed_and_an_empty_one_is_reported(
    sample_engine: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    """Decision (docs/hsds.md): a service cannot say both; the list is what a person needs."""
    document = _copied(sample_engine, empty_engine, tmp_path / "first")
    document["no_documents_needed"] = True
    document["required_documents"].append(
        {"id": "6f1c1a52-7a1e-4c39-9d55-1b2a4f0c9e02", "uri": "https://x.example.org"}
    )
    report = _reimported(empty_engine, tmp_path / "both", document)
    assert ("services.json:$[0].no_documents_needed", "not kept") in report.leftovers
    assert ("services.json:$[0].required_documents[2]", "not kept") in report.leftovers
    assert len(_papers(empty_engine, document["id"])) == 2
    with Session(empty_engine) as session:
        assert (
            not session.exec(select(m.Service).where(m.Service.uuid == document["id"]))
            .one()
            .no_documents_needed
        )
    document["required_documents"] = []
    _reimported(empty_engine, tmp_path / "none", document)
    with Session(empty_engine) as session:
        assert (
            session.exec(select(m.Service).where(m.Service.uuid == document["id"])).one().no_documents_needed
        )
    assert _papers(empty_engine, document["id"]) == []


def test_an_import_in_another_locale_translates_the_documents(
    sample_engine: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    document = _copied(sample_engine, empty_engine, tmp_path / "first")
    exported(sample_engine, tmp_path / "ar", "ar")
    imported(empty_engine, tmp_path / "ar", locale="ar")
    with Session(empty_engine) as session:
        paper = session.exec(
            select(m.RequiredDocument).where(
                m.RequiredDocument.uuid == document["required_documents"][0]["id"]
            )
        ).one()
        made = session.exec(
            select(m.Translation).where(
                m.Translation.record_type == m.RecordType.DOCUMENT, m.Translation.record_id == paper.id
            )
        ).one()
    assert (
        paper.document.startswith("Hoja")
        and made.locale == "ar"
        and made.text.startswith("ورقة")
        and made.unreviewed
    )


def test_the_migration_adds_the_table_and_going_back_drops_it_with_its_translations(tmp_path: Path) -> None:
    import alembic.runtime.environment
    from reflex import model

    from rxapp.cli import migrate
    from rxapp.services.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'docs.db'}")
    migrate(engine)
    with engine.connect() as connection:
        for statement in (
            "INSERT INTO organization (id, uuid, slug, name, description, is_sample, source_locale,"
            " text_versions, source) VALUES (1, 'o', 'org', 'Casa', '', false, 'es', '{}', '')",
            "INSERT INTO service (id, uuid, slug, organization_id, name, description, eligibility,"
            " application_process, fees_description, is_free, no_documents_needed, status, source_locale,"
            " text_versions, search_text, updated_at, keywords) VALUES (1, 's', 'albergue', 1, 'Albergue', '',"
            " '', '', '', true, false, 'ACTIVE', 'es', '{}', '', '2026-12-01 00:00:00', '')",
            "INSERT INTO requireddocument (uuid, service_id, document, position, source_locale, text_versions)"
            " VALUES ('d', 1, 'Pasaporte', 0, 'es', '{}')",
            "INSERT INTO translation (record_type, record_id, field, locale, text, source_version, source_text,"
            " unreviewed, updated_at) VALUES ('DOCUMENT', 1, 'document', 'fr', 'Passeport', 1, '', false,"
            " '2026-12-01 00:00:00')",
            "INSERT INTO translation (record_type, record_id, field, locale, text, source_version, source_text,"
            " unreviewed, updated_at) VALUES ('SERVICE', 1, 'name', 'fr', 'Refuge', 1, '', false,"
            " '2026-12-01 00:00:00')",
        ):
            connection.execute(sa.text(statement))
        connection.commit()
        config, script = model._alembic_config()  # type: ignore[no-untyped-call]
        with alembic.runtime.environment.EnvironmentContext(
            config=config, script=script, fn=lambda rev, _context: script._downgrade_revs("4a6e8c2b1d57", rev)
        ) as env:
            env.configure(connection=connection)
            env.run_migrations()
        connection.commit()
        assert "requireddocument" not in sa.inspect(connection).get_table_names()
        assert connection.execute(sa.text("SELECT record_type FROM translation")).all() == [("SERVICE",)]
    engine.dispose()


def test_the_api_serves_a_service_s_documents_in_the_asked_locale(
    monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path
) -> None:
    from tests.data.http import make_front
    from tests.unit.hsds.api_calls import get

    front = make_front(monkeypatch, sample_engine, tmp_path)
    uuid = _uuid(sample_engine, FAMILIES)
    spanish = get(front, f"/api/hsds/services/{uuid}")["required_documents"]
    arabic = get(front, f"/api/hsds/services/{uuid}", locale="ar")["required_documents"]
    assert [p["id"] for p in spanish] == [p["id"] for p in arabic] and len(spanish) == 2
    assert spanish[0]["document"].startswith("Hoja") and arabic[0]["document"].startswith("ورقة")
