"""Writing directory content: source texts with versions, translations, the search index."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlmodel import Session, SQLModel, col, select

from rxapp import models as m
from rxapp.services.search import stored

# Services reindexed in a session and not yet stamped with a revision (``bump_revision``).
_TOUCHED = "paso_touched_services"


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
    row: m.Translation | None = None,
) -> m.Translation:
    """Store a translation of one field, made from the field's current source version.

    ``new`` skips looking for an existing row (the record was created in this session), as
    ``row`` does (the existing row, already read); ``unreviewed`` flags a draft no native
    speaker has checked yet.
    """
    record_id = getattr(record, "id", None)
    if record_id is None:
        raise ValueError("save the record before translating it")
    if field not in m.text_fields(record):
        raise ValueError(f"{type(record).__name__}.{field} is not a translatable field")
    record_type = m.RECORD_TYPES[type(record)]
    row = (
        row
        if new or row is not None
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


def _translations(
    session: Session, record_type: m.RecordType, ids: Iterable[int], fields: Iterable[str]
) -> list[tuple[str, str]]:
    rows = session.exec(
        select(m.Translation.text, m.Translation.locale).where(
            m.Translation.record_type == record_type,
            col(m.Translation.record_id).in_(list(ids)),
            col(m.Translation.field).in_(list(fields)),
        )
    ).all()
    return [(text, locale) for text, locale in rows if text]


def service_texts(
    session: Session, service: m.Service
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What a person might search a service by, in every locale present, as (text, language):
    its names (the service's and its organisation's) and its descriptions (what it offers,
    who may use it, the names of its places). The needs' keywords come from the catalogs."""
    assert service.id is not None
    names = [(service.name, service.source_locale)]
    names += _translations(session, m.RecordType.SERVICE, [service.id], ["name"])
    organization = session.get(m.Organization, service.organization_id)
    if organization is not None and organization.id is not None:
        names.append((organization.name, organization.source_locale))
        names += _translations(session, m.RecordType.ORGANIZATION, [organization.id], ["name"])
    descriptions = [
        (service.description, service.source_locale),
        (service.eligibility, service.source_locale),
    ]
    descriptions += _translations(session, m.RecordType.SERVICE, [service.id], ["description", "eligibility"])
    places = session.exec(
        select(m.Location)
        .join(m.ServiceAtLocation, col(m.ServiceAtLocation.location_id) == m.Location.id)
        .where(m.ServiceAtLocation.service_id == service.id)
    ).all()
    for place in places:
        descriptions.append((place.name, service.source_locale))
    descriptions += _translations(
        session, m.RecordType.LOCATION, [p.id for p in places if p.id is not None], ["name"]
    )
    return names, descriptions


def reindex_service(session: Session, service: m.Service) -> None:
    """Recompute a service's search keys (``rxapp.services.search.stored``)."""
    names, descriptions = service_texts(session, service)
    service.search_text = stored.encode(names, service.keywords, descriptions)
    service.updated_at = m.utcnow()
    session.add(service)
    session.info.setdefault(_TOUCHED, {})[id(service)] = service


def reindex_outdated(session: Session) -> int:
    """Recompute the keys of services indexed by older rules; how many changed."""
    outdated = session.exec(
        select(m.Service).where(col(m.Service.search_text).not_like(f"{stored.VERSION}|%"))
    ).all()
    for service in outdated:
        reindex_service(session, service)
    session.commit()
    return len(outdated)


def bump_revision(session: Session) -> int:
    """Mark the directory as changed, stamping the services reindexed in this session with the
    new revision (what a snapshot updates); returns the new revision."""
    # Locked (PostgreSQL): two saves at once get two revisions, never one for both.
    row = session.get(
        m.DirectoryRevision, 1, with_for_update=True, populate_existing=True
    ) or m.DirectoryRevision(id=1, revision=0)
    row.revision += 1
    row.changed_at = m.utcnow()
    session.add(row)
    for service in session.info.pop(_TOUCHED, {}).values():
        service.revision = row.revision
        session.add(service)
    return row.revision


def sync_categories(session: Session, needs: Iterable[tuple[str, str, int]]) -> None:
    """Make the category table mirror the code's taxonomy."""
    for slug, icon, order in needs:
        row = session.get(m.Category, slug) or m.Category(slug=slug, icon=icon)
        row.icon, row.sort_order = icon, order
        session.add(row)
