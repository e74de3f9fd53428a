"""Alert templates: words that are interface msgids with named blanks, so a template alert is in
every locale the moment it is posted.

Which blanks are translated (decided for issue 18): a service's name comes from the directory
in the reader's locale; a date is written by Babel for the locale; a place's or an office's
name ("Tapachula", "COMAR") is a name and is shown as typed; the one free phrase (``what``, of
a scam or a danger on the road) is the alert's ``text`` and goes through the content
translation workflow like a free-text alert: until a locale has it, it shows in its source
language and the alert says so (``lang``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rxapp.i18n.catalogs import Translator
from rxapp.i18n.formatting import date_long
from rxapp.models.alerts import AlertKind, AlertUrgency
from rxapp.taxonomy import N_


@dataclass(frozen=True)
class Template:
    """A template: its words, the blanks the coordinator fills, its urgency and how long it lasts."""

    kind: AlertKind
    words: str  # msgid
    blanks: tuple[str, ...]  # of "service", "date", "place", "office", "what"
    urgency: AlertUrgency
    days: int = 0  # how long it lasts; 0: until the service's next opening, or the end of ``date``


TEMPLATES: dict[AlertKind, Template] = {
    t.kind: t
    for t in (
        Template(AlertKind.FULL_TONIGHT, N_("{service} is full tonight"), ("service",), AlertUrgency.URGENT),
        Template(AlertKind.CLOSED_TODAY, N_("{service} is closed today"), ("service",), AlertUrgency.INFO),
        Template(
            AlertKind.OFFICE_CLOSED,
            N_("The {office} office is closed on {date}"),
            ("office", "date"),
            AlertUrgency.INFO,
        ),
        Template(
            AlertKind.VACCINATION,
            N_("Vaccination day on {date} at {place}"),
            ("date", "place"),
            AlertUrgency.INFO,
        ),
        Template(
            AlertKind.SCAM,
            N_("Beware: a scam is going round: {what}"),
            ("what",),
            AlertUrgency.URGENT,
            days=7,
        ),
        Template(
            AlertKind.ROAD_DANGER,
            N_("Danger on the road to {place}: {what}"),
            ("place", "what"),
            AlertUrgency.URGENT,
            days=2,
        ),
    )
}
QUICK = (AlertKind.FULL_TONIGHT, AlertKind.CLOSED_TODAY)  # one tap on a service's row


def render(
    kind: AlertKind,
    locale: str,
    *,
    service: str = "",
    what: str = "",
    date: str = "",
    place: str = "",
    office: str = "",
) -> str:
    """A template's words in ``locale`` with its blanks filled (``date`` as ISO)."""
    words = TEMPLATES[kind].words
    values = {
        "service": service,
        "what": what,
        "place": place,
        "office": office,
        "date": date_long(dt.date.fromisoformat(date), locale) if date else "",
    }
    try:
        return Translator(locale)(words).format(**values)
    except (KeyError, IndexError, ValueError):  # a catalog's broken placeholder: never lose the alert
        return words.format(**values)
