"""Alert texts go through the content translation workflow: status (missing, outdated, up to
date), the fallback chain with the language named, the desk's boxes and the ``.po`` round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import alerts, editing, snapshot, translation
from rxapp.services.alerts import AlertInput
from rxapp.services.editing_input import TranslationEdit
from rxapp.services.editing_views import record_text_rows
from rxapp.services.translation import TranslationStatus
from tests.data.alerts import COORDINATOR, NOW, TZ, directory, message, post

S = TranslationStatus


@pytest.fixture
def db(empty_engine: Engine) -> Session:
    session = Session(empty_engine)
    directory(session)
    return session


def _translate(db: Session, alert: m.Alert, field: str, locale: str, text: str) -> None:
    data = TranslationEdit(
        record_type=m.RecordType.ALERT, record_id=alert.id or 0, field=field, locale=locale, text=text
    )
    editing.set_translation(session=db, data=data)


def _view(db: Session, alert: m.Alert, locale: str) -> alerts.AlertView:
    return alerts.views(session=db, alerts=[alerts.find(db, alert.public_id)], locale=locale)[0]


def _statuses(db: Session, locale: str) -> dict[str, S]:
    return {
        e.field: e.status for e in translation.entries(session=db, locale=locale) if e.record_type == "alert"
    }


def test_until_translated_an_alert_shows_its_source_and_names_its_language(db: Session) -> None:
    alert = post(db, **message())
    view = _view(db, alert, "en")
    assert (view.title, view.lang) == ("Cierre del albergue", "es")
    assert _statuses(db, "en") == {"title": S.MISSING, "text": S.MISSING}


def test_a_translation_shows_and_the_language_follows_what_is_shown(db: Session) -> None:
    alert = post(db, **message())
    _translate(db, alert, "title", "en", "The shelter closes")
    half = _view(db, alert, "en")
    assert half.title == "The shelter closes" and half.lang == "es"  # the text is still Spanish
    _translate(db, alert, "text", "en", "The shelter closes at 6 pm for fumigation.")
    assert _view(db, alert, "en").lang == "en"
    assert _statuses(db, "en") == {"title": S.UP_TO_DATE, "text": S.UP_TO_DATE}


def test_kreyol_falls_back_to_french_before_the_source(db: Session) -> None:
    alert = post(db, **message())
    _translate(db, alert, "title", "fr", "Fermeture du refuge")
    _translate(db, alert, "text", "fr", "Le refuge ferme à 18 h.")
    view = _view(db, alert, "ht")
    assert (view.title, view.lang) == ("Fermeture du refuge", "fr")


def test_an_edited_text_makes_its_translation_outdated_and_moves_the_revision(db: Session) -> None:
    alert = post(db, **message())
    _translate(db, alert, "text", "en", "The shelter closes at 6 pm.")
    before = snapshot.revision(db)
    data = AlertInput.model_validate(message(text="El albergue cierra a las 17:00."))
    alerts.edit(session=db, public_id=alert.public_id, data=data, actor=COORDINATOR, now=NOW, tz=TZ)
    assert _statuses(db, "en")["text"] is S.OUTDATED
    assert snapshot.revision(db) == before + 1


def test_a_templates_free_phrase_is_translated_and_its_language_named(db: Session) -> None:
    scam = post(db, kind="scam", text="cobran por citas de COMAR", source_locale="es")
    assert _statuses(db, "en") == {"text": S.MISSING}  # the template's words need no translator
    assert _view(db, scam, "en").lang == "es"
    _translate(db, scam, "text", "en", "people charge for COMAR appointments")
    view = _view(db, scam, "en")
    assert "people charge for COMAR appointments" in view.title and view.lang == "en"


def test_a_template_without_a_free_phrase_has_nothing_to_translate(db: Session) -> None:
    post(db, kind="vaccination", date="2026-12-05", place="la parroquia")
    assert _statuses(db, "fr") == {}


def test_the_desks_boxes_show_an_alerts_texts(db: Session) -> None:
    alert = post(db, **message())
    rows = record_text_rows(session=db, records=[(alert, "")], locales=["es", "en", "ar"])
    assert [(r.field, [c.locale for c in r.cells]) for r in rows] == [
        ("title", ["en", "ar"]),
        ("text", ["en", "ar"]),
    ]


def test_alerts_go_out_and_come_back_in_the_content_po_file(db: Session) -> None:
    alert = post(db, **message())
    exported = translation.export_po(session=db, locale="ar").decode()
    assert f'msgctxt "alert:{alert.id}:title"' in exported and "#. alert message #" in exported
    filled = exported.replace(
        'msgid "Cierre del albergue"\nmsgstr ""', 'msgid "Cierre del albergue"\nmsgstr "إغلاق الملجأ"'
    )
    before = snapshot.revision(db)
    report = translation.import_po(session=db, locale="ar", data=filled.encode())
    assert (report.errors, report.updated) == ([], 1)
    assert _view(db, alert, "ar").title == "إغلاق الملجأ"
    assert snapshot.revision(db) == before + 1


def test_alerts_ended_long_ago_leave_the_translators_files(db: Session) -> None:
    """Time travel: posted and ended in October, far over the news' 30 days before today."""
    october = dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)
    post(db, october, **message(ends_at="2026-10-02T12:00"))
    assert _statuses(db, "en") == {}
