"""Reading the directory: search, lists and one service, in the reader's locale."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from rxapp import models as m
from rxapp.services import text as text_rules
from rxapp.services.views import ServicePublic, build_views

PUBLIC_STATUSES = (m.ServiceStatus.ACTIVE, m.ServiceStatus.TEMPORARILY_CLOSED)
BATCH = 500


def _prefix_upper(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def matching_ids(query: str) -> sa.Select[tuple[int]] | None:
    """Ids of services having, for every word of the query, a term that starts with it.

    Prefix ranges on ``serviceterm.term`` use its index on SQLite and PostgreSQL alike.
    None when the query has no words (then everything matches).
    """
    words = text_rules.query_words(query)
    if not words:
        return None
    conditions = [
        sa.and_(col(m.ServiceTerm.term) >= w, col(m.ServiceTerm.term) < _prefix_upper(w)) for w in words
    ]
    hits = select(m.ServiceTerm.service_id, m.ServiceTerm.term).where(sa.or_(*conditions)).subquery()
    # A service matches when each word found at least one of its terms.
    per_word = [
        sa.func.max(sa.case((sa.and_(hits.c.term >= w, hits.c.term < _prefix_upper(w)), 1), else_=0))
        for w in words
    ]
    return (
        select(hits.c.service_id)
        .group_by(hits.c.service_id)
        .having(sa.and_(*(expr == 1 for expr in per_word)))
    )


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
    """Public services, filtered in SQL, in the reader's locale, sorted by name."""
    statement = select(m.Service).where(col(m.Service.status).in_(PUBLIC_STATUSES))
    if need:
        statement = statement.where(
            col(m.Service.id).in_(
                select(m.ServiceCategory.service_id).where(m.ServiceCategory.category_slug == need)
            )
        )
    matches = matching_ids(query)
    if matches is not None:
        statement = statement.where(col(m.Service.id).in_(matches))
    if free:
        statement = statement.where(col(m.Service.is_free).is_(True))
    if no_documents:
        statement = statement.where(col(m.Service.no_documents_needed).is_(True))
    services = session.exec(statement.order_by(m.Service.name).limit(limit)).all()
    views = build_views(session, services, locale)
    return sorted(views, key=lambda view: text_rules.normalize(view.name))


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
