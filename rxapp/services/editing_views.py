"""What the desk shows to edit the directory: every service (any status), one service's
current values for its form, and its texts beside their translations with their status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, SQLModel, col, func, select

from rxapp import models as m
from rxapp.services import review
from rxapp.services import text as text_rules
from rxapp.services.search import catalog
from rxapp.services.translation import TranslationStatus, status_of


@dataclass(frozen=True)
class ServiceRow:
    """One line of the desk's list of services."""

    id: int
    slug: str
    name: str
    organization: str
    status: m.ServiceStatus
    assured_date: dt.date | None
    is_sample: bool
    needs_review: bool = False  # an HSDS import brought it in and no one has verified it since
    source: str = ""  # the partner it was imported from, "" if typed at the desk


def service_rows(
    *, session: Session, query: str = "", to_review: bool = False, limit: int = 300
) -> list[ServiceRow]:
    """Services of every status matching the query (any language), best first; all by name without one.
    With ``to_review``, only those still to review."""
    statement = select(m.Service, m.Organization).join(
        m.Organization, col(m.Organization.id) == m.Service.organization_id
    )
    if to_review:
        statement = statement.where(review.unreviewed())
    ranked = catalog.find(session, query) if text_rules.normalize(query) else None
    if ranked is not None:
        statement = statement.where(col(m.Service.id).in_(ranked[:limit]))
    rows = [
        ServiceRow(
            id=service.id or 0,
            slug=service.slug,
            name=service.name,
            organization=org.name,
            status=service.status,
            assured_date=service.assured_date,
            is_sample=org.is_sample,
            needs_review=service.needs_review,
            source=review.source_of(service, org),
        )
        for service, org in session.exec(
            statement if ranked is not None else statement.order_by(m.Service.name).limit(limit)
        )
    ]
    if ranked is not None:
        place = {service_id: i for i, service_id in enumerate(ranked)}
        return sorted(rows, key=lambda row: place[row.id])
    return sorted(rows, key=lambda row: text_rules.normalize(row.name))


@dataclass(frozen=True)
class Sheet:
    """A service as its edit form shows it."""

    service: m.Service
    organization: m.Organization
    location: m.Location | None
    shared_with: int  # other services given at the same place
    slots: list[m.ScheduleSlot]
    exceptions: list[m.ScheduleException]
    phones: list[m.Phone]  # the service's, at its places (service_at_location_id), its places' own
    categories: list[str]
    languages: list[str]
    places: list[tuple[int, str]]  # the choices of a phone's place (place_choices)
    documents: list[m.RequiredDocument] = field(default_factory=list)  # to bring, in order
    place_languages: list[str] = field(default_factory=list)  # spoken at its (first) place
    accessibility: m.Accessibility | None = None  # its place's first entry, which the form edits
    # The service's hours at each of its places, and each place's own opening hours (by its
    # service_at_location id; shown, not edited, at the desk).
    place_slots: list[m.ScheduleSlot] = field(default_factory=list)
    place_own: dict[int, list[m.ScheduleSlot]] = field(default_factory=dict)
    links: dict[int, int] = field(default_factory=dict)  # service_at_location id -> its place's id


def sheet(*, session: Session, slug: str) -> Sheet | None:
    """One service with everything its form edits, or None."""
    service = session.exec(select(m.Service).where(m.Service.slug == slug)).first()
    if service is None or service.id is None:
        return None
    organization = session.get(m.Organization, service.organization_id)
    assert organization is not None
    sid = service.id
    link = session.exec(
        select(m.ServiceAtLocation)
        .where(m.ServiceAtLocation.service_id == sid)
        .order_by(col(m.ServiceAtLocation.id))
    ).first()
    location = session.get(m.Location, link.location_id) if link else None
    shared = 0
    if location is not None:
        shared = session.exec(
            select(func.count())
            .select_from(m.ServiceAtLocation)
            .where(m.ServiceAtLocation.location_id == location.id, m.ServiceAtLocation.service_id != sid)
        ).one()
    return Sheet(
        service=service,
        organization=organization,
        location=location,
        shared_with=shared,
        slots=list(
            session.exec(
                select(m.ScheduleSlot)
                .where(m.ScheduleSlot.service_id == sid)
                .order_by(col(m.ScheduleSlot.weekday), col(m.ScheduleSlot.opens_at))
            ).all()
        ),
        exceptions=list(
            session.exec(
                select(m.ScheduleException)
                .where(m.ScheduleException.service_id == sid)
                .order_by(col(m.ScheduleException.date))
            ).all()
        ),
        phones=phones_of(session, sid, receptions=True),
        categories=list(
            session.exec(
                select(m.ServiceCategory.category_slug).where(m.ServiceCategory.service_id == sid)
            ).all()
        ),
        languages=list(
            session.exec(select(m.ServiceLanguage.language).where(m.ServiceLanguage.service_id == sid)).all()
        ),
        places=place_choices(session=session, service_id=sid),
        documents=documents_of(session, sid),
        **place_extras(session, location),
        **_place_hours(session, sid),
    )


def documents_of(session: Session, service_id: int) -> list[m.RequiredDocument]:
    """A service's documents to bring, in the order typed."""
    mine = col(m.RequiredDocument.service_id) == service_id
    order = (col(m.RequiredDocument.position), col(m.RequiredDocument.id))
    return list(session.exec(select(m.RequiredDocument).where(mine).order_by(*order)).all())


def place_extras(session: Session, location: m.Location | None) -> dict[str, Any]:
    """A place's languages and first accessibility entry, as ``Sheet`` holds them."""
    if location is None:
        return {}
    spoken = select(m.LocationLanguage.language).where(m.LocationLanguage.location_id == location.id)
    access = select(m.Accessibility).where(m.Accessibility.location_id == location.id)
    return {
        "place_languages": list(session.exec(spoken.order_by(col(m.LocationLanguage.language))).all()),
        "accessibility": session.exec(access.order_by(col(m.Accessibility.id))).first(),
    }


def _place_hours(session: Session, service_id: int) -> dict[str, Any]:
    """A service's hours at each of its places, and the places' own (``Sheet``)."""
    links = place_links(session, service_id)
    slots = session.exec(
        select(m.ScheduleSlot)
        .where(
            col(m.ScheduleSlot.service_at_location_id).in_(links)
            | col(m.ScheduleSlot.location_id).in_(links.values())
        )
        .order_by(col(m.ScheduleSlot.weekday), col(m.ScheduleSlot.opens_at))
    ).all()
    own = {link: [s for s in slots if s.location_id == place] for link, place in links.items() if link}
    return {"place_slots": [s for s in slots if s.service_at_location_id], "place_own": own, "links": links}


def phones_of(session: Session, service_id: int, *, receptions: bool = False) -> list[m.Phone]:
    """A service's phones: its own (every place) and those of one of its places, by id; with
    ``receptions``, its places' own phones too (location_id: every service there shares them)."""
    at_places = select(m.ServiceAtLocation.id).where(m.ServiceAtLocation.service_id == service_id)
    mine = (col(m.Phone.service_id) == service_id) | col(m.Phone.service_at_location_id).in_(at_places)
    if receptions:
        places = select(m.ServiceAtLocation.location_id).where(m.ServiceAtLocation.service_id == service_id)
        mine = mine | col(m.Phone.location_id).in_(places)
    return list(session.exec(select(m.Phone).where(mine).order_by(col(m.Phone.id))).all())


def place_links(session: Session, service_id: int) -> dict[int, int]:
    """A service's places: each service_at_location id and the place (location id) it names."""
    rows = session.exec(
        select(m.ServiceAtLocation.id, m.ServiceAtLocation.location_id).where(
            m.ServiceAtLocation.service_id == service_id
        )
    ).all()
    return {link: place for link, place in rows if link is not None}


def place_choices(*, session: Session, service_id: int) -> list[tuple[int, str]]:
    """(service_at_location id, the place's name or address) of a service's places, in order."""
    rows = session.exec(
        select(m.ServiceAtLocation.id, m.Location.name, m.Location.address)
        .join(m.Location, col(m.Location.id) == m.ServiceAtLocation.location_id)
        .where(m.ServiceAtLocation.service_id == service_id)
        .order_by(col(m.ServiceAtLocation.id))
    ).all()
    return [(link or 0, name or address or f"#{link}") for link, name, address in rows]


def organization_choices(*, session: Session) -> list[tuple[int, str]]:
    """(id, name) of every organization, by name, for the "new service" form."""
    rows = session.exec(select(m.Organization.id, m.Organization.name)).all()
    return sorted(((i or 0, name) for i, name in rows), key=lambda pair: text_rules.normalize(pair[1]))


@dataclass(frozen=True)
class TextCell:
    """A text in one locale, with its status against the source."""

    locale: str
    text: str
    status: TranslationStatus
    unreviewed: bool
    previous_source: str  # the source it was made from, to see what changed


@dataclass(frozen=True)
class TextRow:
    """One translatable field of one record, its source and its translations."""

    record_type: m.RecordType
    record_id: int
    field: str
    detail: str  # which phone, which date, which organization...
    source_locale: str
    source: str
    cells: list[TextCell]

    @property
    def target(self) -> str:
        """The field's name in a form: ``service:12:name``."""
        return f"{self.record_type.value}:{self.record_id}:{self.field}"


def _records(sheet_: Sheet) -> list[tuple[SQLModel, str]]:
    records: list[tuple[SQLModel, str]] = [
        (sheet_.service, ""),
        (sheet_.organization, sheet_.organization.name),
    ]
    if sheet_.location is not None:
        records.append((sheet_.location, sheet_.location.address))
    if sheet_.accessibility is not None:
        records.append((sheet_.accessibility, sheet_.location.address if sheet_.location else ""))
    records += [(phone, phone.number) for phone in sheet_.phones]
    records += [(ex, ex.date.isoformat()) for ex in sheet_.exceptions]
    records += [(doc, str(number)) for number, doc in enumerate(sheet_.documents, 1)]
    return records


def text_rows(*, session: Session, slug: str, locales: list[str]) -> list[TextRow] | None:
    """Every non-empty text a service's page shows, beside each other locale's translation."""
    found = sheet(session=session, slug=slug)
    if found is None:
        return None
    return record_text_rows(session=session, records=_records(found), locales=locales)


def record_text_rows(
    *, session: Session, records: list[tuple[SQLModel, str]], locales: list[str]
) -> list[TextRow]:
    """Every non-empty text of some records (each with what tells it apart), beside each other
    locale's translation."""
    rows: list[TextRow] = []
    for record, detail in records:
        kind = m.RECORD_TYPES[type(record)]
        record_id = getattr(record, "id")  # noqa: B009 - tables share no base with `id`
        made = {
            (t.field, t.locale): t
            for t in session.exec(
                select(m.Translation).where(
                    m.Translation.record_type == kind, m.Translation.record_id == record_id
                )
            ).all()
        }
        versions = getattr(record, "text_versions", None) or {}
        source_locale = getattr(record, "source_locale")  # noqa: B009
        for name in m.text_fields(record):
            source = getattr(record, name) or ""
            if not source.strip():
                continue
            cells = []
            for locale in locales:
                if locale == source_locale:
                    continue
                row = made.get((name, locale))
                status = status_of(row, versions.get(name, 1))
                cells.append(
                    TextCell(
                        locale=locale,
                        text=row.text if row else "",
                        status=status,
                        unreviewed=bool(row and row.unreviewed and status is not TranslationStatus.MISSING),
                        previous_source=row.source_text if row else "",
                    )
                )
            rows.append(TextRow(kind, record_id, name, detail, source_locale, source, cells))
    return rows
