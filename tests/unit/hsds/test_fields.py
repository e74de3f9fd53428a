"""The HSDS fields Paso keeps since migration 2f8b5d1e9a37: a service's website, email, ages
and interpretation, a phone's type and extension, a location's type and address parts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services.hsds import fields_in, reading
from rxapp.settings import get_settings
from tests.unit.hsds.conftest import Validate
from tests.unit.hsds.test_import import as_source, exported, imported, rows
from tests.unit.hsds.test_import_input import EXAMPLES, example, needs_examples

INTERPRETING = "Intérpretes de mam y k'iche' los martes"


@pytest.fixture
def country(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The installation is in Guatemala (PASO_COUNTRY), whatever the caller's environment says."""
    monkeypatch.setenv("PASO_COUNTRY", "gt")
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("PASO_COUNTRY")
    get_settings.cache_clear()


def _filled(bind: Engine) -> str:
    """Give the first public service and its first place and phone every new field; its HSDS id."""
    with Session(bind) as session:
        link = session.exec(select(m.ServiceAtLocation).order_by(col(m.ServiceAtLocation.id))).first()
        assert link is not None
        service = session.get(m.Service, link.service_id)
        place = session.get(m.Location, link.location_id)
        phone = session.exec(select(m.Phone).where(m.Phone.service_id == link.service_id)).first()
        assert service is not None and place is not None and phone is not None
        service.url, service.email = "https://casa.example.org/comedor", "comedor@casa.example.org"
        service.minimum_age, service.maximum_age = 0, 17
        content.set_source_texts(service, {"interpretation_services": INTERPRETING})
        place.city, place.state_province, place.postal_code = "Motozintla", "Chiapas", "30900"
        phone.type, phone.extension = m.PhoneType.CELL, 104
        session.add_all([service, place, phone])
        session.commit()
        return service.uuid


def _service(services: list[dict[str, Any]], uuid: str) -> dict[str, Any]:
    return next(s for s in services if s["id"] == uuid)


def test_the_export_maps_the_fields_and_validates(
    sample_copy: Engine, tmp_path: Path, hsds_validate: Validate
) -> None:
    uuid = _filled(sample_copy)
    document = _service(exported(sample_copy, tmp_path).services, uuid)
    assert hsds_validate("service", document) == []
    assert (document["url"], document["email"]) == (
        "https://casa.example.org/comedor",
        "comedor@casa.example.org",
    )
    assert (document["minimum_age"], document["maximum_age"]) == (0, 17)  # 0 is an age, not "none"
    assert document["interpretation_services"] == INTERPRETING
    assert document["translation_status"]["fields"]["interpretation_services"]["status"] == "source"
    phone = document["phones"][0]
    assert (phone["type"], phone["extension"]) == ("cell", 104)
    location = document["service_at_locations"][0]["location"]
    assert location["location_type"] == "physical"
    address = location["addresses"][0]
    assert (address["city"], address["state_province"], address["postal_code"]) == (
        "Motozintla",
        "Chiapas",
        "30900",
    )
    assert address["country"] == "MX"  # the place has none: the installation's default


def test_a_service_without_them_leaves_them_out(sample_copy: Engine, tmp_path: Path) -> None:
    """Unset plain fields are not written as nulls; the HSDS schemas' types are str and number."""
    for document in exported(sample_copy, tmp_path).services:
        assert not {"url", "email", "minimum_age", "maximum_age"} & set(document)
        assert all("extension" not in phone and phone["type"] == "voice" for phone in document["phones"])


def test_an_address_with_no_country_takes_the_installations(
    sample_copy: Engine, tmp_path: Path, country: None
) -> None:
    found = exported(sample_copy, tmp_path).services
    countries = {
        address["country"]
        for service in found
        for link in service["service_at_locations"]
        for address in link["location"].get("addresses", [])
    }
    assert countries == {"GT"}


def test_the_fields_come_back_through_a_round_trip_and_a_second_import_changes_nothing(
    sample_copy: Engine, empty_engine: Engine, tmp_path: Path
) -> None:
    uuid = _filled(sample_copy)
    first = exported(sample_copy, tmp_path / "first")
    imported(empty_engine, tmp_path / "first")
    second = exported(empty_engine, tmp_path / "second")
    want = as_source(_service(first.services, uuid))
    want.pop("assured_date", None)
    assert _service(second.services, uuid) == want
    with Session(empty_engine) as session:
        places = session.exec(select(m.Location)).all()
        assert {p.country for p in places} == {""}  # Mexico, the installation's: kept as "its own"
    before = rows(empty_engine)
    again = imported(empty_engine, tmp_path / "second")
    assert again.count("created") == again.count("updated") == 0
    assert rows(empty_engine) == before


def test_values_paso_cannot_keep_are_reported_and_the_rest_imports(
    empty_engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "odd"
    # A service of the official example, with values HSDS allows and Paso cannot keep as they are.
    if not EXAMPLES.is_dir():
        pytest.skip(f"no HSDS examples at {EXAMPLES}")
    document = example("service_full.json")
    document["minimum_age"], document["maximum_age"] = 12.5, 100
    document["phones"][0]["type"] = "satellite"
    document["phones"][0]["extension"] = -3
    address = document["service_at_locations"][0]["location"]["addresses"][0]
    address["country"] = "Narnia"
    document["organization"]["locations"] = []  # the place once, at the service
    folder.mkdir()
    (folder / "services.json").write_text(json.dumps([document]), encoding="utf-8")
    report = imported(empty_engine, folder)
    assert report.counts[("service", "created")] == 1
    left = {where: what for where, what in report.leftovers}
    for where in (
        "services.json:$[0].minimum_age",
        "services.json:$[0].phones[0].type",
        "services.json:$[0].phones[0].extension",
        "services.json:$[0].service_at_locations[0].location.addresses[0].country",
    ):
        assert left.get(where) == "not kept", where
    with Session(empty_engine) as session:
        service = session.exec(select(m.Service)).one()
        assert (service.minimum_age, service.maximum_age) == (None, 100)
        phone = session.exec(select(m.Phone).where(m.Phone.uuid == document["phones"][0]["id"])).one()
        assert (phone.type, phone.extension) == (m.PhoneType.VOICE, None)
        place = session.exec(select(m.Location)).one()
        assert place.country == "" and place.city == address["city"]


@needs_examples
def test_the_official_example_keeps_what_it_was_reported_for_before(empty_engine: Engine) -> None:
    """service_full.json's url, email, ages, interpretation, phone extensions and address parts
    were "not kept" before the migration; now they are kept and no longer reported."""
    document = example("service_full.json")
    report = imported(empty_engine, EXAMPLES / "service_full.json")
    left = {where for where, _ in report.leftovers}
    for name in ("url", "email", "minimum_age", "maximum_age", "interpretation_services"):
        assert f"service_full.json:$.{name}" not in left, name
    assert not any(where.endswith(".extension") for where in left)
    with Session(empty_engine) as session:
        service = session.exec(select(m.Service)).one()
        assert (service.url, service.email) == (document["url"], document["email"])
        assert (service.minimum_age, service.maximum_age) == (12, 100)
        assert service.interpretation_services == document["interpretation_services"]
        phone = session.exec(select(m.Phone).where(m.Phone.uuid == document["phones"][0]["id"])).one()
        assert (phone.type, phone.extension) == (m.PhoneType.VOICE, 100)
        place = session.exec(select(m.Location)).one()
        address = document["service_at_locations"][0]["location"]["addresses"][0]
        assert (place.address, place.city, place.postal_code, place.country) == (
            address["address_1"],
            address["city"],
            address["postal_code"],
            "US",
        )


def test_ages_in_the_wrong_order_are_reported_and_neither_is_kept() -> None:
    doc = reading.Service.model_validate(
        {"id": "3a19ff88-4620-4d17-9830-ac1d859eb5d5", "name": "Comedor", "status": "active"}
        | {"minimum_age": 18, "maximum_age": 12}
    )
    leftovers: list[tuple[str, str]] = []
    found = fields_in.service(doc, "$", leftovers)
    assert (found["minimum_age"], found["maximum_age"]) == (None, None)
    assert leftovers == [("$.minimum_age", "not kept"), ("$.maximum_age", "not kept")]
