"""``files_in``: an import's files checked in one pass and read again one document at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rxapp.services.hsds import files_in, reading
from rxapp.services.hsds.reading import InvalidDocumentError

ORG = "0d3b7a52-1f7e-4c4a-9f59-2a1b3c4d5e61"
SERVICE = "7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f607"
PLACE = "9c8b7a65-4321-4fed-8cba-987654321012"


def organization() -> dict[str, Any]:
    return {"id": ORG, "name": "Casa", "description": "Albergue"}


def service(number: int = 0) -> dict[str, Any]:
    return {
        "id": SERVICE[:-1] + str(number),
        "name": f"Comedor {number}",
        "status": "active",
        "organization_id": ORG,
    }


def location() -> dict[str, Any]:
    return {"id": PLACE, "location_type": "physical", "organization_id": ORG, "name": "Sede"}


def test_documents_come_back_in_import_order_whatever_the_files_order(tmp_path: Path) -> None:
    # Files are read by name: a.json (services, a place) before b.json (the organization).
    (tmp_path / "a.json").write_text(
        json.dumps([service(1), location(), service(2)], indent=2), encoding="utf-8"
    )
    (tmp_path / "b.json").write_text(json.dumps(organization()), encoding="utf-8")
    source = files_in.scan(tmp_path)
    assert len(source) == 4
    got = [(where, type(doc).__name__, doc.id) for where, doc in source]
    assert got == [
        ("b.json:$", "Organization", ORG),
        ("a.json:$[0]", "Service", service(1)["id"]),
        ("a.json:$[2]", "Service", service(2)["id"]),
        ("a.json:$[1]", "Location", PLACE),
    ]
    assert [where for where, _ in source] == [where for where, *_ in got]  # it can be read again
    assert files_in.read(tmp_path) == list(source)


@pytest.mark.parametrize("text", ["[]", " [ ] \n", "\n[\n]\n"])
def test_an_empty_list_is_no_document(tmp_path: Path, text: str) -> None:
    (tmp_path / "none.json").write_text(text, encoding="utf-8")
    assert list(files_in.scan(tmp_path / "none.json")) == []


def test_texts_with_brackets_commas_and_arabic_are_read_whole(tmp_path: Path) -> None:
    tricky = service(3) | {"description": 'Comida, "caliente" ] [ , } { \\ وجبة ساخنة'}
    (tmp_path / "s.json").write_text(json.dumps([tricky], ensure_ascii=False), encoding="utf-8")
    [(_, doc)] = list(files_in.scan(tmp_path / "s.json"))
    assert isinstance(doc, reading.Service) and doc.description == tricky["description"]


def test_leftovers_are_found_in_the_checking_pass(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(
        json.dumps([service(4) | {"funding": [{"source": "x"}]}]), encoding="utf-8"
    )
    assert files_in.scan(tmp_path / "s.json").leftovers == [("s.json:$[0].funding", "not kept")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[{"id": 1}\n {"id": 2}]', "l.json: not JSON: line 2 column 2: Expecting ',' delimiter"),
        ("[{}, ]", "l.json: not JSON: line 1 column 6: Expecting value"),
        ('{"id": 1} x', "l.json: not JSON: line 1 column 11: Extra data"),
        ("[] []", "l.json: not JSON: line 1 column 4: Extra data"),
        ("[", "l.json: not JSON: line 1 column 2: Expecting value"),
        ("[[]]", "l.json:$[0]: expected an HSDS object (a service, organization or location)"),
    ],
)
def test_what_is_not_a_list_of_documents_is_named_where_it_goes_wrong(
    tmp_path: Path, text: str, problem: str
) -> None:
    (tmp_path / "l.json").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocumentError) as raised:
        files_in.scan(tmp_path / "l.json")
    assert raised.value.problems == [problem]
