"""The HSDS tabular package: the official tables and columns, whole rows, keys that resolve."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest

from rxapp.services.hsds import export, tabular
from rxapp.services.hsds.tables import TABLES
from tests.unit.hsds.conftest import Validate

Rows = dict[str, list[dict[str, str]]]
SHARED_PLACE = "6f1f3c52-7f3a-4d7e-9a53-2b0c54a1a001"
ORG = "0b7c8f52-1d1e-4b0e-8a3b-5f0d2e4c9a10"
TEXT = 'Comida caliente, "gratis"\nلا حاجة إلى وثائق\r\nfin'


def _read(folder: Path) -> tuple[dict[str, Any], Rows]:
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    rows: Rows = {}
    for resource in package["resources"]:
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            assert reader.fieldnames == [f["name"] for f in resource["schema"]["fields"]]
            rows[resource["name"]] = list(reader)
    return package, rows


def _scalar(prop: dict[str, Any]) -> bool:
    return prop.get("type") in {"string", "number", "integer", "boolean"}


def test_tables_and_columns_are_the_official_ones(hsds_schemas: dict[str, dict[str, Any]]) -> None:
    """Each schema's scalar properties in its order, typed as the official datapackage types them."""
    assert set(TABLES) == {schema["name"] for schema in hsds_schemas.values()}
    for schema in hsds_schemas.values():
        table = TABLES[schema["name"]]
        expected = [
            {
                "name": name,
                "type": prop.get("datapackage_type", prop["type"]),
                **({"format": prop["format"]} if prop.get("format") in {"uuid", "uri", "email"} else {}),
            }
            for name, prop in schema["properties"].items()
            if _scalar(prop)
        ]
        assert table.path == schema["path"]
        assert table.official == expected, table.name
        assert not set(table.names[len(expected) :]) & set(schema["properties"])


def test_the_package_lists_every_csv_and_every_key_resolves(
    sample_package: tuple[export.Dataset, Path],
) -> None:
    dataset, folder = sample_package
    package, rows = _read(folder)
    assert {r["path"] for r in package["resources"]} == {p.name for p in folder.glob("*.csv")}
    assert package["profile"] == "tabular-data-package" and package["language"] == "ar"
    ids = {name: [row["id"] for row in table] for name, table in rows.items()}
    assert all(len(found) == len(set(found)) for found in ids.values())  # no row twice
    checked = 0
    for resource in package["resources"]:
        assert resource["schema"]["primaryKey"] == "id"
        for key in resource["schema"].get("foreignKeys", []):
            target = set(ids[key["reference"]["resource"]])
            values = {row[key["fields"]] for row in rows[resource["name"]]} - {""}
            assert values <= target, (resource["name"], key["fields"])
            checked += len(values)
    assert checked > 100
    assert len(rows["service"]) == len(dataset.services)
    assert len(rows["organization"]) == len(dataset.organizations)
    assert len(rows["phone"]) == sum(len(s["phones"]) for s in dataset.services)
    assert len(rows["attribute"]) == sum(len(s["attributes"]) for s in dataset.services)
    places = {link["location_id"] for s in dataset.services for link in s["service_at_locations"]}
    assert {row["id"] for row in rows["location"]} == places


def test_every_value_of_the_documents_is_in_its_row(sample_package: tuple[export.Dataset, Path]) -> None:
    """Texts in Arabic, numbers, booleans and the translation status come out as the JSON has them."""
    dataset, folder = sample_package
    _, rows = _read(folder)
    by_id = {name: {row["id"]: row for row in table} for name, table in rows.items()}
    for doc in dataset.services:
        row = by_id["service"][doc["id"]]
        assert row["name"] == doc["name"] and row["last_modified"] == doc["last_modified"]
        assert json.loads(row["translation_status"]) == doc["translation_status"]
        assert row["no_documents_needed"] == str(doc["no_documents_needed"]).lower()
        for phone in doc["phones"]:
            assert by_id["phone"][phone["id"]]["number"] == phone["number"]
            assert by_id["phone"][phone["id"]]["is_whatsapp"] in {"true", "false"}
        for link in doc["service_at_locations"]:
            place = link["location"]
            if "latitude" in place:
                assert float(by_id["location"][place["id"]]["latitude"]) == place["latitude"]
            for address in place.get("addresses", []):
                assert by_id["address"][address["id"]]["location_id"] == place["id"]


def _service(sid: str, places: list[str], phones: int) -> dict[str, Any]:
    organization = {"id": ORG, "name": "Casa", "description": TEXT, "is_sample": False}
    return {
        "id": sid,
        "organization_id": ORG,
        "name": f"Servicio {sid[:4]}",
        "description": TEXT,
        "status": "active",
        "organization": organization,
        "phones": [
            {
                "id": f"{sid[:-1]}{n}",
                "service_id": sid,
                "number": f"+52 55 0000 000{n}",
                "is_whatsapp": n == 1,
            }
            for n in range(1, phones + 1)
        ],
        "schedules": [],
        "service_at_locations": [
            {
                "id": f"{place[:-2]}{sid[-1]}{place[-1]}",
                "service_id": sid,
                "location_id": place,
                "location": {
                    "id": place,
                    "location_type": "physical",
                    "organization_id": ORG,
                    "name": f"Lugar {place[-1]}",
                    "latitude": 19.4326,
                    "addresses": [
                        {
                            "id": f"{place[:-2]}f{place[-1]}",
                            "address_1": 'Calle 5, "B"',
                            "city": "",
                            "state_province": "",
                            "postal_code": "",
                            "country": "",
                            "address_type": "physical",
                        }
                    ],
                },
            }
            for place in places
        ],
        "languages": [],
        "cost_options": [],
        "attributes": [],
    }


def _dataset(*services: dict[str, Any]) -> export.Dataset:
    return export.Dataset(
        services=list(services),
        organizations=[copy.deepcopy(services[0]["organization"])],
        taxonomies=[],
        taxonomy_terms=[],
        locale="es",
    )


def test_two_phones_and_two_places_make_their_rows_and_a_shared_place_is_one(
    tmp_path: Path, hsds_validate: Validate
) -> None:
    first = _service(
        "11111111-2222-4333-8444-555555555551", [SHARED_PLACE, SHARED_PLACE[:-1] + "2"], phones=2
    )
    second = _service("11111111-2222-4333-8444-555555555552", [SHARED_PLACE], phones=0)
    assert hsds_validate("service", first) == []
    tabular.write(_dataset(first, second), tmp_path)
    _, rows = _read(tmp_path)
    assert [(r["service_id"], r["number"], r["is_whatsapp"]) for r in rows["phone"]] == [
        (first["id"], "+52 55 0000 0001", "true"),
        (first["id"], "+52 55 0000 0002", "false"),
    ]
    assert [(r["service_id"], r["location_id"]) for r in rows["service_at_location"]] == [
        (first["id"], SHARED_PLACE),
        (first["id"], SHARED_PLACE[:-1] + "2"),
        (second["id"], SHARED_PLACE),
    ]
    assert [r["id"] for r in rows["location"]] == [SHARED_PLACE, SHARED_PLACE[:-1] + "2"]
    # The address had no location_id in its document: it gets its place's.
    assert [r["location_id"] for r in rows["address"]] == [SHARED_PLACE, SHARED_PLACE[:-1] + "2"]
    assert [r["id"] for r in rows["organization"]] == [ORG]
    assert rows["cost_option"] == [] and rows["taxonomy_term"] == []


def test_commas_quotes_line_breaks_and_arabic_round_trip(tmp_path: Path) -> None:
    tabular.write(_dataset(_service("11111111-2222-4333-8444-555555555551", [SHARED_PLACE], 1)), tmp_path)
    _, rows = _read(tmp_path)
    assert rows["service"][0]["description"] == TEXT
    assert rows["organization"][0]["description"] == TEXT
    assert rows["address"][0]["address_1"] == 'Calle 5, "B"'
    raw = (tmp_path / "services.csv").read_bytes()
    assert raw.startswith(b"id,organization_id,") and raw.count(b"\r\n") >= 3
    assert b'"Comida caliente, ""gratis""\n' in raw  # RFC 4180: quoted, quotes doubled


def test_a_field_with_no_column_is_an_error_not_dropped(tmp_path: Path) -> None:
    service = _service("11111111-2222-4333-8444-555555555551", [SHARED_PLACE], 1)
    service["phones"][0]["is_signal"] = True
    with pytest.raises(ValueError, match="phone has no column for is_signal"):
        tabular.write(_dataset(service), tmp_path)
