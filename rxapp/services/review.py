"""Services an HSDS import created or changed that no coordinator has verified since
(``Service.needs_review``, cleared by ``editing.mark_verified``): how many, and where each came from."""

from __future__ import annotations

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, func, select

from rxapp import models as m


def unreviewed() -> ColumnElement[bool]:
    """The condition on ``Service`` that picks the services still to review."""
    return col(m.Service.needs_review).is_(True)


def count_unreviewed(*, session: Session) -> int:
    """How many services, of any status, are still to review."""
    return session.exec(select(func.count()).select_from(m.Service).where(unreviewed())).one()


def source_of(service: m.Service, organization: m.Organization) -> str:
    """The partner a service was imported from: its own source, else its organization's."""
    return service.source or organization.source
