"""Services as an HSDS import leaves them: still to review, with the partner's name."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from rxapp import models as m


def imported(session: Session, count: int = 2, *, source: str = "Red Frontera") -> list[m.Service]:
    """The first ``count`` services of the sample marked as an import from ``source`` left them
    (the first keeps a date of verification from before the import, the others have none)."""
    services = list(session.exec(select(m.Service).order_by(col(m.Service.id)).limit(count)).all())
    for i, service in enumerate(services):
        service.needs_review, service.source = True, source
        service.assured_date = dt.date(2026, 11, 3) if i == 0 else None
        session.add(service)
    session.commit()
    for service in services:
        session.refresh(service)
    return services
