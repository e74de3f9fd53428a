"""The HSDS read API's lists and documents: paging, filters, locales, schema validity."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from rxapp import models as m
from rxapp.http.app import PasoFront
from rxapp.services import content
from rxapp.services.directory import PUBLIC_STATUSES
from rxapp.services.hsds import ids
from rxapp.services.localize import localize
from tests.data import people
from tests.data.http import make_front
from tests.unit.hsds.api_calls import every, get, request
from tests.unit.hsds.conftest import Validate

SERVICES = "/api/hsds/services"


@pytest.fixture
def front(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path) -> PasoFront:
    """The front on the shared sample directory (read only)."""
    return make_front(monkeypatch, sample_engine, tmp_path)


def _public(session: Session) -> list[m.Service]:
    query = select(m.Service).where(col(m.Service.status).in_(PUBLIC_STATUSES)).order_by(col(m.Service.id))
    return list(session.exec(query).all())


def test_the_first_and_last_pages_and_the_counts(front: PasoFront, session: Session) -> None:
    public = _public(session)
    first = get(front, SERVICES, per_page=7)
    pages = math.ceil(len(public) / 7)
    assert (first["total_items"], first["total_pages"], first["page_number"]) == (len(public), pages, 1)
    assert (first["size"], first["first_page"], first["last_page"], first["empty"]) == (7, True, False, False)
    assert [s["id"] for s in first["contents"]] == [s.uuid for s in public[:7]]
    last = get(front, SERVICES, per_page=7, page=pages)
    assert (last["size"], last["first_page"], last["last_page"]) == (
        len(public) - 7 * (pages - 1),
        False,
        True,
    )
    beyond = get(front, SERVICES, per_page=7, page=pages + 1)
    assert (beyond["contents"], beyond["empty"], beyond["last_page"]) == ([], True, True)
    assert [s["id"] for s in every(front, SERVICES)] == [s.uuid for s in public]


def test_per_page_defaults_to_50_and_takes_up_to_100(front: PasoFront) -> None:
    assert get(front, SERVICES)["size"] == min(50, get(front, SERVICES, per_page=100)["total_items"])
    assert get(front, SERVICES, per_page=100)["page_number"] == 1


def test_a_need_as_taxonomy_term_filters_the_services(front: PasoFront, session: Session) -> None:
    term = ids.term("food")
    expected = session.exec(
        select(func.count())
        .select_from(m.Service)
        .where(col(m.Service.status).in_(PUBLIC_STATUSES))
        .where(
            col(m.Service.id).in_(
                select(m.ServiceCategory.service_id).where(m.ServiceCategory.category_slug == "food")
            )
        )
    ).one()
    found = every(front, SERVICES, taxonomy_term_id=term)
    assert 0 < len(found) == expected
    assert all(term in {a["taxonomy_term_id"] for a in s["attributes"]} for s in found)
    assert get(front, SERVICES, taxonomy_term_id=ids.term("nothing-such"))["total_items"] == 0
    assert get(front, SERVICES, taxonomy_id=ids.TAXONOMY)["total_items"] > 0
    assert get(front, SERVICES, taxonomy_id=ids.term("food"))["total_items"] == 0


def test_an_organization_filters_its_services(front: PasoFront, session: Session) -> None:
    service = _public(session)[0]
    org = session.get(m.Organization, service.organization_id)
    assert org is not None
    found = every(front, SERVICES, organization_id=org.uuid)
    assert service.uuid in {s["id"] for s in found}
    assert {s["organization_id"] for s in found} == {org.uuid}


def test_modified_after_keeps_the_services_changed_since(
    monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path
) -> None:
    later = dt.datetime(2031, 5, 1, 12, 0, tzinfo=dt.UTC)
    with Session(sample_copy) as session:
        changed = _public(session)[3]
        changed.updated_at = later
        session.add(changed)
        session.commit()
        uid = changed.uuid
    front = make_front(monkeypatch, sample_copy, tmp_path)
    found = get(front, SERVICES, modified_after="2031-05-01T11:59:00Z")
    assert [s["id"] for s in found["contents"]] == [uid]
    assert found["contents"][0]["last_modified"] == "2031-05-01T12:00:00.000Z"
    # Without an offset: UTC. "On or after": the very instant counts.
    assert get(front, SERVICES, modified_after="2031-05-01T12:00:00")["total_items"] == 1
    assert get(front, SERVICES, modified_after="2031-05-01T08:00:01-04:00")["total_items"] == 0


def test_search_is_pasos_own_accents_and_case_aside(front: PasoFront, session: Session) -> None:
    service = session.exec(select(m.Service).where(m.Service.slug == people.SERVICE)).one()
    for words in ("Orientación", "ORIENTACION", "orientacion informacion"):
        found = get(front, SERVICES, search=words)
        assert service.uuid in [s["id"] for s in found["contents"][:3]], words
    food = ids.term("food")
    narrowed = every(front, SERVICES, search="comida", taxonomy_term_id=food)
    assert narrowed and all(food in {a["taxonomy_term_id"] for a in s["attributes"]} for s in narrowed)
    assert get(front, SERVICES, search="qqqzzzxxx")["total_items"] == 0


def test_a_locale_gives_its_texts(front: PasoFront, session: Session) -> None:
    french = every(front, SERVICES, locale="fr")
    records = {s.uuid: s for s in _public(session)}
    texts = localize(session, list(records.values()), "fr")
    assert all(doc["name"] == texts[(records[doc["id"]].id or 0, "name")].text for doc in french)
    assert all(doc["translation_status"]["locale"] == "fr" for doc in french)
    spanish = {s["id"]: s["name"] for s in every(front, SERVICES)}
    assert any(spanish[s["id"]] != s["name"] for s in french)
    terms = get(front, "/api/hsds/taxonomy_terms", locale="fr")["contents"]
    assert {t["name"] for t in terms} >= {"Nourriture", "Santé"}


def test_one_service_by_its_id_and_a_404(front: PasoFront, session: Session) -> None:
    service = _public(session)[0]
    found = get(front, f"/api/hsds/services/{service.uuid}", locale="ar")
    assert found["id"] == service.uuid and found["translation_status"]["locale"] == "ar"
    assert found == get(front, SERVICES, locale="ar", per_page=1)["contents"][0]
    status, headers, body = request(front, "/api/hsds/services/00000000-0000-4000-8000-000000000000")
    assert (status, body, headers["cache-control"]) == (404, b'{"error": "not found"}', "no-store")


def test_an_inactive_service_is_never_served(
    monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path
) -> None:
    with Session(sample_copy) as session:
        hidden = _public(session)[0]
        hidden.status = m.ServiceStatus.INACTIVE
        session.add(hidden)
        session.commit()
        uid = hidden.uuid
    front = make_front(monkeypatch, sample_copy, tmp_path)
    assert request(front, f"/api/hsds/services/{uid}")[0] == 404
    assert uid not in {s["id"] for s in every(front, SERVICES)}
    assert uid not in {p["service_id"] for p in every(front, "/api/hsds/service_at_locations")}


def test_organizations_service_at_locations_and_taxonomies(front: PasoFront, session: Session) -> None:
    orgs = every(front, "/api/hsds/organizations")
    assert len(orgs) == get(front, "/api/hsds/organizations")["total_items"] > 0
    assert get(front, f"/api/hsds/organizations/{orgs[0]['id']}") == orgs[0]
    places = every(front, "/api/hsds/service_at_locations")
    public = {s.id for s in _public(session)}
    links = session.exec(
        select(m.ServiceAtLocation).where(col(m.ServiceAtLocation.service_id).in_(public))
    ).all()
    assert sorted(p["id"] for p in places) == sorted(link.uuid for link in links)
    assert all(p["location"]["id"] == p["location_id"] for p in places)
    food = every(front, "/api/hsds/service_at_locations", taxonomy_term_id=ids.term("food"))
    assert 0 < len(food) < len(places)
    assert get(front, "/api/hsds/taxonomies")["contents"][0]["id"] == ids.TAXONOMY
    assert get(front, f"/api/hsds/taxonomies/{ids.TAXONOMY}")["name"] == "Paso needs"
    term = get(front, f"/api/hsds/taxonomy_terms/{ids.term('food')}", locale="en")
    assert term["code"] == "food" and term["name"] == "Food"
    root = get(front, "/api/hsds/")
    assert root["version"] == "3.0" and root == get(front, "/api/hsds")


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_every_item_validates_against_the_official_schemas(
    front: PasoFront, hsds_validate: Validate, locale: str
) -> None:
    errors = [
        f"{schema} {item['id']}: {error}"
        for path, schema in (
            (SERVICES, "service"),
            ("/api/hsds/service_at_locations", "service_at_location"),
            ("/api/hsds/organizations", "organization"),
            ("/api/hsds/taxonomies", "taxonomy"),
            ("/api/hsds/taxonomy_terms", "taxonomy_term"),
        )
        for item in every(front, path, locale=locale)
        for error in hsds_validate(schema, item)
    ]
    assert errors == []


def test_a_search_follows_the_directory_when_a_service_leaves_it(
    monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path
) -> None:
    # A search keeps the ids the filters allow per catalog (api._allowed): a new revision drops them.
    front = make_front(monkeypatch, sample_copy, tmp_path)
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == people.SERVICE)).one()
        uid = service.uuid
    assert uid in {s["id"] for s in every(front, SERVICES, search="orientacion")}
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.uuid == uid)).one()
        service.status = m.ServiceStatus.INACTIVE
        session.add(service)
        content.bump_revision(session)  # as every desk save does (editing._finish)
        session.commit()
    assert uid not in {s["id"] for s in every(front, SERVICES, search="orientacion")}
