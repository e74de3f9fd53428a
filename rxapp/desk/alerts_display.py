"""Alerts as the desk shows them: labels, problems, lines and the one-tap states of a service
row, in the desk's language. Plain functions to small typed rows (what Reflex state sends); no
Reflex import, so they are unit-tested directly. Shared by the Alerts page and the directory list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rxapp import routes
from rxapp.access import words
from rxapp.desk.formats import when
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.models import AlertKind, AlertUrgency
from rxapp.services.alerts import FORM, TEMPLATES, AlertProblem, AlertView, Showing
from rxapp.taxonomy import N_

KINDS: dict[AlertKind, str] = {
    AlertKind.MESSAGE: N_("Free text"),
    AlertKind.FULL_TONIGHT: N_("Full tonight"),
    AlertKind.CLOSED_TODAY: N_("Closed today"),
    AlertKind.OFFICE_CLOSED: N_("Office closed"),
    AlertKind.VACCINATION: N_("Vaccination day"),
    AlertKind.SCAM: N_("Scam going round"),
    AlertKind.ROAD_DANGER: N_("Danger on the road"),
}
ICONS: dict[AlertKind, str] = {  # lucide
    AlertKind.FULL_TONIGHT: "bed-double",
    AlertKind.CLOSED_TODAY: "door-closed",
    AlertKind.OFFICE_CLOSED: "landmark",
    AlertKind.VACCINATION: "syringe",
    AlertKind.SCAM: "shield-alert",
    AlertKind.ROAD_DANGER: "triangle-alert",
}
URGENCIES: dict[AlertUrgency, str] = {AlertUrgency.URGENT: N_("Urgent"), AlertUrgency.INFO: N_("Information")}
BLANKS: dict[str, str] = {
    "service": N_("Service"),
    "date": N_("Date"),
    "place": N_("Place"),
    "office": N_("Office"),
    "what": N_("What is happening"),
}
# Registered with the desk's refusals: an AlertError raised in a desk handler is worded from here.
PROBLEMS: Mapping[AlertProblem, str] = words(
    {
        AlertProblem.REQUIRED: N_("Write this, it cannot be empty."),
        AlertProblem.TOO_LONG: N_("This is too long: shorten it."),
        AlertProblem.INVALID_CHOICE: N_("Choose from the list."),
        AlertProblem.BAD_DATE: N_("Write a date."),
        AlertProblem.BAD_MOMENT: N_("Write a date and a time."),
        AlertProblem.ENDS_BEFORE_START: N_("The end must come after the start."),
        AlertProblem.ALREADY_ENDED: N_("This is already past: an alert must end later than now."),
        AlertProblem.TOO_FAR: N_("An alert lasts at most 92 days."),
        AlertProblem.ONE_SERVICE: N_("Choose one service."),
        AlertProblem.NOT_FOUND: N_("This is no longer in the directory. Reload the page."),
        AlertProblem.ENDED: N_("This alert has already ended."),
        AlertProblem.BAD_REQUEST: N_("The form could not be read. Try again."),
    }
)
CHECK_FIELDS = N_("Please correct the marked fields. Nothing you typed was lost.")


def problem_words(problems: Mapping[str, AlertProblem], _: Translator) -> dict[str, str]:
    """Each field's problem in the desk's language, plus a summary on ``FORM``."""
    found = {name: _(PROBLEMS[code]) for name, code in problems.items()}
    if len(found) > (1 if FORM in found else 0):
        found.setdefault(FORM, _(CHECK_FIELDS))
    return found


def alert_raw(form: Mapping[str, Any]) -> dict[str, Any]:
    """What an alert form sent, shaped for ``AlertInput`` (ticked services as a list of slugs)."""
    names = (
        "kind",
        "urgency",
        "starts_at",
        "ends_at",
        "source_locale",
        "title",
        "text",
        "date",
        "place",
        "office",
    )
    raw: dict[str, Any] = {name: form[name] for name in names if isinstance(form.get(name), str)}
    ticked = [name.split(".", 1)[1] for name, value in form.items() if name.startswith("services.") and value]
    chosen = form.get("service")
    raw["services"] = [chosen] if isinstance(chosen, str) and chosen else ticked
    return raw


@dataclass(frozen=True)
class TemplateButton:
    """A template as a big button, and the blanks its form asks for."""

    kind: str
    label: str
    icon: str
    words: str  # its sentence in the desk's language, blanks shown as "…"
    blanks: list[str]


def template_buttons(_: Translator) -> list[TemplateButton]:
    """Every template, in the desk's language."""
    dots = dict.fromkeys(("service", "date", "place", "office", "what"), "…")
    return [
        TemplateButton(
            kind=kind.value,
            label=_(KINDS[kind]),
            icon=ICONS[kind],
            words=_(t.words).format(**dots),
            blanks=list(t.blanks),
        )
        for kind, t in TEMPLATES.items()
    ]


@dataclass(frozen=True)
class AlertLine:
    """One alert in the desk's lists."""

    id: str
    urgency: str
    urgency_label: str
    kind_label: str
    title: str
    text: str
    lang: str
    dir: str
    language: str  # the language shown when it is not the desk's (a fallback), else ""
    scope: str  # the services' names, or "the whole centre"
    span: str  # from - until
    translations: str  # its translations page; "" when it has no text to translate


def alert_line(view: AlertView, _: Translator) -> AlertLine:
    """One alert, in the desk's language."""
    shown = info(view.lang)
    template = TEMPLATES.get(view.kind)
    has_text = template is None or "what" in template.blanks  # words for translators
    return AlertLine(
        id=view.id,
        urgency=view.urgency.value,
        urgency_label=_(URGENCIES[view.urgency]),
        kind_label=_(KINDS[view.kind]),
        title=view.title,
        text=view.text,
        lang=view.lang,
        dir=shown.direction,
        language=shown.native_name if view.lang != _.tag else "",
        scope=", ".join(view.service_names) if view.service_names else _("The whole centre"),
        span=f"{when(view.starts, _)} – {when(view.ends, _)}",
        translations=routes.desk_alert_translations(_.tag, view.id) if has_text else "",
    )


@dataclass(frozen=True)
class QuickLine:
    """A one-tap state showing on a service row: what, until when, and how to end it."""

    id: str
    label: str


def quick_lines(showing: Sequence[Showing], _: Translator, now: dt.datetime) -> list[QuickLine]:
    """The quick states showing on a service, e.g. "Full tonight until 3/12/26, 19:00"."""
    return [
        QuickLine(
            id=s.id, label=_("{state} until {time}").format(state=_(KINDS[s.kind]), time=when(s.ends, _))
        )
        for s in showing
        if s.kind in KINDS and s.ends > now
    ]
