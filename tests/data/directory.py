"""The directory's services as tests pick and edit them."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from rxapp import models as m
from rxapp.services import editing
from rxapp.services.editing_input import ServiceEdit
from tests.data.people import Db, opened


def first_service(db: Db) -> m.Service:
    """The service with the lowest id (the sample's first)."""
    with opened(db) as session:
        service = session.exec(select(m.Service).order_by(col(m.Service.id))).first()
    assert service is not None and service.id is not None
    return service


def service_form(service: m.Service, **changes: Any) -> dict[str, Any]:
    """The service's edit form as the desk fills it, with ``changes``."""
    base = {name: getattr(service, name) for name in m.TEXT_FIELDS[m.Service]}
    return {**base, "is_free": service.is_free, "status": service.status.value, **changes}


def edit_service(db: Db, *, service: m.Service, **changes: Any) -> m.Service:
    """The service's edit form saved with ``changes`` (``editing.update_service``, which may refuse)."""
    with opened(db) as session:
        data = ServiceEdit(**service_form(service, **changes))
        return editing.update_service(session=session, service_id=service.id or 0, data=data)
