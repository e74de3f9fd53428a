"""Content translations: status computed from versions, and the ``.po`` round trip translators use.

A text's status in a locale is never stored: it is *missing* without a translation, *outdated*
when the source changed after the translation was made (its ``source_version`` is behind the
field's version), else *up to date*.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, escape, read_po, unescape, write_po
from sqlmodel import Session, SQLModel, col, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services.alerts.public import NEWS_DAYS, shown_since
from rxapp.services.editing_input import FIELD_MAX, TEXT_MAX
from rxapp.services.localize import Made

UNREVIEWED = "unreviewed"  # the translator comment flagging a draft, as in the interface catalogs
TYPES: dict[m.RecordType, type[SQLModel]] = {kind: model for model, kind in m.RECORD_TYPES.items()}


class TranslationStatus(StrEnum):
    """Where a translation stands against its source."""

    UP_TO_DATE = "up_to_date"
    OUTDATED = "outdated"
    MISSING = "missing"


@dataclass(frozen=True)
class TextEntry:
    """One translatable text of one record, seen from one locale."""

    record_type: m.RecordType
    record_id: int
    field: str
    label: str  # what the record is, for the translator ("service comedor-san-lucas")
    source_locale: str
    source: str
    version: int
    translation: str
    previous_source: str  # the source the translation was made from
    status: TranslationStatus
    unreviewed: bool = False  # a draft no native speaker checked

    @property
    def context(self) -> str:
        """The ``msgctxt`` naming this text in a ``.po`` file."""
        return f"{self.record_type.value}:{self.record_id}:{self.field}"


def status_of(row: m.Translation | Made | None, version: int) -> TranslationStatus:
    """A translation's status against the field's current ``version`` (None: not made)."""
    if row is None or not row.text.strip():
        return TranslationStatus.MISSING
    if row.source_version < version:
        return TranslationStatus.OUTDATED
    return TranslationStatus.UP_TO_DATE


def _label(record: SQLModel, kind: m.RecordType) -> str:
    if isinstance(record, m.Alert):  # which template's blank, or free text ("alert scam #3")
        return f"{kind.value} {record.kind.value} #{record.id}"
    slug = getattr(record, "slug", None)
    return f"{kind.value} {slug}" if slug else f"{kind.value} #{getattr(record, 'id', '')}"


def entries(*, session: Session, locale: str) -> list[TextEntry]:
    """Every non-empty source text not written in ``locale``, with its computed status there."""
    found: list[TextEntry] = []
    for kind, model in TYPES.items():
        query = select(model).order_by(model.id)  # type: ignore[attr-defined]
        if model is m.Alert:  # only alerts people still read (current, scheduled, in the news)
            query = query.where(shown_since(m.utcnow() - dt.timedelta(days=NEWS_DAYS)))
        records = session.exec(query).all()
        rows = session.exec(
            select(m.Translation).where(m.Translation.record_type == kind, m.Translation.locale == locale)
        ).all()
        made = {(row.record_id, row.field): row for row in rows}
        for record in records:
            if getattr(record, "source_locale", None) == locale:
                continue
            versions = getattr(record, "text_versions", None) or {}
            for name in m.text_fields(record):
                source = getattr(record, name) or ""
                if not source.strip():
                    continue
                version = versions.get(name, 1)
                row = made.get((record.id, name))  # type: ignore[attr-defined]
                status = status_of(row, version)
                found.append(
                    TextEntry(
                        record_type=kind,
                        record_id=record.id,  # type: ignore[attr-defined]
                        field=name,
                        label=_label(record, kind),
                        source_locale=record.source_locale,  # type: ignore[attr-defined]
                        source=source,
                        version=version,
                        translation=row.text if row else "",
                        previous_source=row.source_text if row else "",
                        status=status,
                        unreviewed=bool(row and row.unreviewed and status is not TranslationStatus.MISSING),
                    )
                )
    return found


def stats(*, session: Session, locales: list[str]) -> dict[str, Counter[str]]:
    """Per locale, how many content texts are up to date, outdated, missing, unreviewed and
    ``drafted`` (up to date but unreviewed)."""
    table: dict[str, Counter[str]] = {}
    for locale in locales:
        found = entries(session=session, locale=locale)
        counts: Counter[str] = Counter(e.status.value for e in found)
        counts["unreviewed"] = sum(e.unreviewed for e in found)
        # Up to date but a draft: counted apart, so "done" never means "checked".
        counts["drafted"] = sum(e.unreviewed and e.status is TranslationStatus.UP_TO_DATE for e in found)
        table[locale] = counts
    return table


def export_po(*, session: Session, locale: str) -> bytes:
    """A ``.po`` file of the content for one locale: outdated entries fuzzy, old source shown."""
    catalog = Catalog(locale=locale, project="Paso content", fuzzy=False)
    previous: dict[str, str] = {}
    for entry in entries(session=session, locale=locale):
        outdated = entry.status is TranslationStatus.OUTDATED
        catalog.add(
            entry.source,
            entry.translation,
            context=entry.context,
            auto_comments=[f"{entry.label}, {entry.field} (source: {entry.source_locale})"],
            user_comments=[UNREVIEWED] if entry.unreviewed else [],
            flags={"fuzzy"} if outdated else (),
        )
        if outdated and entry.previous_source:
            previous[entry.context] = entry.previous_source
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    # Babel wraps "#| msgid" comments into lines that do not parse back: write them here.
    lines = buffer.getvalue().decode().split("\n")
    out = []
    for line in lines:
        if line.startswith('msgctxt "'):
            context = unescape(line[len("msgctxt ") :])
            if context in previous:
                out.append(f"#| msgctxt {escape(context)}")
                out.append(f"#| msgid {escape(previous[context])}")
        out.append(line)
    return "\n".join(out).encode()


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # empty or fuzzy: not translated yet
    stale: list[str] = field(default_factory=list)  # source changed since the export
    errors: list[str] = field(default_factory=list)


def longest(context: str) -> int:
    """The longest translation a text takes (``context`` as exported: "service:12:name"), as
    the desk's own editor allows it."""
    kind, _, rest = context.partition(":")
    try:
        record_type = m.RecordType(kind)
    except ValueError:
        return TEXT_MAX
    return FIELD_MAX.get((record_type, rest.rpartition(":")[2]), TEXT_MAX)


def too_long(catalog: Catalog) -> list[int]:
    """The lines of translations longer than their field allows (a 1.5 MB msgstr was taken and
    every reader then downloaded it, issue 16)."""
    return [
        message.lineno or 1
        for message in catalog
        if message.id
        and isinstance(message.string, str)
        and len(message.string.strip()) > longest(str(message.context or ""))
    ]


def import_po(*, session: Session, locale: str, data: bytes, name: str = "file") -> ImportReport:
    """Store the translations of a ``.po`` file; a file with any error changes nothing."""
    report = ImportReport()
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        line = getattr(error, "lineno", None)
        report.errors.append(f"{name}:{line or 1}: not a valid .po file ({error})")
        return report
    language = str(catalog.locale_identifier or locale)
    if language != locale:
        report.errors.append(f"{name}: the file is for '{language}', not '{locale}'")
        return report
    report.errors += [
        f"{name}:{line}: this translation is longer than its field allows" for line in too_long(catalog)
    ]
    planned: list[tuple[SQLModel, str, str, bool]] = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{name}:{message.lineno}"
        record, problem = _target(session, message)
        if problem:
            report.errors.append(f"{where}: {problem}")
            continue
        assert record is not None
        field_name = str(message.context).rsplit(":", 1)[1]
        text = message.string if isinstance(message.string, str) else ""
        if message.fuzzy or not text.strip():
            report.skipped += 1
        elif (getattr(record, field_name) or "") != message.id:
            report.stale.append(f"{where}: the source text changed after the export; export again")
        else:
            planned.append((record, field_name, text.strip(), UNREVIEWED in message.user_comments))
    if report.errors:
        return report
    # The locale's translations in one query, not one per entry (a file holds thousands).
    existing = {
        (row.record_type, row.record_id, row.field): row
        for row in session.exec(select(m.Translation).where(m.Translation.locale == locale)).all()
    }
    changed: list[SQLModel] = []
    for record, name_, text, draft in planned:
        before = existing.get((m.RECORD_TYPES[type(record)], record.id, name_))  # type: ignore[attr-defined]
        version = (getattr(record, "text_versions", None) or {}).get(name_, 1)
        if before is not None and (before.text, before.source_version, before.unreviewed) == (
            text,
            version,
            draft,
        ):
            report.unchanged += 1
            continue
        content.set_translation(
            session=session,
            record=record,
            field=name_,
            locale=locale,
            text=text,
            new=before is None,  # already known: no second lookup
            unreviewed=draft,
        )
        report.updated += 1
        changed.append(record)
    if report.updated:
        session.flush()
        # Only what changed: every service of the file would be stamped, and rebuilt whole.
        _reindex(session, changed)
        content.bump_revision(session)
    session.commit()
    return report


def _target(session: Session, message: Message) -> tuple[SQLModel | None, str]:
    parts = (message.context or "").split(":")
    if len(parts) != 3 or not parts[1].isdigit():
        return None, f"unknown text {message.context!r} (the msgctxt must stay as exported)"
    try:
        kind = m.RecordType(parts[0])
    except ValueError:
        return None, f"unknown record type {parts[0]!r}"
    model = TYPES[kind]
    record = session.get(model, int(parts[1]))
    if record is None:
        return None, f"{kind.value} #{parts[1]} no longer exists"
    if parts[2] not in m.text_fields(record):
        return None, f"{parts[2]!r} is not a translatable field of {kind.value}"
    return record, ""


def _reindex(session: Session, records: list[SQLModel]) -> None:
    # Every service showing a translated text: its search keys (names, descriptions, places, in
    # every language) and its revision stamp (what an incremental snapshot rebuilds). Places,
    # phones and exceptions were left out, so their translations never reached the snapshot.
    services = {r.id for r in records if isinstance(r, m.Service)}
    services |= {
        r.service_id for r in records if isinstance(r, m.Phone | m.ScheduleException | m.RequiredDocument)
    }
    organizations = {r.id for r in records if isinstance(r, m.Organization)}
    places = {r.id for r in records if isinstance(r, m.Location)}
    places |= {r.location_id for r in records if isinstance(r, m.Accessibility)}  # on its place
    at_places = select(m.ServiceAtLocation.service_id).where(col(m.ServiceAtLocation.location_id).in_(places))
    query = select(m.Service).where(
        col(m.Service.id).in_(services)
        | col(m.Service.organization_id).in_(organizations)
        | col(m.Service.id).in_(at_places)
    )
    for service in session.exec(query).all():
        content.reindex_service(session, service)
