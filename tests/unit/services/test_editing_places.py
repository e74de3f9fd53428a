"""A coordinator marks a phone for one of the service's places (HSDS service_at_location phones)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import editing
from rxapp.services.editing import EditError
from rxapp.services.editing_input import EditProblem
from rxapp.services.editing_sheet import PhoneEdit
from rxapp.services.editing_views import sheet
from rxapp.services.views import build_views
from tests.data.places import at_two_places


def _two_places(session: Session) -> tuple[m.Service, int, int]:
    """The first service given at a second place too: it, and its two service_at_location ids."""
    service, first, second = at_two_places(session)
    assert first.id is not None and second.id is not None
    return service, first.id, second.id


def test_a_phone_marked_for_one_place_belongs_to_that_place_and_comes_back_in_the_form(
    sample_copy: Engine,
) -> None:
    with Session(sample_copy) as session:
        service, _, annex = _two_places(session)
        assert service.id is not None
        phones = [PhoneEdit(number="+52 962 555 7202", place=annex), PhoneEdit(number="+52 962 555 7101")]
        editing.set_phones(session=session, service_id=service.id, phones=phones)
        session.commit()
        found = sheet(session=session, slug=service.slug)
        assert found is not None
        owners = {p.number: (p.service_id, p.service_at_location_id) for p in found.phones}
        assert owners == {"+52 962 555 7202": (None, annex), "+52 962 555 7101": (service.id, None)}
        assert [name for _, name in found.places][1] == "Anexo del mercado"
        # The public page lists it under its place, not with the service's phones.
        (view,) = build_views(session, [service], "es")
        assert "+52 962 555 7101" in {p.number for p in view.phones}
        assert "+52 962 555 7202" not in {p.number for p in view.phones}
        assert [p.number for p in view.locations[1].phones] == ["+52 962 555 7202"]
        # Back to every place: the same row, now the service's.
        kept = next(p for p in found.phones if p.service_at_location_id)
        again = [PhoneEdit(id=kept.id, number=kept.number), PhoneEdit(number="+52 962 555 7101")]
        editing.set_phones(session=session, service_id=service.id, phones=again)
        session.commit()
        row = session.get(m.Phone, kept.id)
        assert row is not None and (row.service_id, row.service_at_location_id) == (service.id, None)


def test_a_place_of_another_service_is_refused(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, _ = _two_places(session)
        elsewhere = session.exec(
            select(m.ServiceAtLocation).where(m.ServiceAtLocation.service_id != service.id)
        ).first()
        assert elsewhere is not None and service.id is not None
        with pytest.raises(EditError) as refused:
            editing.set_phones(
                session=session,
                service_id=service.id,
                phones=[PhoneEdit(number="+52 962 555 7101", place=elsewhere.id)],
            )
        assert (refused.value.problem, refused.value.field) == (EditProblem.INVALID_CHOICE, "phones.0.place")


@pytest.mark.parametrize(("raw", "expected"), [("", None), (None, None), (" 7 ", 7)])
def test_a_phone_s_place_is_read_from_the_form(raw: str | None, expected: int | None) -> None:
    assert PhoneEdit(number="962 100", place=raw).place == expected


def test_a_place_that_is_no_number_is_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        PhoneEdit(number="962 100", place="annex")
