"""The HSDS export of the sample directory: valid, public only, in the asked locale."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services.directory import PUBLIC_STATUSES
from rxapp.services.hsds import export
from rxapp.services.localize import localize
from tests.data import people
from tests.unit.hsds.conftest import Validate

TZ = ZoneInfo("America/Mexico_City")
TODAY = dt.date(2026, 12, 2)


def _build(db: Session | Engine, locale: str | None = None) -> export.Dataset:
    with people.opened(db) as session:
        return export.build(session=session, locale=locale, today=TODAY, tz=TZ)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_every_object_validates_against_the_official_schemas(
    session: Session, hsds_validate: Validate, locale: str
) -> None:
    dataset = _build(session, locale)
    errors = [
        f"{kind} {doc['id']}: {error}"
        for kind, docs in (
            ("service", dataset.services),
            ("organization", dataset.organizations),
            ("taxonomy", dataset.taxonomies),
            ("taxonomy_term", dataset.taxonomy_terms),
        )
        for doc in docs
        for error in hsds_validate(kind, doc)
    ]
    assert errors == []
    assert len(dataset.services) >= 20


def test_a_wrong_document_is_caught_by_the_validation(session: Session, hsds_validate: Validate) -> None:
    """The check itself checks: a bad status and an id that is no UUID are reported, nested too."""
    service = json.loads(json.dumps(_build(session).services[0]))
    service["status"] = "temporarily_closed"
    service["phones"][0]["id"] = "12"
    errors = hsds_validate("service", service)
    assert any(e.startswith("status:") for e in errors) and any(e.startswith("phones/0/id:") for e in errors)


def test_only_public_services_come_out(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        hidden = session.exec(select(m.Service).order_by(col(m.Service.id))).first()
        assert hidden is not None
        hidden.status = m.ServiceStatus.INACTIVE
        session.add(hidden)
        session.commit()
        public = session.exec(select(m.Service).where(m.Service.status.in_(PUBLIC_STATUSES))).all()  # type: ignore[attr-defined]
        closed = [s.uuid for s in public if s.status is m.ServiceStatus.TEMPORARILY_CLOSED]
        hidden_id = hidden.uuid
    dataset = _build(sample_copy)
    exported = {s["id"]: s for s in dataset.services}
    assert hidden_id not in exported and set(exported) == {s.uuid for s in public}
    assert all(exported[uid]["status"] == "temporarily closed" for uid in closed)


def _ids(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {value["id"]} if "id" in value else set() | set().union(*map(_ids, value.values()))
    if isinstance(value, list):
        return set().union(*map(_ids, value)) if value else set()
    return set()


def _all_ids(dataset: export.Dataset) -> set[str]:
    found: set[str] = set()
    for doc in (*dataset.services, *dataset.organizations, *dataset.taxonomy_terms):
        found |= {doc["id"]} | set().union(*(_ids(v) for v in doc.values()))
    return found


def test_ids_are_stable_across_exports_and_an_edit(sample_copy: Engine) -> None:
    """Saving a service's hours replaces its slot rows: the slots' ids stay, being derived."""
    from rxapp.services.editing_apply import apply_hours
    from rxapp.services.editing_sheet import SlotEdit

    first = _build(sample_copy)
    assert _build(sample_copy).services == first.services  # nothing changed, nothing differs
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == people.SERVICE)).one()
        slots = session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.service_id == service.id)).all()
        apply_hours(
            session,
            service,
            [SlotEdit(weekday=s.weekday, opens=s.opens_at, closes=s.closes_at) for s in slots],
        )
        service.name = "Orientación (editado)"
        session.add(service)
        session.commit()
    second = _build(sample_copy, "fr")
    assert _all_ids(second) == _all_ids(first)
    assert len(_all_ids(first)) > 200


def test_no_personal_data_comes_out(sample_copy: Engine) -> None:
    person = people.register(
        sample_copy, name=people.NAME, phone=people.PHONE, message="Busco a mi hermana Wilhelmina"
    )
    author = people.staff(sample_copy, name="Volunteer Xanthippe")
    people.history(sample_copy, registration_id=person, author_id=author)
    text = json.dumps([vars(_build(sample_copy, locale)) for locale in ("es", "en")], ensure_ascii=False)
    for secret in (people.NAME, people.PHONE, people.PHONE[3:], "Wilhelmina", "Xanthippe", "insulin", "MTZ-"):
        assert secret not in text


def test_a_locale_carries_its_own_texts(session: Session) -> None:
    french = _build(session, "fr")
    services = {s.uuid: s for s in session.exec(select(m.Service)).all()}
    texts = localize(session, list(services.values()), "fr")
    translated = 0
    for doc in french.services:
        record = services[doc["id"]]
        assert record.id is not None
        assert doc["name"] == texts[(record.id, "name")].text
        status = doc["translation_status"]["fields"]["name"]
        assert status["text_locale"] == texts[(record.id, "name")].locale
        translated += status["text_locale"] == "fr" and status["status"] in ("up_to_date", "outdated")
    assert translated >= 10
    assert {t["name"] for t in french.taxonomy_terms} >= {"Nourriture", "Santé"}
    spanish = {s["id"]: s["name"] for s in _build(session).services}  # the default locale: es
    assert any(spanish[s["id"]] != s["name"] for s in french.services)


def test_an_unknown_locale_is_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="unknown locale"):
        _build(session, "xx")
