"""Template alerts are in every locale at once: their words come from the interface catalogs,
a service's name from the directory in the reader's locale, a date from Babel (Kreyòl's own
month names), names of places as typed."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.i18n.catalogs import Translator
from rxapp.models import AlertKind
from rxapp.services import alerts
from rxapp.services.alerts import TEMPLATES, render
from tests.data.alerts import SHELTER, directory, post


@pytest.mark.parametrize(
    ("kind", "locale", "blanks", "expected"),
    [
        (
            AlertKind.FULL_TONIGHT,
            "es",
            {"service": "Albergue nocturno"},
            "Albergue nocturno está lleno esta noche",
        ),
        (AlertKind.FULL_TONIGHT, "ht", {"service": "Albergue nocturno"}, "Albergue nocturno plen aswè a"),
        (AlertKind.FULL_TONIGHT, "ar", {"service": "الملجأ الليلي"}, "الملجأ الليلي ممتلئ الليلة"),
        (
            AlertKind.OFFICE_CLOSED,
            "es",
            {"office": "COMAR", "date": "2026-12-07"},
            "La oficina de COMAR está cerrada el 7 de diciembre de 2026",
        ),
        (
            AlertKind.OFFICE_CLOSED,
            "ht",
            {"office": "COMAR", "date": "2026-12-07"},
            "Biwo COMAR fèmen 7 desanm 2026",
        ),
        (
            AlertKind.VACCINATION,
            "ar",
            {"date": "2026-12-05", "place": "الكنيسة"},
            "يوم تطعيم بتاريخ 5 ديسمبر 2026 في الكنيسة",
        ),
        (AlertKind.SCAM, "en", {"what": "fake lawyers"}, "Beware: a scam is going round: fake lawyers"),
    ],
)
def test_a_template_is_written_in_each_locale(
    kind: AlertKind, locale: str, blanks: dict[str, str], expected: str
) -> None:
    assert render(kind, locale, **blanks) == expected


def test_every_template_is_translated_in_every_catalog_with_its_blanks() -> None:
    for tag in ("es", "fr", "ht", "pt", "ar"):
        for template in TEMPLATES.values():
            words = Translator(tag)(template.words)
            assert words != template.words, (tag, template.kind)
            for blank in template.blanks:
                assert "{" + blank + "}" in words, (tag, template.kind, blank)


def test_a_posted_template_reads_in_the_readers_language_with_the_services_name(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        directory(session)
        alert = post(session, kind="full_tonight", services=[SHELTER])
        shown = {
            tag: alerts.views(session=session, alerts=[alert], locale=tag)[0] for tag in ("es", "ar", "ht")
        }
    assert shown["es"].title == "Albergue nocturno está lleno esta noche" and shown["es"].lang == "es"
    assert (
        shown["ar"].title == "الملجأ الليلي ممتلئ الليلة" and shown["ar"].lang == "ar"
    )  # the name's translation
    assert shown["ht"].title == "Albergue nocturno plen aswè a"  # a name without translation stays a name
