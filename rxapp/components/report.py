"""The "report wrong information" form of a service page. Public pages open no websocket:
``assets/paso/report.js`` sends it by a plain ``fetch`` POST to ``routes.REPORT`` and sets
the ``pasoreport`` client state; every word shown comes from here, in the page's language."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import client
from rxapp.components.form import HINT, INPUT, LABEL, choice
from rxapp.components.style import FOCUS, either
from rxapp.i18n.catalogs import Translator
from rxapp.services.feedback import COMMENT_MAX, ReportProblem

BUTTON = f"inline-flex items-center justify-center gap-2 min-h-12 px-4 rounded-xl font-semibold {FOCUS}"


class ReportPhase(StrEnum):
    """Where a report stands (``assets/paso/report.js`` moves it)."""

    IDLE = "idle"
    CHOOSE = "choose"  # sent without a problem chosen
    SENDING = "sending"
    SENT = "sent"
    LIMITED = "limited"  # too many reports from this network
    ERROR = "error"


@dataclass(frozen=True)
class Report:
    """The ``pasoreport`` client state: the service a report concerns and its phase."""

    slug: str = ""
    phase: ReportPhase = ReportPhase.IDLE


report = ClientStateVar.create("pasoreport", asdict(Report()))


def problems(_: Translator) -> list[tuple[ReportProblem, str]]:
    """Each problem a reader can pick, worded in the page's language."""
    return [
        (ReportProblem.CLOSED, _("It is closed or no longer exists")),
        (ReportProblem.HOURS, _("The opening hours are wrong")),
        (ReportProblem.PHONE, _("The phone number is wrong")),
        (ReportProblem.ADDRESS, _("The address or directions are wrong")),
        (ReportProblem.COST_OR_RULES, _("The cost or who can use it is wrong")),
        (ReportProblem.OTHER, _("Something else")),
    ]


def send() -> client.Function:
    """The form's submit: Reflex passes the form's fields (the form keeps what was typed)."""
    return client.call("pasoReport", routes.REPORT, event=True)


def _message(phase: rx.Var[str], _: Translator) -> rx.Component:
    """The outcome, in a live region that is always there (so it is announced)."""
    return rx.el.p(
        rx.match(
            phase,
            (ReportPhase.SENT, _("Thank you. The centre will check this information.")),
            (ReportPhase.ERROR, _("Could not send. Check your connection and try again.")),
            (ReportPhase.LIMITED, _("Too many reports from this network. Try again later.")),
            (ReportPhase.CHOOSE, _("Choose what is wrong.")),
            (ReportPhase.SENDING, _("Sending…")),
            "",
        ),
        id="report-status",
        tab_index=-1,
        role="status",
        class_name=either(
            phase == ReportPhase.SENT,
            "font-semibold text-green-900 empty:hidden",
            either(phase == ReportPhase.SENDING, "text-slate-700", "font-semibold text-red-800 empty:hidden"),
        ),
        data_testid="report-status",
    )


def report_form(slug: rx.Var[str], locale: str, _: Translator) -> rx.Component:
    """A closed "Report wrong information" that opens into a short form; asks for no personal data."""
    shown = report.value.to(ObjectVar, Report)
    phase = either(shown.slug == slug, shown.phase, ReportPhase.IDLE)
    form = rx.el.form(
        rx.el.input(type="hidden", name="service", value=slug),
        rx.el.input(type="hidden", name="locale", value=locale),
        rx.el.fieldset(
            rx.el.fieldset(
                rx.el.legend(_("What is wrong?"), class_name=LABEL),
                *[choice("problem", problem.value, text, kind="radio") for problem, text in problems(_)],
                class_name="space-y-2",
            ),
            rx.el.div(
                rx.el.label(_("Comment (optional)"), html_for="report-comment", class_name=LABEL),
                rx.el.p(_("Do not write names or phone numbers."), id="report-hint", class_name=HINT),
                rx.el.textarea(
                    id="report-comment",
                    name="comment",
                    rows=3,
                    max_length=COMMENT_MAX,
                    aria_describedby="report-hint",
                    class_name=f"{INPUT} py-2",
                ),
                class_name="space-y-1",
            ),
            disabled=phase == ReportPhase.SENDING,
            class_name="space-y-4 disabled:opacity-70",
        ),
        rx.el.button(
            _("Send report"),
            type="submit",
            disabled=phase == ReportPhase.SENDING,
            class_name=f"{BUTTON} w-full bg-teal-800 text-white disabled:bg-slate-400",
        ),
        on_submit=send(),
        no_validate=True,
        hidden=phase == ReportPhase.SENT,
        class_name="space-y-4",
    )
    return rx.el.details(
        rx.el.summary(
            rx.icon("flag", size=18, aria_hidden="true"),
            _("Report wrong information"),
            class_name=f"inline-flex items-center gap-1.5 min-h-12 cursor-pointer font-semibold "
            f"text-teal-900 underline {FOCUS}",
        ),
        rx.el.div(form, _message(phase, _), class_name="space-y-3 pt-2"),
        # A new service (client-side navigation) gets a fresh, closed form.
        key=slug,
        class_name="text-base",
        data_testid="report",
    )
