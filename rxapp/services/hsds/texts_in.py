"""Imported texts, stored the way the desk stores them (``content``), and the small helpers the
import shares: set fields that differ, unique slugs.

A record created by the import, or written in the import's locale, takes the texts as its
source texts (``content.set_source_texts``: a changed text gets a new version, its translations
become outdated). A record written in another locale takes them as its translations into the
import's locale, flagged unreviewed, except texts the document marks as a fallback (Paso's
``translation_status`` extension: ``text_locale`` is not the import's locale).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, SQLModel, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services import text as text_rules

SLUG_MAX = 60


def assign(record: SQLModel, **values: Any) -> bool:
    """Set the fields that differ; whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def fallbacks(status: dict[str, Any] | None, locale: str) -> set[str]:
    """The HSDS fields whose text the extension says is not in ``locale`` (a fallback)."""
    fields = (status or {}).get("fields") or {}
    return {
        name
        for name, value in fields.items()
        if isinstance(value, dict) and value.get("text_locale", locale) != locale
    }


def put(
    session: Session,
    record: SQLModel,
    texts: Mapping[str, tuple[str, str | None]],
    *,
    locale: str,
    created: bool,
    status: dict[str, Any] | None,
) -> bool:
    """Store ``texts`` ({paso field: (hsds field, text)}) in ``locale``; whether anything changed."""
    values = {name: text or "" for name, (_, text) in texts.items()}
    if created or getattr(record, "source_locale") == locale:  # noqa: B009 - tables share no base
        before = {name: getattr(record, name) for name in values}
        content.set_source_texts(record, values)
        return created or before != values
    skip = fallbacks(status, locale)
    kind = m.RECORD_TYPES[type(record)]
    record_id = getattr(record, "id")  # noqa: B009
    wanted = [
        name
        for name, (hsds, _) in texts.items()
        if hsds not in skip and values[name].strip() and (getattr(record, name) or "").strip()
    ]
    if not wanted:
        return False
    made = {  # the record's translations into the locale, in one query (not one per field)
        row.field: row
        for row in session.exec(
            select(m.Translation).where(
                m.Translation.record_type == kind,
                m.Translation.record_id == record_id,
                m.Translation.locale == locale,
            )
        )
    }
    changed = False
    for name in wanted:
        text, row = values[name], made.get(name)
        if row is not None and row.text == text:
            continue
        content.set_translation(
            session=session,
            record=record,
            field=name,
            locale=locale,
            text=text,
            row=row,
            new=row is None,
            unreviewed=True,
        )
        changed = True
    return changed


class Slugs:
    """Unique, readable slugs from names (as the desk makes them), without a query per name."""

    def __init__(self, session: Session) -> None:
        self.taken = {
            m.Organization: set(session.exec(select(m.Organization.slug)).all()),
            m.Service: set(session.exec(select(m.Service.slug)).all()),
        }

    def new(self, model: type[m.Organization] | type[m.Service], name: str) -> str:
        """A slug not yet used by ``model``; it never changes after, as links carry it."""
        base = "-".join(text_rules.normalize(name).split())[:SLUG_MAX].strip("-") or model.__name__.lower()
        slug, number = base, 1
        while slug in self.taken[model]:
            number += 1
            slug = f"{base}-{number}"
        self.taken[model].add(slug)
        return slug
