"""Reading the directory: search, lists and one service, in the reader's locale."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from rxapp import models as m
from rxapp.services import text as text_rules
from rxapp.services.search import catalog
from rxapp.services.views import ServicePublic, build_views

PUBLIC_STATUSES = (m.ServiceStatus.ACTIVE, m.ServiceStatus.TEMPORARILY_CLOSED)
BATCH = 500


def list_services(
    *,
    session: Session,
    locale: str,
    need: str | None = None,
    query: str = "",
    free: bool = False,
    no_documents: bool = False,
    limit: int = 500,
) -> list[ServicePublic]:
    """Public services, filtered in SQL, in the reader's locale: by name, or best match first."""
    statement = select(m.Service).where(col(m.Service.status).in_(PUBLIC_STATUSES))
    if need:
        statement = statement.where(
            col(m.Service.id).in_(
                select(m.ServiceCategory.service_id).where(m.ServiceCategory.category_slug == need)
            )
        )
    ranked = catalog.find(session, query) if text_rules.normalize(query) else None
    if ranked is not None:
        statement = statement.where(col(m.Service.id).in_(ranked))
    if free:
        statement = statement.where(col(m.Service.is_free).is_(True))
    if no_documents:
        statement = statement.where(col(m.Service.no_documents_needed).is_(True))
    services = session.exec(statement).all()
    if ranked is not None:
        place = {service_id: i for i, service_id in enumerate(ranked)}
        services = sorted(services, key=lambda s: place[s.id or 0])[:limit]
        return build_views(session, services, locale)
    views = build_views(session, services, locale)
    return sorted(views, key=lambda view: text_rules.normalize(view.name))[:limit]


def get_service(*, session: Session, slug: str, locale: str) -> ServicePublic | None:
    """One public service by slug, or None (unknown, or inactive)."""
    service = session.exec(
        select(m.Service).where(m.Service.slug == slug, col(m.Service.status).in_(PUBLIC_STATUSES))
    ).first()
    if service is None:
        return None
    return build_views(session, [service], locale)[0]


def need_counts(*, session: Session) -> dict[str, int]:
    """How many public services answer each need."""
    rows = session.exec(
        select(m.ServiceCategory.category_slug, func.count())
        .join(m.Service, col(m.Service.id) == m.ServiceCategory.service_id)
        .where(col(m.Service.status).in_(PUBLIC_STATUSES))
        .group_by(m.ServiceCategory.category_slug)
    ).all()
    return {slug: count for slug, count in rows}


def public_services(*, session: Session, locale: str) -> list[ServicePublic]:
    """Every public service in one locale (the snapshot's content)."""
    services = session.exec(select(m.Service).where(col(m.Service.status).in_(PUBLIC_STATUSES))).all()
    views: list[ServicePublic] = []
    for start in range(0, len(services), BATCH):  # bounded IN (...) lists on any database
        views.extend(build_views(session, services[start : start + BATCH], locale))
    return sorted(views, key=lambda view: text_rules.normalize(view.name))
