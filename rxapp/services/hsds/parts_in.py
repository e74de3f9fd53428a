"""A service's own rows from its HSDS document: phones, hours, languages, needs; and a place's
phones and hours (of one service there, or its own).

Each function makes the service's rows say what the document says (a row the document no longer
carries goes, with its translations) and tells whether anything changed. Rows with an HSDS
``uuid`` are matched by it; weekly slots, languages and needs have derived ids (``ids``), so
they are compared as sets of their natural keys and replaced only when the set differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, delete

from rxapp import models as m
from rxapp.services.editing_apply import forget_translations
from rxapp.services.hsds import fields_in, ids, reading, schedules_in
from rxapp.services.hsds.known import Known, Owner
from rxapp.services.hsds.texts_in import assign, put
from rxapp.taxonomy import NEEDS

NEED_OF_TERM = {ids.term(need.slug): need.slug for need in NEEDS}
Leftovers = list[tuple[str, str]]


def _drop_others(
    session: Session,
    known: Known,
    rows: Iterable[m.Phone | m.ScheduleException | m.RequiredDocument],
    kept: set[str],
) -> bool:
    gone = [row for row in rows if row.uuid not in kept]
    for row in gone:
        forget_translations(session, row)
        session.delete(row)
        known.drop(row)
    return bool(gone)


def _owned(owner: Owner) -> dict[str, int | None]:
    """A phone's or slot's three owner columns, one set (a row that moves loses the others)."""
    return {name: owner[1] if name == owner[0] else None for name in m.OWNERS}


def phones(
    session: Session,
    known: Known,
    owner: Owner,
    docs: list[reading.Phone],
    *,
    locale: str,
    where: str,
    spare: frozenset[str] = frozenset(),
) -> tuple[bool, Leftovers, list[str]]:
    """An owner's phones, matched by uuid; a type or extension Paso cannot keep is a leftover.

    ``spare``: ids the same document gives another owner (a phone moving to one place) are not
    deleted here. A phone whose id another owner already took in this import, or a service's
    document gives the service (``Known.reserved``), is skipped: the official examples repeat one
    phone under the service, its organization's location, its place and that place's location."""
    changed = _drop_others(session, known, known.of(m.Phone, owner), {doc.id for doc in docs} | spare)
    leftovers: Leftovers = []
    skipped: list[str] = []
    for index, doc in enumerate(docs):
        taken = doc.id in known.reserved and owner[0] != "service_id"
        if taken or known.claimed.setdefault(doc.id, owner) != owner:
            skipped.append(f"{where}[{index}]: a phone whose id another record of this import has")
            continue
        row = known.get(m.Phone, doc.id)
        created = row is None
        if row is None:
            row = m.Phone(uuid=doc.id, number=doc.number, source_locale=locale)  # owned just below
        changed |= assign(
            row,
            **_owned(owner),
            number=doc.number,
            is_whatsapp=doc.is_whatsapp,
            **fields_in.phone(doc, f"{where}[{index}]", leftovers),
        )
        if created:
            known.add(row)
        session.add(row)
        texts = {"description": ("description", doc.description)}
        changed |= put(session, row, texts, locale=locale, created=created, status=doc.translation_status)
        changed |= created
    return changed, leftovers, skipped


def slots(
    session: Session, known: Known, owner: Owner, docs: list[reading.Schedule], *, locale: str, where: str
) -> tuple[bool, Leftovers]:
    """A place's weekly slots, of a service there or its own (no dated exceptions: not kept)."""
    found = schedules_in.read(docs, where, locale=locale, dated=False)
    return _weekly(session, known, owner, found.slots), found.leftovers


def _weekly(session: Session, known: Known, owner: Owner, wanted: set[schedules_in.Slot]) -> bool:
    """Replace an owner's weekly slots when the set differs, as the desk saves hours."""
    if known.slots[owner] == wanted:
        return False
    if known.slots[owner]:
        column = getattr(m.ScheduleSlot, owner[0])
        session.exec(delete(m.ScheduleSlot).where(col(column) == owner[1]))
    session.add_all(
        m.ScheduleSlot(
            **_owned(owner),
            weekday=day,
            opens_at=opens,
            closes_at=closes,
            valid_from=valid_from,
            valid_to=valid_to,
            description=description,
        )
        for day, opens, closes, valid_from, valid_to, description in sorted(
            wanted, key=schedules_in.slot_order
        )
    )
    known.slots[owner] = wanted
    return True


def hours(
    session: Session,
    known: Known,
    service: m.Service,
    docs: list[reading.Schedule],
    *,
    locale: str,
    where: str,
) -> tuple[bool, Leftovers]:
    """A service's weekly slots (replaced when the set differs) and dated exceptions (matched by uuid)."""
    assert service.id is not None
    found = schedules_in.read(docs, where, locale=locale)
    changed = _weekly(session, known, ("service_id", service.id), found.slots)
    mine = known.of(m.ScheduleException, service.id)
    changed |= _drop_others(session, known, mine, {doc.id for _, doc in found.exceptions})
    for here, doc in found.exceptions:
        assert doc.valid_from is not None
        opens: dt.time | None = None
        closes: dt.time | None = None
        if doc.opens_at and doc.closes_at:
            opens, closes = schedules_in.hours(doc.opens_at, doc.closes_at, here)
        row = known.get(m.ScheduleException, doc.id)
        created = row is None
        if row is None:
            row = m.ScheduleException(
                uuid=doc.id, service_id=service.id, date=doc.valid_from, source_locale=locale
            )
            known.add(row)
        changed |= assign(
            row,
            service_id=service.id,
            date=doc.valid_from,
            closed=opens is None,
            opens_at=opens,
            closes_at=closes,
        )
        session.add(row)
        texts = {"note": ("notes", doc.notes)}
        changed |= put(session, row, texts, locale=locale, created=created, status=None)
        changed |= created
    return changed, found.leftovers


def documents(
    session: Session,
    known: Known,
    service: m.Service,
    docs: list[reading.RequiredDocument],
    *,
    locale: str,
    where: str,
) -> tuple[bool, Leftovers]:
    """The documents to bring, matched by uuid, in the document's order; one without a text is
    a leftover (nothing to show)."""
    assert service.id is not None
    kept = [(index, doc) for index, doc in enumerate(docs) if (doc.document or "").strip()]
    leftovers = [
        (f"{where}[{i}]", "not kept") for i, doc in enumerate(docs) if not (doc.document or "").strip()
    ]
    mine = known.of(m.RequiredDocument, service.id)
    changed = _drop_others(session, known, mine, {doc.id for _, doc in kept})
    for position, (_, doc) in enumerate(kept):
        row = known.get(m.RequiredDocument, doc.id)
        created = row is None
        if row is None:
            row = m.RequiredDocument(uuid=doc.id, service_id=service.id, document="", source_locale=locale)
            known.add(row)
        changed |= assign(row, service_id=service.id, uri=doc.uri or None, position=position)
        session.add(row)
        if created:
            session.flush()  # its id, for a translation
        texts = {"document": ("document", doc.document)}
        changed |= put(session, row, texts, locale=locale, created=created, status=doc.translation_status)
        changed |= created
    return changed, leftovers


def languages(
    session: Session, known: Known, service: m.Service, docs: list[reading.Language], *, where: str
) -> tuple[bool, Leftovers]:
    """The languages spoken (their ``code``); one without a code is a leftover."""
    assert service.id is not None
    return spoken(session, known.languages, m.ServiceLanguage, "service_id", service.id, docs, where=where)


def spoken(
    session: Session,
    kept: dict[int, set[str]],
    table: type[m.ServiceLanguage] | type[m.LocationLanguage],
    column: str,
    owner: int,
    docs: list[reading.Language],
    *,
    where: str,
) -> tuple[bool, Leftovers]:
    """An owner's languages (``table`` rows by ``column``), replaced when they differ from
    ``kept[owner]``; a language without a code is a leftover."""
    wanted = {doc.code for doc in docs if doc.code}
    leftovers = [(f"{where}[{i}]", "not kept") for i, doc in enumerate(docs) if not doc.code]
    if kept[owner] == wanted:
        return False, leftovers
    if kept[owner]:
        session.exec(delete(table).where(col(getattr(table, column)) == owner))
    kept[owner] = wanted
    of_owner: dict[str, Any] = {column: owner}
    session.add_all(table(**of_owner, language=tag) for tag in sorted(wanted))
    return True, leftovers


def needs(
    session: Session, known: Known, service: m.Service, docs: list[reading.Attribute], *, where: str
) -> tuple[bool, Leftovers]:
    """The needs: attributes naming a term of Paso's needs; any other taxonomy is a leftover."""
    assert service.id is not None
    wanted: set[str] = set()
    leftovers: Leftovers = []
    for index, doc in enumerate(docs):
        term = doc.taxonomy_term_id or (doc.taxonomy_term.id if doc.taxonomy_term else None)
        if term in NEED_OF_TERM:
            wanted.add(NEED_OF_TERM[term])
        else:
            leftovers.append((f"{where}[{index}]", "not kept"))  # a term of another taxonomy
    if known.needs[service.id] == wanted:
        return False, leftovers
    if known.needs[service.id]:
        session.exec(delete(m.ServiceCategory).where(col(m.ServiceCategory.service_id) == service.id))
    known.needs[service.id] = wanted
    session.add_all(m.ServiceCategory(service_id=service.id, category_slug=slug) for slug in sorted(wanted))
    return True, leftovers
