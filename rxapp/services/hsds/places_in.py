"""A location's own languages and accessibility from its HSDS document.

Languages are compared as a set of tags (their ids are derived: ``ids.location_language``) and
replaced when the set differs; accessibility entries are matched by their uuid, their texts
stored as the desk stores them (``texts_in.put``), and those the document no longer has go,
with their translations.
"""

from __future__ import annotations

from sqlmodel import Session

from rxapp import models as m
from rxapp.services.editing_apply import forget_translations
from rxapp.services.hsds import reading
from rxapp.services.hsds.known import Known
from rxapp.services.hsds.parts_in import spoken
from rxapp.services.hsds.texts_in import assign, put

Leftovers = list[tuple[str, str]]


def languages(
    session: Session, known: Known, place: m.Location, docs: list[reading.Language], *, where: str
) -> tuple[bool, Leftovers]:
    """The languages spoken at the place (their ``code``); one without a code is a leftover."""
    assert place.id is not None
    kept = known.place_languages
    return spoken(session, kept, m.LocationLanguage, "location_id", place.id, docs, where=where)


def accessibility(
    session: Session,
    known: Known,
    place: m.Location,
    docs: list[reading.Accessibility],
    *,
    locale: str,
    where: str,
) -> tuple[bool, list[str]]:
    """The place's accessibility entries, matched by uuid; the skipped ones' paths (an id another
    place of this import already has)."""
    assert place.id is not None
    mine = {doc.id for doc in docs}
    gone = [row for row in known.of(m.Accessibility, place.id) if row.uuid not in mine]
    for row in gone:
        forget_translations(session, row)
        session.delete(row)
        known.drop(row)
    changed, skipped = bool(gone), []
    for index, doc in enumerate(docs):
        if known.claimed.setdefault(f"accessibility:{doc.id}", ("location_id", place.id)) != (
            "location_id",
            place.id,
        ):
            skipped.append(
                f"{where}[{index}]: an accessibility entry whose id another place of this import has"
            )
            continue
        found = known.get(m.Accessibility, doc.id)
        created = found is None
        row = found or m.Accessibility(uuid=doc.id, location_id=place.id, source_locale=locale)
        changed |= assign(row, location_id=place.id, url=doc.url or None)
        if created:
            known.add(row)
        session.add(row)
        texts = {"description": ("description", doc.description), "details": ("details", doc.details)}
        changed |= put(session, row, texts, locale=locale, created=created, status=doc.translation_status)
        changed |= created
    return changed, skipped
