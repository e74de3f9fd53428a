"""What the desk's tablet shows: waiting times, the record's phone and consent, the queue's
languages, and the walk-in form's words for the volunteer (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.components.assisted import WORDS, Assisted
from rxapp.desk.queue import display as show
from rxapp.desk.queue.rows import RecordField
from rxapp.i18n.catalogs import Translator
from rxapp.services import records
from tests.data import people
from tests.data.desk import record_of
from tests.data.people import NOW, TZ

LOCALES = ["es", "en", "fr", "ht", "pt", "ar"]
MINUTE, HOUR, DAY = dt.timedelta(minutes=1), dt.timedelta(hours=1), dt.timedelta(days=1)
TRANSLATIONS = Path(__file__).resolve().parents[3] / "translations"


def _waited(delta: dt.timedelta, locale: str) -> str:
    return show.waited(NOW - delta, NOW, Translator(locale))


@pytest.mark.parametrize(
    ("delta", "shown"),
    [
        (dt.timedelta(0), "menos de un minuto"),
        (dt.timedelta(seconds=59), "menos de un minuto"),
        (dt.timedelta(seconds=72), "1 min"),  # was "72 s" while 2 minutes said "2 min"
        (2 * MINUTE + dt.timedelta(seconds=50), "2 min"),
        (59 * MINUTE, "59 min"),
        (HOUR, "1 h"),
        (HOUR + 5 * MINUTE, "1 h 5 min"),
        (DAY + 2 * HOUR + 7 * MINUTE, "1 d 2 h"),
        (-MINUTE, "menos de un minuto"),  # a clock a little behind another
    ],
)
def test_waiting_times_have_one_wording(delta: dt.timedelta, shown: str) -> None:
    """Issue 14: the queue mixed "72 s" and "2 min"."""
    assert _waited(delta, "es") == shown


@pytest.mark.parametrize("locale", LOCALES)
def test_waiting_times_are_worded_by_the_desks_locale(locale: str) -> None:
    under = Translator(locale)("under a minute")
    assert _waited(dt.timedelta(seconds=30), locale) == under
    assert locale == "en" or under != "under a minute"
    short = [_waited(d, locale) for d in (dt.timedelta(seconds=72), 90 * MINUTE, 3 * DAY)]
    assert len(set(short)) == 3 and all(any(ch.isdigit() for ch in text) for text in short)
    # Never seconds: 72 seconds and 119 seconds read the same.
    assert _waited(dt.timedelta(seconds=72), locale) == _waited(dt.timedelta(seconds=119), locale)


def test_the_phone_is_a_call_link_and_a_whatsapp_link() -> None:
    """Issue 14: the record showed the number as plain text."""
    assert show.phone_links("+50933123456", True) == {
        "value": "+509 33 12 3456",
        "tel": "tel:+50933123456",
        "whatsapp": "https://wa.me/50933123456",
    }
    assert show.phone_links("+50933123456", False)["whatsapp"] == ""
    assert show.phone_links(None, True) == {"value": "", "tel": "", "whatsapp": ""}


def _fields(engine: Engine, locale: str, **person: Any) -> dict[str, RecordField]:
    found = people.register(engine, name="Rosa", at=NOW, **person)
    opened = show.record(record_of(engine, registration_id=found), Translator(locale))
    return {row.label: row for row in opened.fields}


def test_the_records_phone_row_carries_its_links(empty_engine: Engine) -> None:
    fields = _fields(empty_engine, "es", phone="+509 3312 3456", has_whatsapp=True)
    assert fields["Teléfono"].tel == "tel:+50933123456"
    assert fields["Teléfono"].whatsapp == "https://wa.me/50933123456"
    assert all(row.tel == "" for label, row in fields.items() if label != "Teléfono")


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        ("es", "Aceptó el 2 de diciembre de 2026"),
        ("en", "Agreed on December 2, 2026"),
        ("ht", "Li dakò 2 desanm 2026"),
        ("ar", "وافق في 2 ديسمبر 2026"),
    ],
)
def test_consent_shows_as_one_date(empty_engine: Engine, locale: str, shown: str) -> None:
    """Issue 14: consent showed the text version and a timestamp."""
    fields = _fields(empty_engine, locale)
    assert fields[Translator(locale)("Consent")].value == shown


def test_queue_rows_show_the_persons_languages(empty_engine: Engine) -> None:
    """Issue 14: queue cards did not say which languages the person speaks."""
    people.register(empty_engine, name="Jean", languages=["ht", "fr"])
    people.register(empty_engine, name="Ana")
    with Session(empty_engine) as session:
        items = records.queue(session=session, now=NOW, tz=TZ)
    rows = {item.name: show.queue_row(item, NOW, Translator("es")) for item in items}
    assert rows["Jean"].languages == "francés y criollo haitiano"
    assert rows["Ana"].languages == ""


def test_the_referral_list_is_grouped_with_organisations(session: Session) -> None:
    choices = records.referral_choices(session=session, locale="es", needs=["food"])
    groups = show.referral_options(choices, Translator("es"))
    assert groups.matching and groups.other
    assert len(groups.matching) + len(groups.other) == len(choices)
    first = choices[0]
    assert groups.matching[0].label.startswith(f"{first.name} · {first.organization}")
    assert all(option.key == option.key.lower() for option in groups.other)
    closed = f"({Translator('es')('Temporarily closed')})"
    assert any(o.label.endswith(closed) for o in groups.matching + groups.other)


def test_the_walk_in_form_speaks_to_the_volunteer() -> None:
    """Issue 14: the desk's registration page said "Your name" and "I agree" to the volunteer."""
    _ = Assisted("es")
    assert _("Name or alias") == "Su nombre o apodo"
    assert _("Register at the centre") == "Registrar a alguien"
    assert _("Phone") == Translator("es")("Phone")  # what is not swapped is translated as usual


def test_every_message_the_walk_in_form_swaps_is_still_in_the_code() -> None:
    """If the public form's wording changes, its desk wording must change too (else the desk
    silently speaks to the migrant again)."""
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        used = {message.id for message in read_po(handle)}
    assert set(WORDS) <= used, set(WORDS) - used
    assert set(WORDS.values()) <= used


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_a_walk_in_refused_for_consent_is_explained_to_the_volunteer(locale: str) -> None:
    """At the desk the server's answer speaks about the person too, not to them."""
    from rxapp.registration import submission

    form = {"draft_id": "deskdraft000000000001", "locale": locale, "name": "Ana", "needs": ["food"]}
    at_desk = submission.receive({**form, "consent": False}, "", staff_id="7")
    public = submission.receive({**form, "consent": False}, "203.0.113.7")
    assert at_desk["errors"]["consent"] == Assisted(locale)(
        "Without your agreement we cannot register you. Nothing has been saved."
    )
    assert at_desk["errors"]["consent"] != public["errors"]["consent"]
