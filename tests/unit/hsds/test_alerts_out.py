"""A service's HSDS ``alert``: its alerts in force, in the export's locale, in the export and the
read API (whose kept answers follow alerts that start or end by the clock); never imported."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.http.app import PasoFront
from rxapp.models import utcnow
from rxapp.services import alerts, editing
from rxapp.services.editing_input import TranslationEdit
from rxapp.services.hsds import export
from tests.data.alerts import COORDINATOR, DINER, SHELTER, TZ, directory, message, post
from tests.data.http import make_front
from tests.unit.hsds.api_calls import every
from tests.unit.hsds.conftest import Validate
from tests.unit.hsds.test_import import imported

TITLE_AR = "إغلاق الملجأ"


def _at(moment: dt.datetime) -> str:
    return moment.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def db(empty_engine: Engine) -> Engine:
    """Posted with the real clock (the export's): on the shelter, a free-text alert translated
    into Arabic and the one-tap "full tonight"; on the diner, a withdrawn one, one that ended, one
    that starts tomorrow; and one for the whole centre."""
    now = utcnow()
    tomorrow, after = (_at(now + dt.timedelta(days=1, hours=h)) for h in (0, 2))
    with Session(empty_engine) as session:
        ids = directory(session)
        shelter = post(session, now, **message(ends_at=tomorrow, services=[SHELTER]))
        for field, text in (("title", TITLE_AR), ("text", "يغلق الملجأ الساعة 18:00 للتبخير.")):
            edit = TranslationEdit(
                record_type=m.RecordType.ALERT, record_id=shelter.id or 0, field=field, locale="ar", text=text
            )
            editing.set_translation(session=session, data=edit)
        quick = alerts.QuickState(service_id=ids[SHELTER], kind=m.AlertKind.FULL_TONIGHT)
        alerts.quick_state(session=session, data=quick, actor=COORDINATOR, now=now, tz=TZ)
        gone = post(session, now, **message(title="Retirada", ends_at=tomorrow, services=[DINER]))
        alerts.withdraw(session=session, public_id=gone.public_id, actor=COORDINATOR, now=now)
        ended = now - dt.timedelta(days=2)
        post(
            session,
            ended,
            **message(title="Terminada", ends_at=_at(ended + dt.timedelta(hours=1)), services=[DINER]),
        )
        post(session, now, **message(title="Mañana", starts_at=tomorrow, ends_at=after, services=[DINER]))
        post(session, now, **message(title="Todo el centro", ends_at=tomorrow))
    return empty_engine


def _services(engine: Engine, locale: str) -> dict[str, dict[str, Any]]:
    with Session(engine) as session:
        dataset = export.build(session=session, locale=locale, tz=TZ)
    return {s["name"]: s for s in dataset.services}


def test_an_alert_in_force_shows_in_the_locale_and_others_do_not(db: Engine, hsds_validate: Validate) -> None:
    spanish = _services(db, "es")
    shelter = spanish["Albergue nocturno"]["alert"].split("\n\n")
    assert shelter[0].startswith("Albergue nocturno")  # newest first: the one-tap state, rendered
    assert shelter[1].startswith("Cierre del albergue\nEl albergue cierra a las 18:00 por fumigación.\nDel ")
    # Withdrawn, ended, not started, or about the whole centre: not the diner's alert.
    assert "alert" not in spanish["Comedor diurno"]
    arabic = _services(db, "ar")["الملجأ الليلي"]["alert"]
    assert TITLE_AR in arabic and "Cierre" not in arabic and "Albergue" not in arabic
    for services in (spanish, _services(db, "ar")):
        assert [e for s in services.values() for e in hsds_validate("service", s)] == []


def test_the_api_answers_the_alert_and_follows_the_clock(
    db: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Kept answers are keyed on the alerts in force: one that ends by itself (no edit, so no
    new revision; here its end moved back without one) leaves the next answer."""
    front: PasoFront = make_front(monkeypatch, db, tmp_path)

    def shelter(locale: str) -> str | None:
        found = {s["name"]: s for s in every(front, "/api/hsds/services", locale=locale)}
        value: str | None = found[{"es": "Albergue nocturno", "ar": "الملجأ الليلي"}[locale]].get("alert")
        return value

    assert "Cierre del albergue" in (shelter("es") or "") and TITLE_AR in (shelter("ar") or "")
    with Session(db) as session:
        for alert in session.exec(select(m.Alert).where(m.Alert.withdrawn_at == None)).all():  # noqa: E711
            alert.ends_at = utcnow() - dt.timedelta(minutes=1)
            session.add(alert)
        session.commit()
    assert shelter("es") is None and shelter("ar") is None


def test_a_withdrawn_alert_leaves_the_api_at_once(
    db: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    front = make_front(monkeypatch, db, tmp_path)
    assert "Cierre del albergue" in json.dumps(every(front, "/api/hsds/services"), ensure_ascii=False)
    with Session(db) as session:
        shown = session.exec(select(m.Alert).where(m.Alert.title == "Cierre del albergue")).one()
        alerts.withdraw(session=session, public_id=shown.public_id, actor=COORDINATOR, now=utcnow())
    assert "Cierre del albergue" not in json.dumps(every(front, "/api/hsds/services"), ensure_ascii=False)


def test_an_incoming_alert_is_reported_not_kept(db: Engine, tmp_path: Path) -> None:
    """Exported (JSON and its CSV, line breaks kept), then imported back: Paso's alerts are
    posted at the desk, so the service is unchanged and the alert reported, not turned into one."""
    with Session(db) as session:
        export.write(export.build(session=session, locale="es", tz=TZ), tmp_path)
    with (tmp_path / "datapackage" / "services.csv").open(encoding="utf-8", newline="") as file:
        cells = [row["alert"] for row in csv.DictReader(file)]
    assert cells[0].startswith("Albergue nocturno está lleno esta noche\n") and cells[1] == ""
    with Session(db) as session:
        before = len(session.exec(select(m.Alert)).all())
    report = imported(db, tmp_path)
    assert report.leftovers == [("services.json:$[0].alert", "not kept")]  # the shelter's
    assert report.count("updated") == report.count("created") == 0
    with Session(db) as session:
        assert len(session.exec(select(m.Alert)).all()) == before  # Paso's alerts are posted, not imported
