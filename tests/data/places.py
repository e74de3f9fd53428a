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


def new_at_two_places(
    session: Session, name: str
) -> tuple[m.Service, m.ServiceAtLocation, m.ServiceAtLocation]:
    """A new service of a new organization at two new places, "Bodega del centro" and "Anexo
    del mercado", with no hours or phones (committed, through the editing services: the public
    pages see it): it and both places. For the browser tests, whose database is shared."""
    from rxapp.services import editing
    from rxapp.services.editing_input import OrganizationEdit, ServiceEdit

    org = editing.create_organization(
        session=session, data=OrganizationEdit(name=f"{name} A.C."), source_locale="es"
    )
    service = editing.create_service(
        session=session, organization_id=org.id or 0, data=ServiceEdit(name=name)
    )
    assert service.id is not None and org.id is not None
    links = []
    for place_name in ("Bodega del centro", "Anexo del mercado"):
        place = m.Location(organization_id=org.id, name=place_name, address=f"{place_name}, Motozintla")
        session.add(place)
        session.flush()
        link = m.ServiceAtLocation(service_id=service.id, location_id=place.id or 0)
        session.add(link)
        session.flush()
        links.append(link)
    session.commit()
    return service, links[0], links[1]
