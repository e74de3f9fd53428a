"""The directory editing pages' plain parts: reading the form, naming problems, showing rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.desk import directory_display as show
from rxapp.desk.service.form import input_name, sheet_raw
from rxapp.i18n.catalogs import Translator
from rxapp.services import editing
from rxapp.services.editing_input import FORM, EditProblem, ServiceEdit, validate
from rxapp.services.editing_sheet import ServiceSheet
from rxapp.services.editing_views import service_rows, text_rows

ROWS = {
    "hours": [{"key": "r1"}, {"key": "r7"}],
    "exceptions": [{"key": "r2", "id": "5"}],
    "phones": [{"key": "r3", "id": ""}],
}
FORM_DATA = {
    "name": "Comedor",
    "status": "active",
    "is_free": "on",
    "categories.food": "on",
    "languages.mam": "on",
    "location.address": "Calle 1",
    "hours.r1.weekday": "0",
    "hours.r1.opens": "08:00",
    "hours.r1.closes": "12:00",
    "hours.r7.weekday": "9",
    "hours.r7.opens": "15:00",
    "hours.r7.closes": "18:00",
    "exceptions.r2.date": "2026-12-25",
    "exceptions.r2.closed": "1",
    "phones.r3.number": "962 100",
    "phones.r3.is_whatsapp": "on",
    "surprise.r9.weekday": "1",  # a row the server does not know is not read
}


def test_the_form_is_read_in_the_order_of_the_rows_shown() -> None:
    raw = sheet_raw(FORM_DATA, ROWS)
    assert [h["weekday"] for h in raw["hours"]] == ["0", "9"]
    assert raw["exceptions"][0]["id"] == 5 and raw["exceptions"][0]["closed"] is True
    assert raw["phones"][0]["id"] is None and raw["phones"][0]["is_whatsapp"] is True
    assert (raw["categories"], raw["languages"], raw["is_free"]) == (["food"], ["mam"], True)


def test_a_problem_is_shown_beside_the_input_of_its_row() -> None:
    _, problems = validate(ServiceSheet, sheet_raw(FORM_DATA, ROWS))
    names = {input_name(path, ROWS): code for path, code in problems.items()}
    assert names == {
        "hours.r7.weekday": EditProblem.BAD_WEEKDAY,
        "phones.r3.is_whatsapp": EditProblem.WHATSAPP_NEEDS_PLUS,
    }


def test_problems_are_worded_in_the_desk_language_with_a_summary() -> None:
    words = show.problem_words({"name": EditProblem.REQUIRED}, Translator("en"))
    assert words["name"] == "Write this, it cannot be empty."
    assert words[FORM] == show.CHECK_FIELDS
    assert FORM not in show.problem_words({}, Translator("en"))


def test_every_problem_status_and_field_has_words() -> None:
    assert set(show.PROBLEMS) == set(EditProblem)
    assert set(show.STATUSES) == set(m.ServiceStatus)
    assert set(show.FIELDS) == {(m.RECORD_TYPES[t], f) for t, fields in m.TEXT_FIELDS.items() for f in fields}


def test_the_list_says_when_a_service_was_verified(sample_copy: Engine) -> None:
    today = dt.date(2026, 12, 1)
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).order_by(col(m.Service.id))).first()
        assert service is not None and service.id is not None
        editing.update_service(
            session=session, service_id=service.id, data=ServiceEdit(name="Aaa primero", status="inactive")
        )
        service.assured_date = today
        session.add(service)
        session.commit()
        rows = service_rows(session=session, query="primero")
    shown = show.service_row(rows[0], today, Translator("en"))
    assert (shown.status, shown.today, shown.verified) == ("inactive", True, "Dec 1, 2026")
    assert shown.edit.endswith(f"/en/desk/directory/service?id={service.slug}")


def test_the_side_by_side_view_shows_each_other_locale(session: Session) -> None:
    service = session.exec(select(m.Service).order_by(col(m.Service.id))).first()
    assert service is not None
    rows = text_rows(session=session, slug=service.slug, locales=["es", "en", "ar"]) or []
    shown = show.text_row(rows[0], Translator("en"))
    assert shown.what == "Service" and shown.field == "Name" and shown.language == "Español"
    cells = {cell.locale: cell for cell in shown.cells}
    assert set(cells) == {"en", "ar"} and cells["ar"].dir == "rtl"
    assert cells["en"].status_label == "Up to date" and cells["en"].draft == "Draft, not reviewed"
    kinds = {row.record_type for row in rows}
    assert {m.RecordType.SERVICE, m.RecordType.ORGANIZATION, m.RecordType.LOCATION} <= kinds


def test_every_editing_handler_asks_for_a_coordinator_first() -> None:
    """Hiding a page is not access control: each public handler goes through ``desk_event``,
    which asks for a coordinator (rxapp/access.py RULES) before anything."""
    from rxapp import access
    from rxapp.desk.directory import DirectoryState
    from rxapp.desk.service.state import EditState
    from rxapp.desk.translations import TranslationsState
    from rxapp.models import Role

    for cls in (DirectoryState, EditState, TranslationsState):
        handlers = [
            (name, handler.fn)
            for name, handler in cls.event_handlers.items()
            if name in vars(cls) and not name.startswith("_") and name != "setvar"
        ]
        assert handlers, cls.__name__
        for name, fn in handlers:
            assert access.declared(fn), (cls.__name__, name)
            assert access.rule(f"{cls.__name__}.{name}") is Role.COORDINATOR, (cls.__name__, name)


def test_a_phone_s_place_is_read_from_its_select_or_kept_when_there_is_none() -> None:
    """The select shows only for a service at several places: without it a phone keeps its place."""
    rows = {"hours": [], "exceptions": [], "phones": [{"key": "r3", "id": "4", "place": "12"}]}
    assert sheet_raw({"phones.r3.number": "962 100"}, rows)["phones"][0]["place"] == "12"
    chosen = {"phones.r3.number": "962 100", "phones.r3.place": ""}
    assert sheet_raw(chosen, rows)["phones"][0]["place"] == ""  # "every place" chosen
