"""Compiled HSDS service documents (as the official example ``service_full.json``), in batches.

Only directory tables (and the alerts in force, public too) are read here: registrations,
staff, notes and referrals never are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from rxapp import models as m
from rxapp.i18n import formatting
from rxapp.i18n.locales import chain
from rxapp.services.hsds import alerts_out, ids, schedules
from rxapp.services.hsds.places_out import PlaceDocs
from rxapp.services.hsds.status import extension, statuses
from rxapp.services.localize import Found, Text, pick, translations
from rxapp.services.place_views import PlaceExtras
from rxapp.settings import get_settings

STATUS = {  # HSDS writes it with a space
    m.ServiceStatus.ACTIVE: "active",
    m.ServiceStatus.INACTIVE: "inactive",
    m.ServiceStatus.TEMPORARILY_CLOSED: "temporarily closed",
}
# Paso's text field -> HSDS's, per table.
SERVICE_TEXTS = {
    "name": "name",
    "description": "description",
    "eligibility": "eligibility_description",
    "application_process": "application_process",
    "fees_description": "fees_description",
    "interpretation_services": "interpretation_services",
}
# Paso's plain (untranslated) service fields with the same name in HSDS, exported when set.
SERVICE_PLAIN = ("url", "email", "minimum_age", "maximum_age")
ORGANIZATION_TEXTS = {"name": "name", "description": "description"}
LOCATION_TEXTS = {"name": "name", "directions": "transportation"}
PHONE_TEXTS = {"description": "description"}
DOCUMENT_TEXTS = {"document": "document"}
SLOT_ORDER = ("weekday", "opens_at", "closes_at", "valid_from", "valid_to")


@dataclass(frozen=True)
class Context:
    """What every document of one export shares."""

    locale: str
    tz: ZoneInfo
    today: dt.date
    organizations: dict[int, dict[str, Any]]  # organization id -> its HSDS document
    terms: dict[str, dict[str, Any]]  # need slug -> its taxonomy term
    # An address's country when the place has none: the installation's (PASO_COUNTRY).
    country: str = field(default_factory=lambda: get_settings().country)
    now: dt.datetime = field(default_factory=m.utcnow)  # which alerts are in force (alerts_out)


def timestamp(value: dt.datetime) -> str:
    """An HSDS date-time in UTC, with milliseconds (SQLite hands back naive UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class _Texts:
    """Localized texts and their statuses for the records of one table."""

    def __init__(self, records: Sequence[SQLModel], found: Found, locale: str) -> None:
        self.locale = locale
        self.texts: dict[tuple[int, str], Text] = pick(records, found, locale)
        self.status = statuses(records, found, locale)

    def fields(self, record_id: int, mapping: dict[str, str]) -> dict[str, Any]:
        """The record's texts under their HSDS names, plus the translation_status extension."""
        found: dict[str, Any] = {hsds: self.texts[(record_id, paso)].text for paso, hsds in mapping.items()}
        found["translation_status"] = extension(self.locale, record_id, mapping, self.status, self.texts)
        return found


def organization(org: m.Organization, texts: _Texts) -> dict[str, Any]:
    """An organization; ``is_sample`` (extension) marks the fictional sample data."""
    assert org.id is not None
    found: dict[str, Any] = {
        "id": org.uuid,
        **texts.fields(org.id, ORGANIZATION_TEXTS),
        "is_sample": org.is_sample,
    }
    if org.email:
        found["email"] = org.email
    if org.url:
        found["website"] = org.url
    return found


def organizations(session: Session, orgs: Sequence[m.Organization], locale: str) -> list[dict[str, Any]]:
    """Some organizations in one locale."""
    texts = _Texts(orgs, translations(session, [orgs], chain(locale)), locale)
    return [organization(org, texts) for org in orgs]


def _by_service(
    session: Session, table: type[SQLModel], ids_: list[int], *order: Any
) -> dict[int, list[Any]]:
    return _by(session, table, "service_id", ids_, *order)


def _by(
    session: Session, table: type[SQLModel], owner: str, ids_: Iterable[int], *order: Any
) -> dict[int, list[Any]]:
    """The rows of ``table`` whose column ``owner`` is one of ``ids_``, grouped by it, in order."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    column = getattr(table, owner)
    for row in session.exec(select(table).where(col(column).in_(list(ids_))).order_by(*order)).all():
        grouped[getattr(row, owner)].append(row)
    return grouped


Owned = TypeVar("Owned", m.Phone, m.ScheduleSlot)


def _owned(
    session: Session, table: type[Owned], wanted: dict[str, list[int]], *order: Any
) -> Sequence[Owned]:
    """The phones (or slots) of any of the owners ``wanted`` names (column -> ids), in order."""
    asked = [col(getattr(table, owner)).in_(ids_) for owner, ids_ in wanted.items() if ids_]
    return session.exec(select(table).where(sa.or_(*asked)).order_by(*order)).all() if asked else []


@dataclass
class _Parts:
    """The phones and weekly slots of one owner column (a service, a place of a service, a place)."""

    owner: str  # "service_id", "service_at_location_id" or "location_id"
    phones: dict[int, list[m.Phone]]
    slots: dict[int, list[m.ScheduleSlot]]

    @classmethod
    def read(cls, session: Session, wanted: dict[str, list[int]]) -> dict[str, _Parts]:
        """The phones and slots of each owner column's ids, in two queries (not one per column)."""
        parts = {owner: cls(owner, defaultdict(list), defaultdict(list)) for owner in m.OWNERS}
        phones = _owned(session, m.Phone, wanted, col(m.Phone.id))
        slots = _owned(session, m.ScheduleSlot, wanted, *(getattr(m.ScheduleSlot, n) for n in SLOT_ORDER))
        for phone in phones:
            owner, owner_id = m.owners(phone)
            parts[owner].phones[owner_id].append(phone)
        for slot in slots:
            owner, owner_id = m.owners(slot)
            parts[owner].slots[owner_id].append(slot)
        return parts

    def every_phone(self) -> list[m.Phone]:
        return [phone for group in self.phones.values() for phone in group]

    def put(self, found: dict[str, Any], row_id: int, uid: str, texts: _Texts, ctx: Context) -> None:
        """The owner's phones and schedules into its document, when it has any."""
        if self.phones.get(row_id):
            found["phones"] = [_phone((self.owner, uid), p, texts) for p in self.phones[row_id]]
        if self.slots.get(row_id):
            found["schedules"] = [
                schedules.weekly((self.owner, uid), s, tz=ctx.tz, today=ctx.today, locale=ctx.locale)
                for s in self.slots[row_id]
            ]


def services(session: Session, batch: Sequence[m.Service], ctx: Context) -> list[dict[str, Any]]:
    """Compiled documents of some services, in a fixed number of queries."""
    sids = [s.id for s in batch if s.id is not None]
    links = _by_service(session, m.ServiceAtLocation, sids, col(m.ServiceAtLocation.id))
    place_ids = {link.location_id for group in links.values() for link in group}
    places = session.exec(select(m.Location).where(col(m.Location.id).in_(place_ids))).all()
    link_ids = [k.id for g in links.values() for k in g if k.id is not None]
    parts = _Parts.read(
        session, {"service_id": sids, "service_at_location_id": link_ids, "location_id": list(place_ids)}
    )
    own, at_places, of_places = (parts[owner] for owner in m.OWNERS)
    extras = PlaceExtras.read(session, place_ids)  # a place's languages, accessibility
    exceptions = _by_service(session, m.ScheduleException, sids, col(m.ScheduleException.date))
    needs = _by_service(session, m.ServiceCategory, sids, col(m.ServiceCategory.category_slug))
    spoken = _by_service(session, m.ServiceLanguage, sids, col(m.ServiceLanguage.language))
    papers = _by_service(
        session, m.RequiredDocument, sids, col(m.RequiredDocument.position), col(m.RequiredDocument.id)
    )
    every_paper = [d for group in papers.values() for d in group]
    every_phone = [*own.every_phone(), *at_places.every_phone(), *of_places.every_phone()]
    every_exception = [e for group in exceptions.values() for e in group]
    # Every text of the batch in one query (one per table was a third of an API page's time).
    made = translations(
        session,
        [batch, places, every_phone, every_paper, every_exception, extras.rows()],
        chain(ctx.locale),
    )
    paper_texts = _Texts(every_paper, made, ctx.locale)
    texts = _Texts(batch, made, ctx.locale)
    place_texts = _Texts(places, made, ctx.locale)
    phone_texts = _Texts(every_phone, made, ctx.locale)
    notes = pick(every_exception, made, ctx.locale)
    place_docs = PlaceDocs.of(extras, made, ctx.locale)
    locations = {place.id: place for place in places}
    alerts = alerts_out.by_service(session, sids, locale=ctx.locale, tz=ctx.tz, now=ctx.now)
    found = []
    for service in batch:
        assert service.id is not None
        sid, uid = service.id, service.uuid
        document: dict[str, Any] = {
            "id": uid,
            "organization_id": ctx.organizations[service.organization_id]["id"],
            **texts.fields(sid, SERVICE_TEXTS),
            "status": STATUS[service.status],
            "last_modified": timestamp(service.updated_at),
        }
        document |= {
            name: getattr(service, name) for name in SERVICE_PLAIN if getattr(service, name) is not None
        }
        if sid in alerts:
            document["alert"] = alerts[sid]
        if service.assured_date:
            document["assured_date"] = service.assured_date.isoformat()
        document["organization"] = ctx.organizations[service.organization_id]
        document["phones"] = [_phone(("service_id", uid), p, phone_texts) for p in own.phones[sid]]
        document["schedules"] = [
            *(
                schedules.weekly(("service_id", uid), s, tz=ctx.tz, today=ctx.today, locale=ctx.locale)
                for s in own.slots[sid]
            ),
            *(
                schedules.dated(uid, e, notes[(e.id, "note")].text, tz=ctx.tz, locale=ctx.locale)
                for e in exceptions[sid]
            ),
        ]
        document["service_at_locations"] = []
        for link in links[sid]:
            assert link.id is not None
            place = locations[link.location_id]
            located: dict[str, Any] = {"id": link.uuid, "service_id": uid, "location_id": place.uuid}
            at_places.put(located, link.id, link.uuid, phone_texts, ctx)
            located["location"] = _location(place, place_texts, ctx)
            of_places.put(located["location"], link.location_id, place.uuid, phone_texts, ctx)
            place_docs.put(located["location"], place)
            document["service_at_locations"].append(located)
        document["languages"] = [
            {
                "id": ids.language(uid, row.language),
                "service_id": uid,
                "name": formatting.language_name(row.language, ctx.locale),
                "code": row.language.split("-")[0],  # HSDS asks for ISO 639; Paso keeps BCP 47
            }
            for row in spoken[sid]
        ]
        document["attributes"] = [_attribute(uid, row.category_slug, ctx) for row in needs[sid]]
        # Paso knows "free", not an amount: a free service has one cost option of amount 0.
        document["cost_options"] = (
            [{"id": ids.cost_option(uid), "service_id": uid, "amount": 0}] if service.is_free else []
        )
        document["required_documents"] = [_required(uid, d, paper_texts) for d in papers[sid]]
        document["no_documents_needed"] = service.no_documents_needed  # extension
        found.append(document)
    return found


def _phone(owner: tuple[str, str], phone: m.Phone, texts: _Texts) -> dict[str, Any]:
    assert phone.id is not None
    found: dict[str, Any] = {
        "id": phone.uuid,
        owner[0]: owner[1],
        "number": phone.number,
        "type": phone.type.value,
        **texts.fields(phone.id, PHONE_TEXTS),
        "is_whatsapp": phone.is_whatsapp,  # extension: the phone's number also answers on WhatsApp
    }
    if phone.extension is not None:
        found["extension"] = phone.extension
    return found


def _required(service: str, paper: m.RequiredDocument, texts: _Texts) -> dict[str, Any]:
    assert paper.id is not None
    found: dict[str, Any] = {
        "id": paper.uuid,
        "service_id": service,
        **texts.fields(paper.id, DOCUMENT_TEXTS),
    }
    if paper.uri:
        found["uri"] = paper.uri
    return found


def _location(place: m.Location, texts: _Texts, ctx: Context) -> dict[str, Any]:
    assert place.id is not None
    found: dict[str, Any] = {
        "id": place.uuid,
        "location_type": place.location_type.value,
        "organization_id": ctx.organizations[place.organization_id]["id"],
        **texts.fields(place.id, LOCATION_TEXTS),
    }
    if place.latitude is not None and place.longitude is not None:
        found["latitude"], found["longitude"] = place.latitude, place.longitude
    parts = (place.address, place.city, place.state_province, place.postal_code, place.country)
    if any(parts):
        # HSDS requires every part: one Paso does not have is empty, but for the country, which
        # is the installation's when the place has none (docs/hsds.md).
        found["addresses"] = [
            {
                "id": ids.address(place.uuid),
                "location_id": place.uuid,
                "address_1": place.address,
                "city": place.city,
                "state_province": place.state_province,
                "postal_code": place.postal_code,
                "country": place.country or ctx.country,
                "address_type": "postal" if place.location_type is m.LocationType.POSTAL else "physical",
            }
        ]
    return found


def _attribute(service: str, slug: str, ctx: Context) -> dict[str, Any]:
    term = ctx.terms[slug]
    return {
        "id": ids.attribute(service, slug),
        "link_id": service,
        "link_type": "need",
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
