"""Changing a posted alert from the desk: its form starts from what it says, on the centre's
wall clock; what the form sends changes the urgency, times and words, and keeps whom it is for,
its template and blanks (``rxapp.services.alerts.drafts``)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import alerts
from rxapp.services.alerts import AlertInput
from tests.data.alerts import COORDINATOR, NOW, SHELTER, TZ, directory, local, message, post


@pytest.fixture
def db(empty_engine: Engine) -> Session:
    session = Session(empty_engine)
    directory(session)
    return session


def _save(db: Session, public_id: str, form: dict[str, str]) -> m.Alert:
    data = AlertInput.model_validate(alerts.edited(db, public_id, form))
    later = NOW + dt.timedelta(hours=1)
    return alerts.edit(session=db, public_id=public_id, data=data, actor=COORDINATOR, now=later, tz=TZ)


def test_the_form_starts_from_the_alert_on_the_centres_wall_clock(db: Session) -> None:
    alert = post(db, **message(starts_at="2026-12-02T13:30", services=[SHELTER]))
    draft = alerts.draft(session=db, public_id=alert.public_id, tz=TZ)
    assert (draft.starts_at, draft.ends_at) == ("2026-12-02T13:30", "2026-12-03T20:00")  # not UTC
    assert (draft.title, draft.urgency, draft.has_title, draft.has_text) == (
        "Cierre del albergue", "urgent", True, True,
    )  # fmt: skip
    office = post(db, kind="office_closed", office="COMAR", date="2026-12-07")
    assert not alerts.draft(
        session=db, public_id=office.public_id, tz=TZ
    ).has_text  # its words are the template's


def test_an_edit_changes_urgency_times_and_words_and_keeps_whom_it_is_for(db: Session) -> None:
    alert = post(db, **message(services=[SHELTER]))
    changed = _save(
        db, alert.public_id,
        {"urgency": "info", "title": "Albergue cerrado", "text": "Hasta las 20:00.", "starts_at": "",
         "ends_at": "2026-12-04T09:00", "kind": "scam", "source_locale": "ar"},
    )  # fmt: skip
    assert (changed.urgency, changed.title, changed.kind, changed.source_locale) == (
        m.AlertUrgency.INFO, "Albergue cerrado", m.AlertKind.MESSAGE, "es",  # kind and language kept
    )  # fmt: skip
    assert changed.ends_at.replace(tzinfo=dt.UTC) == local(4, 9)
    assert changed.text_versions == {"title": 2, "text": 2}  # translators see both changed
    linked = db.exec(select(m.AlertService).where(m.AlertService.alert_id == changed.id)).all()
    assert len(linked) == 1  # still the shelter's


def test_a_templates_blanks_stay_when_its_end_changes(db: Session) -> None:
    office = post(db, kind="office_closed", office="COMAR", date="2026-12-07")
    changed = _save(db, office.public_id, {"urgency": "urgent", "ends_at": "2026-12-08T12:00", "text": "x"})
    assert changed.params == {"date": "2026-12-07", "office": "COMAR"} and changed.text == ""
    assert changed.urgency is m.AlertUrgency.URGENT
    assert changed.ends_at.replace(tzinfo=dt.UTC) == local(8, 12)


def test_a_wrong_edit_is_refused_by_field_and_changes_nothing(db: Session) -> None:
    alert = post(db, **message())
    raw = alerts.edited(db, alert.public_id, {"urgency": "info", "title": "", "ends_at": "mañana"})
    data, problems = alerts.validate(AlertInput, raw)
    assert data is None and problems == {"ends_at": alerts.AlertProblem.BAD_MOMENT}
    db.refresh(alert)
    assert alert.urgency is m.AlertUrgency.URGENT and alert.title == "Cierre del albergue"
