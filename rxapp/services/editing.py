"""Editing the directory at the desk: organizations, services, their place, hours, phones and
translations.

Each public function is one save: it writes validated input (``rxapp.services.editing_input``),
recomputes the search index of the services it touched, moves the directory revision once,
so public pages load a fresh snapshot on their next request, and commits. A changed source
text gets a new version (``content.set_source_texts``): its translations become outdated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from sqlmodel import Session, SQLModel, col, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services import text as text_rules
from rxapp.services.clock import local_day
from rxapp.services.editing_apply import (
    EditError,
    apply_documents,
    apply_exceptions,
    apply_hours,
    apply_location,
    apply_organization,
    apply_phones,
    apply_place_hours,
    apply_place_own,
    apply_service,
)
from rxapp.services.editing_input import (
    FIELD_MAX,
    TEXT_MAX,
    EditProblem,
    NewService,
    OrganizationEdit,
    ServiceEdit,
    TranslationEdit,
)
from rxapp.services.editing_sheet import (
    ExceptionEdit,
    LocationEdit,
    PhoneEdit,
    PlaceSlotEdit,
    ServiceSheet,
    SlotEdit,
)
from rxapp.services.translation import TYPES

__all__ = ["EditError"]  # raised by the functions here; defined beside the changes that raise it
SLUG_MAX = 60


def _finish(session: Session, services: Iterable[m.Service]) -> int:
    """Reindex, one new revision for the whole save, commit; returns the revision."""
    session.flush()
    for service in services:
        content.reindex_service(session, service)
    revision = content.bump_revision(session)
    session.commit()
    return revision


def _slug(session: Session, model: type[m.Organization] | type[m.Service], name: str) -> str:
    """A unique, readable slug from a name; it never changes after, as links carry it."""
    base = "-".join(text_rules.normalize(name).split())[:SLUG_MAX].strip("-") or model.__name__.lower()
    slug, number = base, 1
    while session.exec(select(model.id).where(model.slug == slug)).first() is not None:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _service(session: Session, service_id: int) -> m.Service:
    service = session.get(m.Service, service_id)
    if service is None:
        raise EditError(EditProblem.NOT_FOUND)
    return service


# --- organizations -------------------------------------------------------------------------


def create_organization(*, session: Session, data: OrganizationEdit, source_locale: str) -> m.Organization:
    """A new organization whose texts are written in ``source_locale``."""
    org = m.Organization(slug=_slug(session, m.Organization, data.name), name="", source_locale=source_locale)
    apply_organization(org, data)
    session.add(org)
    _finish(session, [])
    return org


def update_organization(*, session: Session, organization_id: int, data: OrganizationEdit) -> m.Organization:
    """Change an organization; its services' search follows its name."""
    org = session.get(m.Organization, organization_id)
    if org is None:
        raise EditError(EditProblem.NOT_FOUND)
    apply_organization(org, data)
    session.add(org)
    services = session.exec(select(m.Service).where(m.Service.organization_id == organization_id)).all()
    _finish(session, services)
    return org


# --- services ------------------------------------------------------------------------------


def create_service(
    *, session: Session, organization_id: int, data: ServiceEdit, source_locale: str | None = None
) -> m.Service:
    """A new service of an organization, given where the organization's first place is."""
    org = session.get(m.Organization, organization_id)
    if org is None:
        raise EditError(EditProblem.INVALID_CHOICE, "organization_id")
    service = _new_service(session, org, data, source_locale or org.source_locale)
    _finish(session, [service])
    return service


def _new_service(session: Session, org: m.Organization, data: ServiceEdit, source_locale: str) -> m.Service:
    assert org.id is not None
    service = m.Service(
        slug=_slug(session, m.Service, data.name),
        organization_id=org.id,
        name="",
        source_locale=source_locale,
    )
    apply_service(session, service, data)
    assert service.id is not None
    # Most organisations give every service at one place: start from it.
    place = session.exec(
        select(m.Location.id).where(m.Location.organization_id == org.id).order_by(col(m.Location.id))
    ).first()
    if place is not None:
        session.add(m.ServiceAtLocation(service_id=service.id, location_id=place))
    return service


def create_from_form(*, session: Session, data: NewService) -> m.Service:
    """The desk's "new service" form: of an existing organization, or of a new one."""
    if data.organization_id is not None:
        org = session.get(m.Organization, data.organization_id)
        if org is None:
            raise EditError(EditProblem.INVALID_CHOICE, "organization_id")
    else:
        org = m.Organization(
            slug=_slug(session, m.Organization, data.new_organization),
            name="",
            source_locale=data.source_locale,
        )
        content.set_source_texts(org, {"name": data.new_organization, "description": ""})
        session.add(org)
        session.flush()
    service = _new_service(session, org, data, data.source_locale)
    _finish(session, [service])
    return service


def update_service(*, session: Session, service_id: int, data: ServiceEdit) -> m.Service:
    """Change a service's texts, flags, status, needs and languages spoken."""
    service = _service(session, service_id)
    apply_service(session, service, data)
    _finish(session, [service])
    return service


def save_sheet(*, session: Session, service_id: int, data: ServiceSheet) -> m.Service:
    """The desk's whole edit form of a service, as one change (one revision)."""
    service = _service(session, service_id)
    touched = [service]
    if data.organization is not None:
        org = session.get(m.Organization, service.organization_id)
        assert org is not None  # a foreign key
        apply_organization(org, data.organization)
        session.add(org)
        # Its name is searched with each of its services.
        touched = list(session.exec(select(m.Service).where(m.Service.organization_id == org.id)).all())
    apply_service(session, service, data)
    location = apply_location(session, service, data.location)
    touched += _sharing(session, [location.id if location else None], touched)
    apply_hours(session, service, data.hours)
    if data.place_hours is not None:
        apply_place_hours(session, service, data.place_hours)
    if data.place_own is not None:  # the other services at those places show the change too
        touched += _sharing(session, apply_place_own(session, service, data.place_own), touched)
    apply_exceptions(session, service, data.exceptions)
    touched += _sharing(session, apply_phones(session, service, data.phones, receptions=True), touched)
    apply_documents(session, service, data.documents)
    _finish(session, touched)
    return service


def mark_verified(*, session: Session, service_id: int, now: dt.datetime, tz: ZoneInfo) -> dt.date:
    """Someone checked the service's information today (the centre's calendar day)."""
    service = _service(session, service_id)
    service.assured_date = today = local_day(now, tz)
    service.needs_review = False  # what an HSDS import brought in is now checked
    session.add(service)
    _finish(session, [service])
    return today


# --- place, hours, phones (each alone, for other callers than the desk form) -----------------


def set_location(*, session: Session, service_id: int, data: LocationEdit) -> m.Location | None:
    """Where the service is given (its first place, which other services may share)."""
    service = _service(session, service_id)
    location = apply_location(session, service, data)
    _finish(session, [service, *_sharing(session, [location.id if location else None], [service])])
    return location


def _sharing(session: Session, places: Iterable[int | None], touched: list[m.Service]) -> list[m.Service]:
    """The other services given at places edited in place (by id): their pages and search show it."""
    session.flush()
    known = {service.id for service in touched}
    found: list[m.Service] = []
    for place in (session.get(m.Location, p) for p in places if p is not None):
        for service in _services_of(session, place) if place is not None else []:
            if service.id not in known:
                known.add(service.id)
                found.append(service)
    return found


def set_hours(*, session: Session, service_id: int, slots: Sequence[SlotEdit]) -> None:
    """Replace the weekly slots of a service (several a day; past midnight allowed)."""
    service = _service(session, service_id)
    apply_hours(session, service, slots)
    _finish(session, [service])


def set_place_hours(*, session: Session, service_id: int, slots: Sequence[PlaceSlotEdit]) -> None:
    """Replace the service's hours at each of its places (``apply_place_hours``)."""
    service = _service(session, service_id)
    apply_place_hours(session, service, slots)
    _finish(session, [service])


def set_exceptions(*, session: Session, service_id: int, exceptions: Sequence[ExceptionEdit]) -> None:
    """Replace the dated exceptions; one kept by id keeps its note's translations."""
    service = _service(session, service_id)
    apply_exceptions(session, service, exceptions)
    _finish(session, [service])


def set_phones(*, session: Session, service_id: int, phones: Sequence[PhoneEdit]) -> None:
    """Replace the phones; one kept by id keeps its description's translations (its places' own,
    their receptions, are left alone: the desk's form edits those)."""
    service = _service(session, service_id)
    apply_phones(session, service, phones)
    _finish(session, [service])


# --- translations --------------------------------------------------------------------------


def _services_of(session: Session, record: SQLModel) -> list[m.Service]:
    """The services whose public pages show a record's texts."""
    if isinstance(record, m.Alert):  # the index carries alerts: no service's fragment changes
        return []
    if isinstance(record, m.Service):
        return [record]
    if isinstance(record, m.Organization):
        return list(session.exec(select(m.Service).where(m.Service.organization_id == record.id)).all())
    if isinstance(record, m.ImportantNumber):  # in no service's page: its own snapshot part
        return []
    if isinstance(record, m.Location | m.Accessibility):  # a place's texts: on its services' pages
        place = record.id if isinstance(record, m.Location) else record.location_id
        linked = select(m.ServiceAtLocation.service_id).where(m.ServiceAtLocation.location_id == place)
        return list(session.exec(select(m.Service).where(col(m.Service.id).in_(linked))).all())
    sid = getattr(record, "service_id")  # noqa: B009 - phone, exception or document
    # A phone of one place, or a place's own, is on no public page (docs/hsds.md).
    service = session.get(m.Service, sid) if sid is not None else None
    return [service] if service else []


def set_translation(*, session: Session, data: TranslationEdit) -> m.Translation:
    """Staff typed one field's text in one locale: made from the current source, reviewed."""
    record = session.get(TYPES[data.record_type], data.record_id)
    if record is None:
        raise EditError(EditProblem.NOT_FOUND)
    if data.field not in m.text_fields(record):
        raise EditError(EditProblem.INVALID_CHOICE, "field")
    if not (getattr(record, data.field) or "").strip():
        raise EditError(EditProblem.NOT_FOUND, "field")  # nothing to translate
    if data.locale == getattr(record, "source_locale"):  # noqa: B009
        raise EditError(EditProblem.SAME_LOCALE, "locale")
    if len(data.text) > FIELD_MAX.get((data.record_type, data.field), TEXT_MAX):
        raise EditError(EditProblem.TOO_LONG, "text")
    row = content.set_translation(
        session=session, record=record, field=data.field, locale=data.locale, text=data.text, unreviewed=False
    )
    _finish(session, _services_of(session, record))
    return row
