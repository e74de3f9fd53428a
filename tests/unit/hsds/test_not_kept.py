"""What the import does not keep is named: in its report ("not kept", not "unknown") and in docs/hsds.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from rxapp.services.hsds import reading

DOCS = Path(__file__).resolve().parents[3] / "docs" / "hsds.md"
HEADING = "## HSDS fields Paso does not keep yet"
EVERY = "every object"
# Each official object the import reads, and the model that reads it.
READ: dict[str, type[BaseModel]] = {
    "service": reading.Service,
    "organization": reading.Organization,
    "location": reading.Location,
    "service_at_location": reading.ServiceAtLocation,
    "phone": reading.Phone,
    "schedule": reading.Schedule,
    "address": reading.Address,
    "language": reading.Language,
    "cost_option": reading.CostOption,
    "attribute": reading.Attribute,
    "taxonomy_term": reading.TaxonomyTerm,
    "required_document": reading.RequiredDocument,
    "accessibility": reading.Accessibility,
}


def unread(schemas: dict[str, dict[str, Any]], name: str) -> set[str]:
    """The official object's properties its model does not read."""
    return set(schemas[f"{name}.json"]["properties"]) - set(READ[name].model_fields)


def documented() -> dict[str, set[str]]:
    """docs/hsds.md's list: each object's bullet (``- location: `url`, ...``), its field names."""
    text = DOCS.read_text(encoding="utf-8").split(HEADING, 1)[1].split("\n## ", 1)[0]
    found: dict[str, set[str]] = {}
    for bullet in re.split(r"\n- ", "\n" + text.strip())[1:]:
        label, _, rest = bullet.partition(":")
        found[label.strip()] = set(re.findall(r"`([a-z0-9_]+)`", rest))
    return found


@pytest.mark.parametrize("name", sorted(READ))
def test_every_hsds_field_the_import_does_not_read_is_reported_as_not_kept(
    hsds_schemas: dict[str, dict[str, Any]], name: str
) -> None:
    """Bug: a location's or phone's `attributes`, a phone's `contact_id`, a service's `program_id`
    were reported as "unknown" (not HSDS), which they are."""
    assert unread(hsds_schemas, name) - reading.NOT_KEPT == set()


@pytest.mark.parametrize("name", sorted(READ))
def test_the_docs_name_every_hsds_field_the_import_does_not_read(
    hsds_schemas: dict[str, dict[str, Any]], name: str
) -> None:
    listed = documented()
    assert unread(hsds_schemas, name) - listed.get(name, set()) - listed[EVERY] == set()


def test_a_location_attribute_is_reported_as_not_kept() -> None:
    doc = reading.Location.model_validate(
        {
            "id": "1b0c5e2e-4d4f-4b7e-9d3e-2f4f3c0b7a11",
            "location_type": "physical",
            "attributes": [{"id": "2b0c5e2e-4d4f-4b7e-9d3e-2f4f3c0b7a11"}],
            "wifi_password": "x",
        }
    )
    assert sorted(reading.leftovers("$", doc)) == [
        ("$.attributes", "not kept"),
        ("$.wifi_password", "unknown"),
    ]
