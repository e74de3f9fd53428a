"""The official HSDS 3.0 schemas, read from the shared folder (CC BY-SA: not copied in)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.services.hsds import export, tabular

ROOT = Path(__file__).resolve().parents[3]
# Where HSDS_SPEC says, else beside the repository (../shared/data/hsds-3.0, as issue 20 says),
# else this machine's shared folder: a clean clone elsewhere (CI clones into a temporary
# folder) still finds it.
PLACES = [ROOT.parent / "shared" / "data" / "hsds-3.0", Path("/work/shared/data/hsds-3.0")]
SPEC = (
    Path(os.environ["HSDS_SPEC"])
    if os.environ.get("HSDS_SPEC")
    else next((place for place in PLACES if (place / "schema").is_dir()), PLACES[0])
)
# Without the schemas a developer's run skips; under CI it must not pass silently.
CI = os.environ.get("CI", "").lower() not in {"", "0", "false"}

Validate = Callable[[str, dict[str, Any]], list[str]]


@pytest.fixture(scope="session")
def hsds_schemas() -> dict[str, dict[str, Any]]:
    """The official object schemas by file name (``phone.json``), the API and compiled ones aside."""
    folder = SPEC / "schema"
    if not folder.is_dir():
        if CI:
            pytest.fail(f"the HSDS 3.0 schemas are not at {folder} (set HSDS_SPEC)")
        pytest.skip(f"the HSDS 3.0 schemas are not at {folder} (set HSDS_SPEC)")
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in folder.glob("*.json")
        if path.name not in ("openapi.json", "compiled_service_with_definitions.json")
    }


@pytest.fixture(scope="session")
def hsds_validate(hsds_schemas: dict[str, dict[str, Any]]) -> Validate:
    """``validate(schema_name, document)``: the document's errors against that official schema."""
    # The schemas name each other by file name ("$ref": "phone.json") and have no $id or
    # $schema: each is registered under its file name, as draft 2020-12.
    schemas = hsds_schemas
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )

    def validate(name: str, document: dict[str, Any]) -> list[str]:
        validator = Draft202012Validator(
            schemas[f"{name}.json"], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        return [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)
        ]

    return validate


@pytest.fixture(scope="module")
def sample_package(
    sample_engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> tuple[export.Dataset, Path]:
    """The sample directory exported in Arabic, and the folder of its tabular package."""
    with Session(sample_engine) as session:
        dataset = export.build(
            session=session, locale="ar", today=dt.date(2026, 12, 2), tz=ZoneInfo("America/Mexico_City")
        )
    folder = tmp_path_factory.mktemp("hsds")
    export.write(dataset, folder)
    return dataset, folder / tabular.FOLDER
