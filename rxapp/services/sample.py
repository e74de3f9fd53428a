"""Loading the fictional sample directory (``rxapp/sample/*.json``) into an empty database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, col, func, select

from rxapp import models as m
from rxapp.services import content, numbers
from rxapp.taxonomy import NEEDS

SAMPLE_FILE = Path(__file__).resolve().parent.parent / "sample" / "motozintla.json"
NUMBERS_FILE = SAMPLE_FILE.with_name("numbers.json")
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def is_empty(session: Session) -> bool:
    """True when the directory has no organization yet."""
    return session.exec(select(func.count()).select_from(m.Organization)).one() == 0


def _hm(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _texts(
    session: Session, record: SQLModel, data: dict[str, Any], source: str, fields: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """Set source texts from ``{"field": {"es": .., "en": ..}}``; return the other locales."""
    sources = {f: (data.get(f) or {}).get(source, "") for f in fields}
    content.set_source_texts(record, sources)
    session.add(record)
    return {f: {k: v for k, v in (data.get(f) or {}).items() if k != source and v} for f in fields}


def _translate(session: Session, record: SQLModel, others: dict[str, dict[str, str]]) -> None:
    # The sample's translations are drafts: flagged until a native speaker reviews them.
    for field, by_locale in others.items():
        for locale, text in by_locale.items():
            content.set_translation(
                session=session,
                record=record,
                field=field,
                locale=locale,
                text=text,
                new=True,
                unreviewed=True,
            )


def load(session: Session, path: Path = SAMPLE_FILE) -> int:
    """Load the sample file; returns the number of services created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    content.sync_categories(session, ((n.slug, n.icon, i) for i, n in enumerate(NEEDS)))
    created: list[m.Service] = []
    with session.no_autoflush:  # ids come from the explicit flushes below
        for org_data in data["organizations"]:
            created.extend(_load_organization(session, org_data))
        session.flush()
        for service in created:
            content.reindex_service(session, service)
        if path == SAMPLE_FILE:
            load_numbers(session)
    content.bump_revision(session)
    session.commit()
    return len(created)


def _load_organization(session: Session, org_data: dict[str, Any]) -> list[m.Service]:
    """One organisation with its location and services (flushed, not committed)."""
    source = org_data.get("source_locale", "es")
    org = m.Organization(
        slug=org_data["slug"],
        name="",
        url=org_data.get("url"),
        email=org_data.get("email"),
        is_sample=bool(org_data.get("is_sample", False)),
        source_locale=source,
    )
    others = _texts(session, org, org_data, source, m.TEXT_FIELDS[m.Organization])
    session.flush()
    _translate(session, org, others)
    assert org.id is not None
    loc_data = org_data["location"]
    location = m.Location(
        organization_id=org.id,
        address=loc_data.get("address", ""),
        latitude=loc_data.get("latitude"),
        longitude=loc_data.get("longitude"),
        source_locale=source,
    )
    others = _texts(session, location, loc_data, source, m.TEXT_FIELDS[m.Location])
    session.flush()
    _translate(session, location, others)
    _load_place_extras(session, location, loc_data, source)
    return [_load_service(session, org.id, location, svc) for svc in org_data["services"]]


def _load_place_extras(session: Session, location: m.Location, loc_data: dict[str, Any], source: str) -> None:
    """A place's own languages and its accessibility (description, details in every locale)."""
    assert location.id is not None
    session.add_all(
        m.LocationLanguage(location_id=location.id, language=tag) for tag in loc_data.get("languages", [])
    )
    if loc_data.get("accessibility"):
        access = m.Accessibility(location_id=location.id, source_locale=source)
        others = _texts(session, access, loc_data["accessibility"], source, m.TEXT_FIELDS[m.Accessibility])
        session.flush()
        _translate(session, access, others)


def _load_service(session: Session, org_id: int, location: m.Location, svc: dict[str, Any]) -> m.Service:
    source = svc.get("source_locale", "es")
    service = m.Service(
        slug=svc["slug"],
        organization_id=org_id,
        name="",
        is_free=bool(svc.get("is_free", True)),
        no_documents_needed=bool(svc.get("no_documents_needed", False)),
        status=m.ServiceStatus(svc.get("status", "active")),
        assured_date=dt.date.fromisoformat(svc["assured_date"]) if svc.get("assured_date") else None,
        source_locale=source,
    )
    others = _texts(session, service, svc, source, m.TEXT_FIELDS[m.Service])
    session.flush()
    _translate(session, service, others)
    assert service.id is not None and location.id is not None
    session.add(m.ServiceAtLocation(service_id=service.id, location_id=location.id))
    for slug in svc.get("categories", []):
        session.add(m.ServiceCategory(service_id=service.id, category_slug=slug))
    for tag in svc.get("languages", []):
        session.add(m.ServiceLanguage(service_id=service.id, language=tag))
    for phone_data in svc.get("phones", []):
        phone = m.Phone(
            service_id=service.id,
            number=phone_data["number"],
            is_whatsapp=bool(phone_data.get("whatsapp")),
            source_locale=source,
        )
        others = _texts(session, phone, phone_data, source, m.TEXT_FIELDS[m.Phone])
        session.flush()
        _translate(session, phone, others)
    for slot in svc.get("hours", []):
        for day in slot["days"]:
            session.add(
                m.ScheduleSlot(
                    service_id=service.id,
                    weekday=WEEKDAYS.index(day),
                    opens_at=dt.time.fromisoformat(slot["opens"]),
                    closes_at=dt.time.fromisoformat(slot["closes"]),
                )
            )
    for position, paper in enumerate(svc.get("documents", [])):
        row = m.RequiredDocument(
            service_id=service.id, document="", uri=paper.get("uri"), position=position, source_locale=source
        )
        others = _texts(session, row, paper, source, m.TEXT_FIELDS[m.RequiredDocument])
        session.flush()
        _translate(session, row, others)
    for ex_data in svc.get("exceptions", []):
        exception = m.ScheduleException(
            service_id=service.id,
            date=dt.date.fromisoformat(ex_data["date"]),
            closed=bool(ex_data.get("closed", True)),
            opens_at=_hm(ex_data.get("opens")),
            closes_at=_hm(ex_data.get("closes")),
            source_locale=source,
        )
        others = _texts(session, exception, ex_data, source, m.TEXT_FIELDS[m.ScheduleException])
        session.flush()
        _translate(session, exception, others)
    return service


def numbers_missing(session: Session) -> bool:
    """True for a sample directory without important numbers (loaded before they existed)."""
    has_numbers = session.exec(select(func.count()).select_from(m.ImportantNumber)).one() > 0
    sample_orgs = session.exec(select(func.count()).where(col(m.Organization.is_sample))).one()
    return not has_numbers and sample_orgs > 0


def add_numbers(session: Session) -> int:
    """Load the sample's important numbers into an existing sample directory, and commit."""
    count = load_numbers(session)
    content.bump_revision(session)
    session.commit()
    return count


def load_numbers(session: Session, path: Path = NUMBERS_FILE) -> int:
    """Add the sample's important numbers (flushed, not committed); returns how many."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source = data.get("source_locale", "es")
    for row in data["numbers"]:
        phones = row["phones"]
        form = numbers.NumberInput(
            name=row["name"][source],
            purpose=(row.get("purpose") or {}).get(source, ""),
            hours=(row.get("hours") or {}).get(source, ""),
            always_open=bool(row.get("always_open")),
            phone=phones[0],
            other_phone=phones[1] if len(phones) > 1 else "",
            whatsapp=bool(row.get("whatsapp")),
            whatsapp_number=row.get("whatsapp_number", ""),
            group=m.NumberGroup(row["group"]),
        )
        number = numbers.create(
            session=session,
            data=form,
            source_locale=source,
            is_sample=bool(row["is_sample"]),
            slug=row["slug"],
        )
        fields = m.TEXT_FIELDS[m.ImportantNumber]
        _translate(
            session, number, {f: {k: v for k, v in (row.get(f) or {}).items() if k != source} for f in fields}
        )
    return len(data["numbers"])
