"""The HSDS read API's HTTP rules: validated input, caching, CORS, methods, no personal data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.http.app import PasoFront
from tests.data import people
from tests.data.http import make_front
from tests.unit.hsds.api_calls import request

SERVICES = "/api/hsds/services"
PATHS = (
    "/api/hsds/",
    SERVICES,
    "/api/hsds/service_at_locations",
    "/api/hsds/organizations",
    "/api/hsds/taxonomies",
    "/api/hsds/taxonomy_terms",
)


@pytest.fixture
def front(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path) -> PasoFront:
    """The front on the shared sample directory (read only)."""
    return make_front(monkeypatch, sample_engine, tmp_path)


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("page", "0"),
        ("page", "two"),
        ("per_page", "0"),
        ("per_page", "101"),
        ("per_page", "1.5"),
        ("modified_after", "yesterday"),
        ("modified_after", "2026-13-01T00:00:00Z"),
        ("format", "ndjson"),
        ("search", "x" * 501),
        ("perpage", "10"),  # misspelt: named, not ignored
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(front: PasoFront, parameter: str, value: str) -> None:
    status, headers, body = request(front, SERVICES, {parameter: value})
    answer = json.loads(body)
    assert (status, answer["parameter"], headers["cache-control"]) == (400, parameter, "no-store")
    assert parameter in answer["error"]


def test_an_unknown_locale_is_a_400_that_names_it(front: PasoFront) -> None:
    for path in PATHS:
        status, _, body = request(front, path, {"locale": "xx"})
        answer = json.loads(body)
        assert (status, answer["parameter"]) == (400, "locale") and "'xx'" in answer["error"]


def test_answers_are_public_with_an_etag_and_a_304(front: PasoFront) -> None:
    for path in PATHS:
        status, headers, _ = request(front, path, {"locale": "fr"})
        assert status == 200 and headers["cache-control"] == "public, max-age=60"
        assert headers["access-control-allow-origin"] == "*"
        assert headers["content-type"].startswith("application/json")
        etag = headers["etag"]
        again = request(front, path, {"locale": "fr"}, if_none_match=etag)
        assert (again[0], again[2], again[1]["etag"]) == (304, b"", etag)
        other = request(front, path, {"locale": "es"}, if_none_match=etag)
        # The root and Paso's one taxonomy (described in English) are the same in every locale.
        assert other[0] == (304 if path in ("/api/hsds/", "/api/hsds/taxonomies") else 200)


def test_an_edit_changes_the_etag(
    monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path
) -> None:
    """A worker keeps its answers for the directory's revision: an edit moves it."""
    front = make_front(monkeypatch, sample_copy, tmp_path)
    before = request(front, SERVICES)[1]["etag"]
    with Session(sample_copy) as session:
        service = session.get(m.Service, 1)
        assert service is not None
        service.name = "Otro nombre"
        row = session.get(m.DirectoryRevision, 1) or m.DirectoryRevision(id=1, revision=0)
        row.revision += 1
        session.add_all([service, row])
        session.commit()
    status, headers, body = request(front, SERVICES, if_none_match=before)
    assert status == 200 and headers["etag"] != before and "Otro nombre" in body.decode()


def test_only_get_and_head(front: PasoFront) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, headers, body = request(front, SERVICES, method=method)
        assert (status, headers["allow"], json.loads(body)) == (
            405,
            "GET, HEAD, OPTIONS",
            {"error": "method not allowed"},
        )
    status, headers, body = request(front, SERVICES, method="HEAD")
    assert (status, body) == (200, b"") and headers["etag"]
    status, headers, _ = request(front, SERVICES, method="OPTIONS")
    assert status == 204 and headers["access-control-allow-origin"] == "*"


def test_no_personal_data_ever_comes_out(
    monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path
) -> None:
    person = people.register(
        sample_copy, name=people.NAME, phone=people.PHONE, message="Busco a mi hermana Wilhelmina"
    )
    author = people.staff(sample_copy, name="Volunteer Xanthippe", username="xanthippe")
    people.history(sample_copy, registration_id=person, author_id=author)
    front = make_front(monkeypatch, sample_copy, tmp_path)
    answers = [
        request(front, path, {"locale": locale, "per_page": 100, **extra})[2].decode()
        for path in PATHS
        for locale in ("es", "en")
        for extra in ({}, {"search": people.NAME}, {"search": "Xanthippe"}, {"search": people.PHONE})
        if extra == {} or path in (SERVICES, "/api/hsds/service_at_locations")
    ]
    assert all(json.loads(text) for text in answers)
    text = "\n".join(answers)
    for secret in (
        people.NAME,
        "Zebulonia",
        people.PHONE,
        people.PHONE[3:],
        "Wilhelmina",
        "Xanthippe",
        "xanthippe",
        "MTZ-",
    ):
        assert secret not in text


def test_gzip_when_asked_with_its_own_etag(front: PasoFront) -> None:
    """A partner's poll over a slow line: the services' page gzipped (a sixth of the bytes)."""
    plain = request(front, SERVICES)
    status, headers, body = request(front, SERVICES, accept_encoding="br, gzip;q=0.8")
    assert (status, headers["content-encoding"], headers["vary"]) == (200, "gzip", "Accept-Encoding")
    assert gzip.decompress(body) == plain[2] and len(body) * 5 < len(plain[2])
    assert headers["etag"] != plain[1]["etag"] and "content-encoding" not in plain[1]
    again = request(front, SERVICES, accept_encoding="gzip", if_none_match=headers["etag"])
    assert (again[0], again[2], "content-encoding" in again[1]) == (304, b"", False)
    for refused in ("gzip;q=0", "identity", "br"):
        assert "content-encoding" not in request(front, SERVICES, accept_encoding=refused)[1]


def test_a_small_answer_is_not_gzipped(front: PasoFront) -> None:
    status, headers, body = request(front, "/api/hsds/", accept_encoding="gzip")
    assert status == 200 and "content-encoding" not in headers and json.loads(body)["version"] == "3.0"
