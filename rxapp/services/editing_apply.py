"""Directory changes without a commit, put together by ``rxapp.services.editing`` into saves.

Texts go through ``content.set_source_texts``: a changed text gets a new version, so its
translations become outdated. Phones and dated exceptions kept by id keep their translations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, SQLModel, col, delete, select

from rxapp import models as m
from rxapp.services import content, editing_views
from rxapp.services.editing_input import FORM, EditProblem, OrganizationEdit, ServiceEdit
from rxapp.services.editing_sheet import (
    DocumentEdit,
    ExceptionEdit,
    LocationEdit,
    PhoneEdit,
    PlaceSlotEdit,
    SlotEdit,
)


class EditError(Exception):
    """An edit that cannot be saved, with the field it is about."""

    def __init__(self, problem: EditProblem, field: str = FORM) -> None:
        super().__init__(f"{field}: {problem}")
        self.problem = problem
        self.field = field


def _delete_left_out(session: Session, existing: dict[int | None, Any], kept: set[int | None]) -> None:
    """Delete the rows of a replaced list that the form left out, with their translations."""
    for row_id, row in existing.items():
        if row_id not in kept:
            forget_translations(session, row)
            session.delete(row)


def forget_translations(session: Session, record: SQLModel) -> None:
    """Delete a record's translations (the record is being deleted)."""
    kind = m.RECORD_TYPES[type(record)]
    record_id = getattr(record, "id")  # noqa: B009 - tables share no base with `id`
    session.exec(
        delete(m.Translation).where(
            col(m.Translation.record_type) == kind, col(m.Translation.record_id) == record_id
        )
    )


def apply_organization(org: m.Organization, data: OrganizationEdit) -> None:
    """An organization's texts and contacts."""
    content.set_source_texts(org, {"name": data.name, "description": data.description})
    org.url, org.email = data.url, data.email


def apply_service(session: Session, service: m.Service, data: ServiceEdit) -> None:
    """A service's texts, flags, status, needs and languages (flushed: a new one gets its id)."""
    content.set_source_texts(service, {name: getattr(data, name) for name in m.TEXT_FIELDS[m.Service]})
    service.is_free, service.no_documents_needed = data.is_free, data.no_documents_needed
    service.url, service.email = data.url, data.email
    service.minimum_age, service.maximum_age = data.minimum_age, data.maximum_age
    service.status = data.status
    service.keywords = data.keywords
    session.add(service)
    session.flush()  # a new service gets its id
    assert service.id is not None
    session.exec(delete(m.ServiceCategory).where(col(m.ServiceCategory.service_id) == service.id))
    session.exec(delete(m.ServiceLanguage).where(col(m.ServiceLanguage.service_id) == service.id))
    session.add_all(m.ServiceCategory(service_id=service.id, category_slug=slug) for slug in data.categories)
    session.add_all(m.ServiceLanguage(service_id=service.id, language=tag) for tag in data.languages)


def apply_location(session: Session, service: m.Service, data: LocationEdit) -> m.Location | None:
    """The service's first place, created when it has none and something was typed."""
    link = session.exec(
        select(m.ServiceAtLocation)
        .where(m.ServiceAtLocation.service_id == service.id)
        .order_by(col(m.ServiceAtLocation.id))
    ).first()
    location = session.get(m.Location, link.location_id) if link else None
    if location is None:
        if not any(data.model_dump(exclude_none=True, exclude={"location_type"}).values()):
            return None  # nothing typed: no empty place on the public page
        location = m.Location(organization_id=service.organization_id, source_locale=service.source_locale)
        session.add(location)
        session.flush()
        assert service.id is not None and location.id is not None
        session.add(m.ServiceAtLocation(service_id=service.id, location_id=location.id))
    content.set_source_texts(location, {"name": data.name, "directions": data.directions})
    location.address, location.latitude, location.longitude = data.address, data.latitude, data.longitude
    location.city, location.state_province = data.city, data.state_province
    location.postal_code, location.country = data.postal_code, data.country
    location.location_type = data.location_type
    session.add(location)
    apply_place_extras(session, location, data)
    return location


def apply_place_extras(session: Session, location: m.Location, data: LocationEdit) -> None:
    """A place's languages (replaced) and its first accessibility entry's description and details
    (None: left as they are): written, created, or deleted with its translations when emptied
    and it holds nothing else."""
    assert location.id is not None
    session.exec(delete(m.LocationLanguage).where(col(m.LocationLanguage.location_id) == location.id))
    session.add_all(m.LocationLanguage(location_id=location.id, language=tag) for tag in data.languages)
    access = session.exec(
        select(m.Accessibility)
        .where(m.Accessibility.location_id == location.id)
        .order_by(col(m.Accessibility.id))
    ).first()
    details = data.accessibility_details
    if access is None and (data.accessibility or details):
        access = m.Accessibility(location_id=location.id, source_locale=location.source_locale)
    if access is None:
        return
    details = access.details if details is None else details
    if not (data.accessibility or details or access.url):
        forget_translations(session, access)
        session.delete(access)
        return
    content.set_source_texts(access, {"description": data.accessibility, "details": details})
    session.add(access)


def apply_hours(session: Session, service: m.Service, slots: Sequence[SlotEdit]) -> None:
    """Replace the service's own weekly slots (its hours at each place are left alone)."""
    assert service.id is not None
    _replace_slots(session, ("service_id", service.id), slots)


def apply_place_hours(session: Session, service: m.Service, slots: Sequence[PlaceSlotEdit]) -> None:
    """Replace the service's hours at each of its places (a place sent no slot has none left,
    and follows the service's own); its own hours and the places' opening hours are left alone."""
    assert service.id is not None
    places = [link for link, _ in editing_views.place_choices(session=session, service_id=service.id)]
    for index, slot in enumerate(slots):
        if slot.place not in places:
            raise EditError(EditProblem.INVALID_CHOICE, f"place_hours.{index}.place")
    for link in places:
        _replace_slots(session, ("service_at_location_id", link), [s for s in slots if s.place == link])


def apply_place_own(session: Session, service: m.Service, slots: Sequence[PlaceSlotEdit]) -> list[int]:
    """Replace the opening hours of each of the service's places (the place's own, which every
    service given there shares: HSDS location schedules); returns the places' ids."""
    assert service.id is not None
    links = editing_views.place_links(session, service.id)
    for index, slot in enumerate(slots):
        if slot.place not in links:
            raise EditError(EditProblem.INVALID_CHOICE, f"place_own.{index}.place")
    places: dict[int, list[PlaceSlotEdit]] = {}
    for link, place in links.items():  # a place the service is linked to twice: its rows together
        places.setdefault(place, []).extend(s for s in slots if s.place == link)
    for place, own in places.items():
        _replace_slots(session, ("location_id", place), own)
    return list(places)


def _replace_slots(session: Session, owner: tuple[str, int], slots: Sequence[SlotEdit]) -> None:
    """Replace one owner's weekly slots (``m.owners``); a slot kept as it was keeps its validity
    and description (an import's: the desk does not edit them yet)."""
    name, owner_id = owner
    mine = col(getattr(m.ScheduleSlot, name)) == owner_id
    kept = {
        (s.weekday, s.opens_at, s.closes_at): (s.valid_from, s.valid_to, s.description)
        for s in session.exec(select(m.ScheduleSlot).where(mine)).all()
    }
    session.exec(delete(m.ScheduleSlot).where(mine))
    unique = dict.fromkeys((s.weekday, s.opens, s.closes) for s in slots)  # a row typed twice
    for day, opens, closes in sorted(unique):
        valid_from, valid_to, description = kept.get((day, opens, closes), (None, None, ""))
        session.add(
            m.ScheduleSlot(
                **{name: owner_id},
                weekday=day,
                opens_at=opens,
                closes_at=closes,
                valid_from=valid_from,
                valid_to=valid_to,
                description=description,
            )
        )


def apply_exceptions(session: Session, service: m.Service, items: Sequence[ExceptionEdit]) -> None:
    """Replace the dated exceptions, keeping those sent with their id."""
    if len({item.date for item in items}) < len(items):
        raise EditError(EditProblem.DUPLICATE_DATE, "exceptions")
    existing = {
        ex.id: ex
        for ex in session.exec(
            select(m.ScheduleException).where(m.ScheduleException.service_id == service.id)
        ).all()
    }
    kept: set[int | None] = set()
    for item in items:
        row = existing.get(item.id) if item.id is not None else None
        if row is None:
            assert service.id is not None
            row = m.ScheduleException(
                service_id=service.id, date=item.date, source_locale=service.source_locale
            )
        row.date, row.closed = item.date, item.closed
        row.opens_at, row.closes_at = (None, None) if item.closed else (item.opens, item.closes)
        content.set_source_texts(row, {"note": item.note})
        session.add(row)
        kept.add(row.id)
    _delete_left_out(session, existing, kept)


def apply_phones(
    session: Session, service: m.Service, items: Sequence[PhoneEdit], *, receptions: bool = False
) -> set[int]:
    """Replace the phones, keeping those sent with their id; each for every place, for one, or
    (``reception``) one place's own. With ``receptions`` the list holds the places' own phones
    too (the desk's form), and one left out goes; without, they are left alone and none may be
    sent. Returns the places whose own phones changed (other services there show them)."""
    assert service.id is not None
    existing = {p.id: p for p in editing_views.phones_of(session, service.id, receptions=receptions)}
    links = editing_views.place_links(session, service.id)
    places: set[int] = {p.location_id for p in existing.values() if p.location_id is not None}
    kept: set[int | None] = set()
    for index, item in enumerate(items):
        if item.place is not None and item.place not in links:
            raise EditError(EditProblem.INVALID_CHOICE, f"phones.{index}.place")
        if item.reception and not receptions:
            raise EditError(EditProblem.INVALID_CHOICE, f"phones.{index}.place")
        row = existing.get(item.id) if item.id is not None else None
        if row is None:
            row = m.Phone(number=item.number, source_locale=service.source_locale)
        if item.reception and item.place is not None:
            row.service_id, row.service_at_location_id, row.location_id = None, None, links[item.place]
            places.add(links[item.place])
        else:
            row.service_id, row.service_at_location_id = (
                (None, item.place) if item.place else (service.id, None)
            )
            row.location_id = None
        row.number, row.is_whatsapp = item.number, item.is_whatsapp
        row.type, row.extension = item.type, item.extension
        content.set_source_texts(row, {"description": item.description})
        session.add(row)
        kept.add(row.id)
    _delete_left_out(session, existing, kept)
    return places


def apply_documents(session: Session, service: m.Service, items: Sequence[DocumentEdit]) -> None:
    """Replace the documents to bring, in the order typed; one sent with its id keeps its
    text's translations, one left out goes with them."""
    assert service.id is not None
    existing = {d.id: d for d in editing_views.documents_of(session, service.id)}
    kept: set[int | None] = set()
    for position, item in enumerate(items):
        row = existing.get(item.id) if item.id is not None else None
        if row is None:
            row = m.RequiredDocument(service_id=service.id, document="", source_locale=service.source_locale)
        row.uri, row.position = item.uri, position
        content.set_source_texts(row, {"document": item.document})
        session.add(row)
        kept.add(row.id)
    _delete_left_out(session, existing, kept)
