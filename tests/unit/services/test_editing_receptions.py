"""A place's own phones (its reception, HSDS location phones) at the desk: in the service's
phone list with "Reception: <place>" as their place, saved as the place's (every service given
there shows the change), left alone by callers that replace only the service's phones."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.desk.directory_display import phone_rows
from rxapp.desk.service.form import sheet_raw
from rxapp.services import editing
from rxapp.services.editing import EditError
from rxapp.services.editing_input import EditProblem, validate
from rxapp.services.editing_sheet import PhoneEdit, ServiceSheet
from rxapp.services.editing_views import sheet
from tests.data.places import at_two_places

RECEPTION = "+52 962 555 9101"


def _numbers(session: Session, **owner: int) -> list[str]:
    ((name, value),) = owner.items()
    return sorted(session.exec(select(m.Phone.number).where(col(getattr(m.Phone, name)) == value)).all())


def test_a_place_s_reception_is_in_the_form_and_saved_as_the_place_s(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, first, second = at_two_places(session)
        assert service.id and second.id
        session.add(m.Phone(number=RECEPTION, location_id=second.location_id))
        neighbour = session.exec(select(m.Service).where(m.Service.id != service.id)).first()
        assert neighbour is not None and neighbour.id
        session.add(m.ServiceAtLocation(service_id=neighbour.id, location_id=second.location_id))
        session.commit()
        found = sheet(session=session, slug=service.slug)
        assert found is not None
        rows = phone_rows(found)
        assert [r["place"] for r in rows if r["number"] == RECEPTION] == [f"reception:{second.id}"]
        # The form sends every row back; the reception's number changes, a new one is added at
        # the first place's reception.
        phones = [
            {**r, "key": f"r{i}", "number": "+52 962 555 0199" if r["number"] == RECEPTION else r["number"]}
            for i, r in enumerate(rows)
        ] + [
            {
                "key": "new",
                "id": "",
                "number": "962 555 0303",
                "type": "voice",
                "place": f"reception:{first.id}",
            }
        ]
        form = {"name": service.name, "status": "active"}
        form |= {f"phones.{r['key']}.{n}": r.get(n, "") for r in phones for n in ("number", "type", "place")}
        every = {"hours": [], "exceptions": [], "phones": phones, "place_hours": []}
        data, problems = validate(ServiceSheet, sheet_raw(form, every))
        assert problems == {} and data is not None
        editing.save_sheet(session=session, service_id=service.id, data=data)
        session.commit()
        assert _numbers(session, location_id=second.location_id) == ["+52 962 555 0199"]
        assert _numbers(session, location_id=first.location_id) == ["962 555 0303"]
        revision = session.get(m.DirectoryRevision, 1)
        session.refresh(neighbour)
        assert revision is not None and neighbour.revision == revision.revision  # its page shows it


def test_a_reception_left_out_of_the_form_goes(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, second = at_two_places(session)
        assert service.id
        session.add(m.Phone(number=RECEPTION, location_id=second.location_id))
        session.commit()
        editing.save_sheet(session=session, service_id=service.id, data=ServiceSheet(name=service.name))
        session.commit()
        assert _numbers(session, location_id=second.location_id) == []


def test_replacing_the_service_s_phones_leaves_the_receptions_alone(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _, second = at_two_places(session)
        assert service.id and second.id
        session.add(m.Phone(number=RECEPTION, location_id=second.location_id))
        session.commit()
        editing.set_phones(session=session, service_id=service.id, phones=[PhoneEdit(number="962 555 0404")])
        session.commit()
        assert _numbers(session, location_id=second.location_id) == [RECEPTION]
        with pytest.raises(EditError) as refused:
            editing.set_phones(
                session=session,
                service_id=service.id,
                phones=[PhoneEdit(number="962 555 0505", place=second.id, reception=True)],
            )
        assert (refused.value.problem, refused.value.field) == (EditProblem.INVALID_CHOICE, "phones.0.place")


def test_a_reception_names_a_place() -> None:
    _, problems = validate(
        ServiceSheet, {"name": "Comedor", "phones": [{"number": "962 555 0101", "reception": True}]}
    )
    assert problems == {"phones.0.reception": EditProblem.INVALID_CHOICE}
