"""A service given at two places (HSDS service_at_location), for the per-place tests."""

from __future__ import annotations

from sqlmodel import Session, col, select

from rxapp import models as m


def at_two_places(session: Session) -> tuple[m.Service, m.ServiceAtLocation, m.ServiceAtLocation]:
    """The first service with a place, given at a second one too (committed): it and both places."""
    first = session.exec(select(m.ServiceAtLocation).order_by(col(m.ServiceAtLocation.id))).first()
    assert first is not None and first.id is not None
    service = session.get(m.Service, first.service_id)
    assert service is not None and service.id is not None
    other = m.Location(organization_id=service.organization_id, name="Anexo del mercado")
    session.add(other)
    session.flush()
    assert other.id is not None
    second = m.ServiceAtLocation(service_id=service.id, location_id=other.id)
    session.add(second)
    session.commit()
    assert second.id is not None
    return service, first, second
