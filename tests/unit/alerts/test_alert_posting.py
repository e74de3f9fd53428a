"""Posting, editing and withdrawing alerts: what is stored, what is refused and why, what the
directory revision and the audit log say."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import alerts, snapshot
from rxapp.services.alerts import AlertError, AlertInput, AlertProblem
from tests.data.alerts import COORDINATOR, DINER, NOW, SHELTER, TZ, directory, local, message, post

P = AlertProblem


@pytest.fixture
def db(empty_engine: Engine) -> Session:
    session = Session(empty_engine)
    directory(session)
    return session


def test_a_free_text_alert_is_stored_with_its_texts_versions_and_scope(db: Session) -> None:
    alert = post(db, **message(services=[SHELTER]))
    assert alert.kind is m.AlertKind.MESSAGE and alert.urgency is m.AlertUrgency.URGENT
    assert len(alert.public_id) == 36 and alert.posted_by == COORDINATOR.staff_id
    assert alert.text_versions == {"title": 1, "text": 1}
    assert alert.starts_at.replace(tzinfo=dt.UTC) == NOW  # no start: now
    assert alert.ends_at.replace(tzinfo=dt.UTC) == local(3, 20)  # the centre's wall clock, in UTC
    linked = db.exec(select(m.AlertService.service_id).where(m.AlertService.alert_id == alert.id)).all()
    assert len(linked) == 1


def test_posting_moves_the_revision_once_and_stamps_no_service(db: Session) -> None:
    before = snapshot.revision(db)
    post(db, **message(services=[SHELTER]))
    assert snapshot.revision(db) == before + 1
    assert set(db.exec(select(m.Service.revision)).all()) == {0}  # cards untouched


def test_posting_and_withdrawing_are_in_the_audit_log(db: Session) -> None:
    alert = post(db, **message())
    alerts.withdraw(session=db, public_id=alert.public_id, actor=COORDINATOR, now=NOW + dt.timedelta(hours=1))
    rows = db.exec(select(m.AuditEntry).order_by(col(m.AuditEntry.id))).all()
    assert [(r.action, r.detail, r.staff_username) for r in rows] == [
        (m.AuditAction.ALERT, f"message {alert.public_id}", "coord"),
        (m.AuditAction.WITHDRAW, f"message {alert.public_id}", "coord"),
    ]


def test_a_template_takes_its_urgency_and_length(db: Session) -> None:
    scam = post(db, kind="scam", text="falsos abogados piden dinero", source_locale="es")
    assert scam.urgency is m.AlertUrgency.URGENT and scam.title == ""
    assert scam.ends_at.replace(tzinfo=dt.UTC) - NOW == dt.timedelta(days=7)
    office = post(db, kind="office_closed", office="COMAR", date="2026-12-07", urgency="urgent")
    assert office.urgency is m.AlertUrgency.URGENT  # chosen over the template's own
    assert office.params == {"date": "2026-12-07", "office": "COMAR"}
    assert office.ends_at.replace(tzinfo=dt.UTC) == local(8, 0)  # the end of that day
    assert office.text == ""


@pytest.mark.parametrize(
    ("fields", "field", "problem"),
    [
        (message(title=""), "title", P.REQUIRED),
        (message(ends_at=""), "ends_at", P.REQUIRED),
        (message(ends_at="2026-12-02T13:00"), "ends_at", P.ALREADY_ENDED),
        (message(starts_at="2026-12-04T10:00"), "ends_at", P.ENDS_BEFORE_START),
        (message(ends_at="2027-06-01T10:00"), "ends_at", P.TOO_FAR),
        (message(services=["no-such-service"]), "services", P.NOT_FOUND),
        ({"kind": "full_tonight"}, "services", P.ONE_SERVICE),
        ({"kind": "full_tonight", "services": [SHELTER, DINER]}, "services", P.ONE_SERVICE),
        ({"kind": "vaccination", "place": "la parroquia"}, "date", P.REQUIRED),
        ({"kind": "vaccination", "date": "2026-12-05"}, "place", P.REQUIRED),
        ({"kind": "road_danger", "place": "Tapachula"}, "text", P.REQUIRED),
        ({"kind": "office_closed", "office": "INM", "date": "2026-12-01"}, "date", P.ALREADY_ENDED),
    ],
)
def test_a_wrong_alert_is_refused_with_its_field_and_nothing_is_stored(
    db: Session, fields: dict[str, Any], field: str, problem: AlertProblem
) -> None:
    with pytest.raises(AlertError) as refused:
        post(db, **fields)
    assert (refused.value.field, refused.value.problem) == (field, problem)
    db.rollback()
    assert db.exec(select(m.Alert)).all() == []


@pytest.mark.parametrize(
    ("raw", "field", "problem"),
    [
        (message(title="x" * 81), "title", P.TOO_LONG),
        (message(text="x" * 501), "text", P.TOO_LONG),
        (message(ends_at="tomorrow"), "ends_at", P.BAD_MOMENT),
        (message(kind="fireworks"), "kind", P.INVALID_CHOICE),
        (message(urgency="panic"), "urgency", P.INVALID_CHOICE),
        (message(source_locale="xx"), "source_locale", P.INVALID_CHOICE),
        ({"kind": "vaccination", "date": "5/12", "place": "x"}, "date", P.BAD_DATE),
        (message(secret="x"), "secret", P.BAD_REQUEST),
    ],
)
def test_the_input_model_names_each_problem(raw: dict[str, Any], field: str, problem: AlertProblem) -> None:
    data, problems = alerts.validate(AlertInput, raw)
    assert data is None and problems[field] == problem


def test_an_edit_changes_the_text_version_and_keeps_the_start(db: Session) -> None:
    alert = post(db, **message(starts_at="2026-12-02T13:00"))
    later = NOW + dt.timedelta(hours=2)
    data = AlertInput.model_validate(message(text="Cierra a las 17:00.", services=[DINER]))
    edited = alerts.edit(
        session=db, public_id=alert.public_id, data=data, actor=COORDINATOR, now=later, tz=TZ
    )
    assert edited.text_versions == {"title": 1, "text": 2}
    assert edited.starts_at.replace(tzinfo=dt.UTC) == local(2, 13)
    assert alerts.views(session=db, alerts=[edited], locale="es")[0].services == [DINER]


def test_an_ended_alert_can_be_neither_edited_nor_withdrawn(db: Session) -> None:
    alert = post(db, **message())
    after = local(3, 21)
    with pytest.raises(AlertError) as refused:
        alerts.withdraw(session=db, public_id=alert.public_id, actor=COORDINATOR, now=after)
    assert refused.value.problem is P.ENDED
    data = AlertInput.model_validate(message(ends_at="2026-12-05T10:00"))
    with pytest.raises(AlertError):
        alerts.edit(session=db, public_id=alert.public_id, data=data, actor=COORDINATOR, now=after, tz=TZ)


def test_withdrawing_ends_it_now(db: Session) -> None:
    alert = post(db, **message())
    at = NOW + dt.timedelta(minutes=30)
    alerts.withdraw(session=db, public_id=alert.public_id, actor=COORDINATOR, now=at)
    view = alerts.views(session=db, alerts=[alerts.find(db, alert.public_id)], locale="es")[0]
    assert view.ends == at and view.withdrawn


def test_an_unknown_alert_is_not_found(db: Session) -> None:
    with pytest.raises(AlertError) as refused:
        alerts.withdraw(session=db, public_id="0" * 36, actor=COORDINATOR, now=NOW)
    assert refused.value.problem is P.NOT_FOUND
