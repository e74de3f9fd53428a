"""Content texts in the reader's locale, following the fallback chain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, SQLModel, col, select

from rxapp import models as m
from rxapp.i18n.locales import chain


@dataclass(frozen=True)
class Text:
    """A text and the locale it is actually in (differs from the page's on fallback)."""

    text: str
    locale: str


def localize(session: Session, records: Sequence[SQLModel], locale: str) -> dict[tuple[int, str], Text]:
    """Every text field of some records of one table, in ``locale`` or its fallbacks.

    One query fetches the translations of all the records; returns ``{(id, field): Text}``.
    """
    if not records:
        return {}
    record_type = m.RECORD_TYPES[type(records[0])]
    order = chain(locale)
    ids = [getattr(r, "id") for r in records]  # noqa: B009 - tables share no base with `id`
    t = m.Translation
    rows = session.exec(  # the four columns, not the rows: a page of the HSDS API reads thousands
        select(t.record_id, t.field, t.locale, t.text).where(
            t.record_type == record_type, col(t.record_id).in_(ids), col(t.locale).in_(order)
        )
    ).all()
    found: dict[tuple[int, str, str], str] = {
        (record_id, field, tag): text for record_id, field, tag, text in rows if text
    }
    result: dict[tuple[int, str], Text] = {}
    for record in records:
        record_id = getattr(record, "id")  # noqa: B009
        source_locale = getattr(record, "source_locale")  # noqa: B009
        for field in m.text_fields(record):
            source = getattr(record, field) or ""
            chosen = Text(source, source_locale)
            for tag in order:
                if tag == source_locale and source:
                    chosen = Text(source, tag)
                    break
                text = found.get((record_id, field, tag))
                if text:
                    chosen = Text(text, tag)
                    break
            result[(record_id, field)] = chosen
    return result


def service_names(*, session: Session, locale: str) -> dict[str, str]:
    """Every service's name in ``locale`` (or its fallbacks), by slug."""
    services = session.exec(select(m.Service)).all()
    texts = localize(session, services, locale)
    return {s.slug: texts[(s.id, "name")].text for s in services if s.id is not None}
