"""A place's own languages and accessibility (migration 8e2f4a6b0c31): exported on the location,
in the tabular package, imported back (matched, changed, removed), translated."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services.hsds import ids
from tests.data.http import make_front
from tests.unit.hsds.api_calls import every
from tests.unit.hsds.conftest import Validate
from tests.unit.hsds.test_import import as_source, exported, imported, rows

CENTRE = "centro-paso-motozintla"
RAMP = "Rampa por la puerta lateral; baños en la planta baja."


def _place(services: list[dict[str, Any]], slug: str, bind: Engine) -> dict[str, Any]:
    """The exported location of the first service of the organization ``slug``."""
    with Session(bind) as session:
        org = session.exec(select(m.Organization).where(m.Organization.slug == slug)).one()
    document = next(s for s in services if s["organization_id"] == org.uuid)
    place: dict[str, Any] = document["service_at_locations"][0]["location"]
    return place


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / "datapackage" / name).open(encoding="utf-8", newline="") as table:
        return list(csv.DictReader(table))


def test_a_place_s_languages_and_accessibility_are_on_its_location_and_valid(
    sample_copy: Engine, tmp_path: Path, hsds_validate: Validate
) -> None:
    dataset = exported(sample_copy, tmp_path, locale="en")
    place = _place(dataset.services, CENTRE, sample_copy)
    assert hsds_validate("location", place) == []
    assert [(lang["code"], lang["name"]) for lang in place["languages"]][:2] == [
        ("en", "English"),
        ("es", "Spanish"),
    ]
    assert place["languages"][0]["id"] == ids.location_language(place["id"], "en")
    assert {lang["location_id"] for lang in place["languages"]} == {place["id"]}
    (access,) = place["accessibility"]
    assert access["location_id"] == place["id"]
    assert access["description"].startswith("Street-level entrance with no steps")
    assert access["details"] == "There is a wheelchair to borrow; ask at reception."
    assert access["translation_status"]["fields"]["description"]["text_locale"] == "en"
    assert "url" not in access
    # A place with neither has neither property (as phones and schedules).
    bare = _place(dataset.services, "comedor-pan-compartido", sample_copy)
    assert "languages" not in bare and "accessibility" not in bare
    # The tabular package: the official accessibility table, language rows with location_id.
    table = [row for row in _csv(tmp_path, "accessibility.csv") if row["id"] == access["id"]]
    assert [(row["location_id"], row["details"]) for row in table] == [(place["id"], access["details"])]
    spoken = [row for row in _csv(tmp_path, "languages.csv") if row["location_id"] == place["id"]]
    assert {row["code"] for row in spoken} == {"es", "en", "fr", "ht", "pt"}
    assert {row["service_id"] for row in spoken} == {""}


def test_the_round_trip_keeps_them_and_a_second_import_changes_nothing(
    sample_copy: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    first = exported(sample_copy, tmp_path / "first")
    imported(empty_engine, tmp_path / "first")
    second = exported(empty_engine, tmp_path / "second")
    place = _place(first.services, CENTRE, sample_copy)
    back = next(
        s for s in second.services for link in s["service_at_locations"] if link["location_id"] == place["id"]
    )
    assert back["service_at_locations"][0]["location"] == as_source(place)
    with Session(empty_engine) as session:
        assert len(session.exec(select(m.Accessibility)).all()) == 5
        assert session.exec(select(m.LocationLanguage)).all()
    before = rows(empty_engine)
    again = imported(empty_engine, tmp_path / "second")
    assert again.count("created") == again.count("updated") == 0
    assert rows(empty_engine) == before


def _one_service(folder: Path, document: dict[str, Any]) -> Path:
    folder.mkdir()
    (folder / "services.json").write_text(json.dumps([document]), encoding="utf-8")
    return folder


def test_a_changed_text_updates_and_a_removed_entry_goes_with_its_translations(
    sample_copy: Engine, tmp_path: Path
) -> None:
    dataset = exported(sample_copy, tmp_path / "first")
    document = next(
        s
        for s in dataset.services
        if s["service_at_locations"] and "accessibility" in s["service_at_locations"][0]["location"]
    )
    place = document["service_at_locations"][0]["location"]
    place["accessibility"][0]["description"] = "Rampa nueva en la entrada principal."
    place["accessibility"][0]["url"] = "https://example.org/acceso"
    place["languages"] = [{"id": ids.location_language(place["id"], "mam"), "code": "mam", "name": "Mam"}]
    report = imported(sample_copy, _one_service(tmp_path / "changed", document))
    assert report.counts[("location", "updated")] == 1
    with Session(sample_copy) as session:
        row = session.exec(
            select(m.Accessibility).where(m.Accessibility.uuid == place["accessibility"][0]["id"])
        ).one()
        assert (row.description, row.url, row.text_versions["description"]) == (
            "Rampa nueva en la entrada principal.",
            "https://example.org/acceso",
            2,  # a new version: its translations show as outdated
        )
        located = session.exec(select(m.Location).where(m.Location.uuid == place["id"])).one()
        spoken = select(m.LocationLanguage.language).where(m.LocationLanguage.location_id == located.id)
        assert session.exec(spoken).all() == ["mam"]
        gone_id = row.id
    del place["accessibility"], place["languages"]
    imported(sample_copy, _one_service(tmp_path / "removed", document))
    with Session(sample_copy) as session:
        assert not session.exec(select(m.Accessibility).where(m.Accessibility.id == gone_id)).all()
        assert not session.exec(
            select(m.Translation).where(
                m.Translation.record_type == m.RecordType.ACCESS, col(m.Translation.record_id) == gone_id
            )
        ).all()
        assert not session.exec(spoken).all()


def test_an_import_in_another_locale_brings_translations(sample_copy: Engine, tmp_path: Path) -> None:
    """The French dataset of a Spanish place gives its accessibility texts French translations."""
    dataset = exported(sample_copy, tmp_path / "fr", locale="fr")
    place = _place(dataset.services, "albergue-casa-refugio-san-lucas", sample_copy)
    with Session(sample_copy) as session:
        row = session.exec(
            select(m.Accessibility).where(m.Accessibility.uuid == place["accessibility"][0]["id"])
        ).one()
        assert row.description == RAMP
        translations = select(m.Translation).where(
            m.Translation.record_type == m.RecordType.ACCESS,
            m.Translation.record_id == row.id,
            m.Translation.locale == "fr",
        )
        for old in session.exec(translations).all():
            session.delete(old)
        session.commit()
    imported(sample_copy, tmp_path / "fr", locale="fr")
    with Session(sample_copy) as session:
        made = {t.field: (t.text, t.unreviewed) for t in session.exec(translations).all()}
    assert made["description"] == ("Rampe par la porte latérale ; toilettes au rez-de-chaussée.", True)


def test_the_api_carries_them_on_each_place(
    monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path, hsds_validate: Validate
) -> None:
    front = make_front(monkeypatch, sample_engine, tmp_path)
    places = every(front, "/api/hsds/service_at_locations", locale="ar")
    accessible = [p["location"] for p in places if "accessibility" in p["location"]]
    assert accessible and all(hsds_validate("location", place) == [] for place in accessible)
    assert "مدخل على مستوى الشارع بلا درجات. دورة مياه مهيّأة في الطابق الأرضي." in {
        entry["description"] for place in accessible for entry in place["accessibility"]
    }
    assert any("languages" in p["location"] for p in places)
