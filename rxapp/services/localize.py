"""Content texts in the reader's locale, following the fallback chain."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from rxapp import models as m
from rxapp.i18n.locales import chain


@dataclass(frozen=True)
class Text:
    """A text and the locale it is actually in (differs from the page's on fallback)."""

    text: str
    locale: str


@dataclass(frozen=True)
class Made:
    """A translation as the readers of several tables at once need it (``translations``)."""

    text: str
    source_version: int  # the field's version it was made from (``translation.status_of``)


# (record type, record id, field, locale) -> the translation made
Found = dict[tuple[m.RecordType, int, str, str], Made]


def translations(session: Session, tables: Iterable[Sequence[SQLModel]], locales: Sequence[str]) -> Found:
    """The translations into ``locales`` of the records of several tables, in one query.

    ``tables``: each a list of records of one table (a list may be empty). A page of the HSDS
    API reads its services', places', phones', documents' ... texts together (issue 20: one
    query per table cost more than the rest of the page).
    """
    t = m.Translation
    wanted = [
        (m.RECORD_TYPES[type(records[0])], [getattr(r, "id") for r in records])  # noqa: B009
        for records in tables
        if records
    ]
    if not wanted:
        return {}
    rows = session.connection().execute(  # the columns, not the rows: an API page reads thousands
        sa.select(
            col(t.record_type),
            col(t.record_id),
            col(t.field),
            col(t.locale),
            col(t.text),
            col(t.source_version),
        ).where(
            sa.or_(*(sa.and_(col(t.record_type) == kind, col(t.record_id).in_(ids)) for kind, ids in wanted)),
            col(t.locale).in_(list(locales)),
        )
    )
    return {(kind, rid, name, tag): Made(text, version) for kind, rid, name, tag, text, version in rows}


def pick(records: Sequence[SQLModel], found: Found, locale: str) -> dict[tuple[int, str], Text]:
    """Every text field of some records of one table in ``locale`` or its fallbacks, from
    ``found`` (which holds their translations along ``chain(locale)``)."""
    if not records:
        return {}
    kind = m.RECORD_TYPES[type(records[0])]
    order = chain(locale)
    result: dict[tuple[int, str], Text] = {}
    for record in records:
        record_id = getattr(record, "id")  # noqa: B009 - tables share no base with `id`
        source_locale = getattr(record, "source_locale")  # noqa: B009
        for field in m.text_fields(record):
            source = getattr(record, field) or ""
            chosen = Text(source, source_locale)
            for tag in order:
                if tag == source_locale and source:
                    chosen = Text(source, tag)
                    break
                made = found.get((kind, record_id, field, tag))
                if made is not None and made.text:
                    chosen = Text(made.text, tag)
                    break
            result[(record_id, field)] = chosen
    return result


def localize(session: Session, records: Sequence[SQLModel], locale: str) -> dict[tuple[int, str], Text]:
    """Every text field of some records of one table, in ``locale`` or its fallbacks.

    One query fetches the translations of all the records; returns ``{(id, field): Text}``.
    """
    if not records:
        return {}
    return pick(records, translations(session, [records], chain(locale)), locale)


def service_names(*, session: Session, locale: str) -> dict[str, str]:
    """Every service's name in ``locale`` (or its fallbacks), by slug."""
    services = session.exec(select(m.Service)).all()
    texts = localize(session, services, locale)
    return {s.slug: texts[(s.id, "name")].text for s in services if s.id is not None}
