"""``hsds-import`` input: the official examples, bad files named by their JSON path, leftovers reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import cli
from rxapp import models as m
from rxapp.services.hsds import files_in
from rxapp.services.hsds.reading import InvalidDocumentError
from tests.unit.hsds.conftest import SPEC, Validate
from tests.unit.hsds.test_import import exported, imported, rows

EXAMPLES = SPEC / "examples"
needs_examples = pytest.mark.skipif(not EXAMPLES.is_dir(), reason=f"no HSDS examples at {EXAMPLES}")


def example(name: str) -> dict[str, Any]:
    """One official example (CC BY-SA: read from the shared folder, never copied in)."""
    found: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return found


@needs_examples
def test_the_official_service_example_imports_and_what_paso_cannot_keep_is_reported(
    empty_engine: Engine, hsds_validate: Validate
) -> None:
    assert hsds_validate("service", example("service_full.json")) == []
    report = imported(empty_engine, EXAMPLES / "service_full.json")
    assert report.counts[("service", "created")] == report.counts[("organization", "created")] == 1
    assert report.counts[("location", "created")] == 1
    left = {where for where, _ in report.leftovers}
    for where in (
        "service_full.json:$.funding",
        "service_full.json:$.program",
        "service_full.json:$.service_areas",
        "service_full.json:$.schedules[0].byweekno",
        "service_full.json:$.cost_options[0].amount",
        "service_full.json:$.organization.funding",
        "service_full.json:$.service_at_locations[0].location.addresses[0].address_2",
        "service_full.json:$.service_at_locations[0].location.languages[0].note",
    ):
        assert where in left, where
    # A place's accessibility and languages are kept (migration 8e2f4a6b0c31), not reported.
    assert not {w for w in left if w.endswith((".location.accessibility", ".location.languages"))}
    with Session(empty_engine) as session:
        service = session.exec(select(m.Service)).one()
        assert service.uuid == example("service_full.json")["id"]
        assert (service.source, service.needs_review, service.assured_date) == (
            "service_full.json",
            True,
            None,
        )
        assert not service.is_free  # it costs 35 gbp
        exception = session.exec(select(m.ScheduleException)).one()  # valid on 2005-01-01 only
        assert (exception.closed, exception.opens_at is not None) == (False, True)
        assert session.exec(select(m.ServiceLanguage.language)).all() == ["ur"]
        assert session.exec(select(m.LocationLanguage.language)).all() == ["ur"]
        access = session.exec(select(m.Accessibility)).one()
        official = example("service_full.json")["service_at_locations"][0]["location"]["accessibility"][0]
        assert (access.uuid, access.description, access.details, access.url) == (
            official["id"],
            official["description"],
            official["details"],
            official["url"],
        )


@needs_examples
def test_the_official_organization_and_location_examples_import(empty_engine: Engine, tmp_path: Path) -> None:
    # The example location names no organization: Paso cannot place it, and says so.
    alone = imported(empty_engine, EXAMPLES / "location.json")
    assert alone.count("created") == 0 and alone.skipped == [
        "location.json:$: a location of no organization Paso knows (organization_id)"
    ]
    report = imported(empty_engine, EXAMPLES / "organization_full.json")
    assert report.counts[("organization", "created")] == 1
    assert report.counts[("service", "created")] == len(example("organization_full.json")["services"])
    assert "organization_full.json:$.funding" in {where for where, _ in report.leftovers}
    placed = example("location.json") | {
        "id": "2f0c7c1e-4b7e-4d8f-9a51-0c3e8f6a9b21",  # another place than the one the organization has
        "organization_id": example("organization_full.json")["id"],
    }
    (tmp_path / "location.json").write_text(json.dumps(placed), encoding="utf-8")
    assert imported(empty_engine, tmp_path / "location.json").counts[("location", "created")] == 1


def broken(folder: Path, change: str) -> tuple[Path, int]:
    """A copy of an export with one mistake in it, and the index of the service it is in."""
    services = json.loads((folder / "services.json").read_text(encoding="utf-8"))
    index = 0
    if change == "type":
        index = [i for i, s in enumerate(services) if s["service_at_locations"]][3]
        services[index]["service_at_locations"][0]["location"]["addresses"][0]["city"] = 5
    elif change == "missing":
        index = [i for i, s in enumerate(services) if s["phones"]][2]
        del services[index]["phones"][0]["number"]
    path = folder / "services.json"
    path.write_text("[{,]" if change == "json" else json.dumps(services), encoding="utf-8")
    return path, index


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            "type",
            "services.json:$[{i}].service_at_locations[0].location.addresses[0].city: Input should be a valid string",
        ),
        ("missing", "services.json:$[{i}].phones[0].number: Field required"),
        (
            "json",
            "services.json: not JSON: line 1 column 3: Expecting property name enclosed in double quotes",
        ),
    ],
)
def test_a_malformed_file_names_its_bad_path_and_imports_nothing(
    sample_copy: Engine, tmp_path: Path, hsds_validate: Validate, change: str, error: str
) -> None:
    exported(sample_copy, tmp_path)
    path, index = broken(tmp_path, change)
    error = error.format(i=index)
    if change != "json":  # the official schemas see the same mistake at the same place
        official = hsds_validate("service", json.loads(path.read_text(encoding="utf-8"))[index])
        where = error.split(":$[")[1].split(": ")[0].split(".", 1)[1]
        where = where.replace(".", "/").replace("[", "/").replace("]", "")
        if change == "missing":  # the schema names the object that lacks the field
            where = where.rsplit("/", 1)[0] + ": 'number' is a required property"
        assert any(e.startswith(where) for e in official), official
    before = rows(sample_copy)
    with pytest.raises(InvalidDocumentError) as raised:
        files_in.read(tmp_path)
    assert raised.value.problems == [error]
    assert cli.hsds_import(sample_copy, [str(tmp_path)]) == 1
    assert rows(sample_copy) == before


def test_a_bad_time_deep_in_a_schedule_rolls_the_whole_import_back(
    sample_copy: Engine, tmp_path: Path
) -> None:
    dataset = exported(sample_copy, tmp_path)
    dataset.services[0]["name"] = "Cambiado"  # would be imported, were the file valid
    weekly = next(i for i, s in enumerate(dataset.services[5]["schedules"]) if s.get("freq") == "WEEKLY")
    dataset.services[5]["schedules"][weekly]["opens_at"] = "9 am"
    (tmp_path / "services.json").write_text(json.dumps(dataset.services), encoding="utf-8")
    before = rows(sample_copy)
    with pytest.raises(InvalidDocumentError) as raised:
        imported(sample_copy, tmp_path)
    assert raised.value.problems == [
        f"services.json:$[5].schedules[{weekly}].opens_at: '9 am' is not a time of day (HH:MM, optional offset)"
    ]
    assert rows(sample_copy) == before


def test_unknown_fields_are_reported_grouped_and_counted(sample_copy: Engine, tmp_path: Path) -> None:
    dataset = exported(sample_copy, tmp_path)
    for service in dataset.services:
        service["favourite_colour"] = "blue"
        service["funding"] = [{"id": "8f5c4b5e-7a43-4a3b-9d8e-6c1a2b3c4d5e", "source": "a grant"}]
    (tmp_path / "services.json").write_text(json.dumps(dataset.services), encoding="utf-8")
    report = imported(sample_copy, tmp_path)
    assert report.count("created") == report.count("updated") == 0  # nothing else differs
    count = len(dataset.services)
    assert f"  {count:>7,}  services.json:$[*].favourite_colour  (unknown)" in report.lines()
    assert f"  {count:>7,}  services.json:$[*].funding  (not kept)" in report.lines()


def test_the_command_reports_dry_runs_and_progress(
    sample_engine: Engine, empty_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = exported(sample_engine, tmp_path)
    assert cli.hsds_import(empty_engine, [str(tmp_path), "--dry-run", "--source", "IOM Tapachula"]) == 0
    out = capsys.readouterr()
    total = len(dataset.services) + len(dataset.organizations)
    assert f"{total}/{total} documents" in out.err
    assert f"services      {len(dataset.services)} created, 0 updated, 0 unchanged" in out.out
    assert "dry run: nothing was changed" in out.out
    with Session(empty_engine) as session:
        assert session.exec(select(m.Service)).first() is None
    assert cli.hsds_import(empty_engine, [str(tmp_path), "--source", "IOM Tapachula"]) == 0
    with Session(empty_engine) as session:
        assert set(session.exec(select(m.Service.source)).all()) == {"IOM Tapachula"}


def test_texts_in_another_locale_become_unreviewed_translations(sample_copy: Engine, tmp_path: Path) -> None:
    """The French dataset onto the Spanish directory: French translations, none of them a source."""
    dataset = exported(sample_copy, tmp_path, locale="fr")
    doc = next(
        s for s in dataset.services if s["translation_status"]["fields"]["name"]["text_locale"] == "fr"
    )
    doc["name"] = "Cantine (nouveau)"
    (tmp_path / "services.json").write_text(json.dumps(dataset.services), encoding="utf-8")
    report = imported(sample_copy, tmp_path, locale="fr")
    assert report.counts[("service", "updated")] == 1
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.uuid == doc["id"])).one()
        row = session.exec(
            select(m.Translation).where(
                m.Translation.record_id == service.id,
                m.Translation.record_type == m.RecordType.SERVICE,
                m.Translation.field == "name",
                m.Translation.locale == "fr",
            )
        ).one()
        assert (row.text, row.unreviewed, service.source_locale) == ("Cantine (nouveau)", True, "es")
        assert row.source_version == service.text_versions["name"]  # made from the current source
