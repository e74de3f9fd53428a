"""A content text written the other way from its page is isolated in its own direction
(locales.isolated): the bug was a Spanish fallback on the Arabic page shown as
".Clases de costura para mujeres" (its full stop at its start)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.i18n.locales import direction, isolated
from rxapp.services.views import build_views

LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"


@pytest.mark.parametrize(
    ("text", "written_in", "page", "shown"),
    [
        ("Clases de costura.", "es", "ar", f"{LRI}Clases de costura.{PDI}"),
        (
            "Uno.\n\nDos.",
            "es",
            "ar",
            f"{LRI}Uno.{PDI}\n\n{LRI}Dos.{PDI}",
        ),  # each line: a newline ends an isolate
        ("WhatsApp للمواعيد.", "ar", "ar", "WhatsApp للمواعيد."),  # its own direction: untouched
        ("مطبخ.", "ar", "es", f"{RLI}مطبخ.{PDI}"),
        ("Kwizin.", "ht", "es", "Kwizin."),
        ("", "es", "ar", ""),
        ("Text.", "qq-Zzzz", "ar", f"{LRI}Text.{PDI}"),  # a tag Babel does not know reads left to right
    ],
)
def test_a_text_written_the_other_way_is_isolated(text: str, written_in: str, page: str, shown: str) -> None:
    assert isolated(text, written_in, page) == shown


def test_direction_of_any_tag() -> None:
    assert (direction("ar"), direction("fa"), direction("es"), direction("not a tag")) == (
        "rtl",
        "rtl",
        "ltr",
        "ltr",
    )


def test_the_arabic_view_isolates_its_spanish_fallbacks_only(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == "san-francisco-comedor")).one()
        service.description = "Comida caliente.\nSin requisitos."
        service.text_versions = {**service.text_versions, "description": 99}
        session.add(service)
        for row in session.exec(
            select(m.Translation).where(
                m.Translation.record_type == m.RecordType.SERVICE,
                m.Translation.record_id == service.id,
                m.Translation.field == "description",
            )
        ):
            session.delete(row)
        session.commit()  # no Arabic (nor English) description: the Spanish one is shown
        (arabic,) = build_views(session, [service], "ar")
        (spanish,) = build_views(session, [service], "es")
    assert arabic.description == f"{LRI}Comida caliente.{PDI}\n{LRI}Sin requisitos.{PDI}"
    assert LRI not in arabic.name and PDI not in arabic.name  # translated: in the page's direction
    assert spanish.description == "Comida caliente.\nSin requisitos."
