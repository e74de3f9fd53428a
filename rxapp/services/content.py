"""Writing directory content: source texts with versions, translations, the search index."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlmodel import Session, SQLModel, col, delete, select

from rxapp import models as m
from rxapp.i18n import catalogs
from rxapp.services import text as text_rules
from rxapp.taxonomy import NEEDS_BY_SLUG


def set_source_texts(record: SQLModel, texts: Mapping[str, str]) -> None:
    """Set source texts on a record, bumping the version of each field that changed."""
    versions = dict(getattr(record, "text_versions", None) or {})
    for field, value in texts.items():
        if field not in m.text_fields(record):
            raise ValueError(f"{type(record).__name__}.{field} is not a translatable field")
        if getattr(record, field) != value or field not in versions:
            versions[field] = versions.get(field, 0) + 1
            setattr(record, field, value)
    record.text_versions = versions


def set_translation(
    *,
    session: Session,
    record: SQLModel,
    field: str,
    locale: str,
    text: str,
    new: bool = False,
    unreviewed: bool = False,
) -> m.Translation:
    """Store a translation of one field, made from the field's current source version.

    ``new`` skips looking for an existing row (the record was created in this session);
    ``unreviewed`` flags a draft no native speaker has checked yet.
    """
    record_id = getattr(record, "id", None)
    if record_id is None:
        raise ValueError("save the record before translating it")
    if field not in m.text_fields(record):
        raise ValueError(f"{type(record).__name__}.{field} is not a translatable field")
    record_type = m.RECORD_TYPES[type(record)]
    row = (
        None
        if new
        else session.exec(
            select(m.Translation).where(
                m.Translation.record_type == record_type,
                m.Translation.record_id == record_id,
                m.Translation.field == field,
                m.Translation.locale == locale,
            )
        ).first()
    )
    if row is None:
        row = m.Translation(
            record_type=record_type, record_id=record_id, field=field, locale=locale, text=text
        )
    row.text = text
    row.source_version = getattr(record, "text_versions", {}).get(field, 1)
    row.source_text = getattr(record, field) or ""
    row.unreviewed = unreviewed
    row.updated_at = m.utcnow()
    session.add(row)
    return row


def service_texts(session: Session, service: m.Service) -> list[str]:
    """Every text a person might search a service by, in every locale present."""
    assert service.id is not None
    organization = session.get(m.Organization, service.organization_id)
    texts = [service.name, service.description]
    if organization is not None:
        texts.append(organization.name)
    rows = session.exec(
        select(m.Translation.text).where(
            m.Translation.record_type == m.RecordType.SERVICE,
            m.Translation.record_id == service.id,
            col(m.Translation.field).in_(("name", "description")),
        )
    ).all()
    texts.extend(rows)
    if organization is not None and organization.id is not None:
        texts.extend(
            session.exec(
                select(m.Translation.text).where(
                    m.Translation.record_type == m.RecordType.ORGANIZATION,
                    m.Translation.record_id == organization.id,
                    m.Translation.field == "name",
                )
            ).all()
        )
    slugs = session.exec(
        select(m.ServiceCategory.category_slug).where(m.ServiceCategory.service_id == service.id)
    ).all()
    for slug in slugs:
        texts.extend(catalogs.all_translations(NEEDS_BY_SLUG[slug].label))
    return texts


def reindex_service(session: Session, service: m.Service) -> None:
    """Recompute a service's search text and its indexed terms."""
    assert service.id is not None
    texts = service_texts(session, service)
    service.search_text = " ".join(dict.fromkeys(text_rules.normalize(t) for t in texts if t))
    service.updated_at = m.utcnow()
    session.add(service)
    session.exec(delete(m.ServiceTerm).where(col(m.ServiceTerm.service_id) == service.id))
    for term in sorted(text_rules.terms(texts)):
        session.add(m.ServiceTerm(service_id=service.id, term=term))


def bump_revision(session: Session) -> int:
    """Mark the directory as changed so every snapshot is rebuilt; returns the new revision."""
    row = session.get(m.DirectoryRevision, 1) or m.DirectoryRevision(id=1, revision=0)
    row.revision += 1
    row.changed_at = m.utcnow()
    session.add(row)
    return row.revision


def sync_categories(session: Session, needs: Iterable[tuple[str, str, int]]) -> None:
    """Make the category table mirror the code's taxonomy."""
    for slug, icon, order in needs:
        row = session.get(m.Category, slug) or m.Category(slug=slug, icon=icon)
        row.icon, row.sort_order = icon, order
        session.add(row)
