"""``hsds-import``: matched by HSDS id, idempotent, a faithful round trip, dry runs that change nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from rxapp import models as m
from rxapp.services import editing, snapshot
from rxapp.services.hsds import export, files_in, importer
from rxapp.services.hsds.report import Report

TZ = ZoneInfo("America/Mexico_City")
TODAY = dt.date(2026, 12, 2)


def exported(bind: Engine, folder: Path, locale: str = "es") -> export.Dataset:
    """Export ``bind``'s directory and write it into ``folder``."""
    with Session(bind) as session:
        dataset = export.build(session=session, locale=locale, today=TODAY, tz=TZ)
    export.write(dataset, folder)
    return dataset


def imported(bind: Engine, path: Path, *, dry_run: bool = False, locale: str = "es") -> Report:
    """Import the files at ``path`` into ``bind``."""
    with Session(bind) as session:
        return importer.run(
            session=session, documents=files_in.scan(path), locale=locale, source=path.name, dry_run=dry_run
        )


def rows(bind: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in order: what "nothing changed" is checked against."""
    with bind.connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(sa.select(table)).all()), key=repr)
            for name, table in SQLModel.metadata.tables.items()
        }


def as_source(value: Any) -> Any:
    """Texts as they come back into an empty database: written in the dataset's locale.

    A record the sample wrote in English exports its Spanish translation as ``up_to_date``; a
    one-locale dataset cannot say what the English source was, so the import makes the Spanish
    text the source (``translation_status`` says ``source``)."""
    if isinstance(value, list):
        return [as_source(item) for item in value]
    if not isinstance(value, dict):
        return value
    found = {key: as_source(item) for key, item in value.items()}
    if "translation_status" in found:
        status = found["translation_status"]
        status["fields"] = {
            name: {"status": "source", "text_locale": status["locale"]} for name in status["fields"]
        }
    return found


def expected(services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The import leaves verification to a coordinator: a new service has no assured_date."""
    found: list[dict[str, Any]] = as_source(copy.deepcopy(services))
    for service in found:
        service.pop("assured_date", None)
    return found


def test_export_import_into_an_empty_database_export_gives_the_same_document(
    sample_engine: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    first = exported(sample_engine, tmp_path / "first")
    report = imported(empty_engine, tmp_path / "first")
    assert report.counts[("service", "created")] == len(first.services)
    assert report.count("updated") == report.count("unchanged") == 0
    second = exported(empty_engine, tmp_path / "second")
    assert second.organizations == as_source(first.organizations)
    assert second.taxonomy_terms == first.taxonomy_terms
    assert second.services == expected(first.services)
    assert all("assured_date" not in s for s in second.services)


def test_importing_the_same_data_twice_changes_nothing(
    empty_engine: Engine, sample_engine: Engine, tmp_path: Path
) -> None:
    exported(sample_engine, tmp_path)
    imported(empty_engine, tmp_path)
    before = rows(empty_engine)
    again = imported(empty_engine, tmp_path)
    assert again.count("created") == again.count("updated") == 0
    assert again.count("unchanged") == sum(again.counts.values()) > 0
    assert rows(empty_engine) == before


def test_a_dry_run_changes_nothing_and_counts_as_the_real_run(
    empty_engine: Engine, sample_engine: Engine, tmp_path: Path
) -> None:
    exported(sample_engine, tmp_path)
    before = rows(empty_engine)
    dry = imported(empty_engine, tmp_path, dry_run=True)
    assert rows(empty_engine) == before
    real = imported(empty_engine, tmp_path)
    assert dry.counts == real.counts and dry.count("created") > 0
    assert "dry run: nothing was changed" in dry.lines()


def test_an_export_imported_onto_its_own_database_leaves_the_public_snapshot_unchanged(
    sample_copy: Engine, tmp_path: Path
) -> None:
    exported(sample_copy, tmp_path)

    def public() -> list[Any]:
        with Session(sample_copy) as session:
            built = snapshot.build(session, "es", timezone=TZ.key, per_part=100, since="2026-01-01")
            return [json.loads(built.index.body)] + [json.loads(p.body) for p in built.parts.values()]

    before, table = public(), rows(sample_copy)
    report = imported(sample_copy, tmp_path)
    assert report.count("created") == report.count("updated") == 0
    assert public() == before and rows(sample_copy) == table


def test_an_edit_in_the_file_updates_that_service_only_and_marks_it_for_review(
    sample_copy: Engine, tmp_path: Path
) -> None:
    dataset = exported(sample_copy, tmp_path)
    dataset.services[0]["name"] = "Comedor renovado"
    export.write(dataset, tmp_path)
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.uuid == dataset.services[0]["id"])).one()
        versions = dict(service.text_versions)
    report = imported(sample_copy, tmp_path)
    assert report.counts[("service", "updated")] == 1
    assert report.counts[("service", "unchanged")] == len(dataset.services) - 1
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.uuid == dataset.services[0]["id"])).one()
        assert service.name == "Comedor renovado" and service.needs_review and service.source == tmp_path.name
        assert service.text_versions["name"] == versions["name"] + 1  # its translations are outdated now
        assert service.assured_date is not None  # the last verification stays, needs_review says it is due


def test_verifying_an_imported_service_at_the_desk_marks_it_reviewed(
    sample_engine: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    exported(sample_engine, tmp_path)
    imported(empty_engine, tmp_path)
    with Session(empty_engine) as session:
        service = session.exec(select(m.Service)).first()
        assert service is not None and service.id is not None
        assert (service.needs_review, service.assured_date) == (True, None)
        day = editing.mark_verified(session=session, service_id=service.id, now=m.utcnow(), tz=TZ)
        session.refresh(service)
        assert (service.needs_review, service.assured_date) == (False, day)
