"""The audit log in the desk's language (issue 14, item 7: the Spanish log showed `closed`,
`in_progress` and `0 deleted`)."""

from __future__ import annotations

import datetime as dt

import pytest

from rxapp.desk.audit import detail
from rxapp.i18n.catalogs import Translator
from rxapp.models import AuditAction
from rxapp.services.audit import AuditRow

SERVICES = {"comedor-san-lucas": "Comedor San Lucas"}


def _row(action: AuditAction, raw: str) -> AuditRow:
    return AuditRow(
        id=1, at=dt.datetime(2026, 12, 2, tzinfo=dt.UTC), username="", action=action, record_id=3, detail=raw
    )


@pytest.mark.parametrize(
    ("locale", "action", "raw", "expected"),
    [
        ("es", AuditAction.STATUS, "closed", "Cerrado"),
        ("es", AuditAction.STATUS, "in_progress", "En atención"),
        ("es", AuditAction.RETENTION, "0 deleted", "0 registros borrados"),
        ("es", AuditAction.RETENTION, "1 deleted", "1 registro borrado"),
        ("es", AuditAction.QUEUE, "12", "12 registros mostrados"),
        ("es", AuditAction.REFER, "comedor-san-lucas", "Comedor San Lucas"),
        ("es", AuditAction.MERGE, "7", "Con el registro #7"),
        ("es", AuditAction.SEARCH, "duplicate of #9", "Mostrado como posible duplicado de #9"),
        ("es", AuditAction.OPEN, "", ""),
        ("es", AuditAction.APPOINT, "add 2", "Añadir cita · #2"),  # the desk's log showed "add 2"
        ("es", AuditAction.APPOINT, "remove 2", "Quitar · #2"),
    ],
)
def test_details_are_words_of_the_desks_language(
    locale: str, action: AuditAction, raw: str, expected: str
) -> None:
    assert detail(_row(action, raw), Translator(locale), SERVICES) == expected


@pytest.mark.parametrize("locale", ["es", "fr", "ht", "pt", "ar"])
@pytest.mark.parametrize(
    ("action", "raw"),
    [
        (AuditAction.STATUS, "closed"),
        (AuditAction.STATUS, "in_progress"),
        (AuditAction.RETENTION, "0 deleted"),
        (AuditAction.RETENTION, "3 deleted"),
        (AuditAction.QUEUE, "5"),
        (AuditAction.DISMISS, "4"),
        (AuditAction.SEARCH, "duplicate of #9"),
        (AuditAction.APPOINT, "add 2"),
    ],
)
def test_no_raw_value_is_shown_in_any_locale(locale: str, action: AuditAction, raw: str) -> None:
    english = detail(_row(action, raw), Translator("en"), SERVICES)
    shown = detail(_row(action, raw), Translator(locale), SERVICES)
    assert shown and shown != raw and shown != english
