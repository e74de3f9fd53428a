"""What a volunteer does to the open record: its status (closing unreferred asks first), a
note, a referral. Each form says what went wrong next to itself and keeps what was typed
until the save succeeds."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.desk import PRIMARY, SECONDARY
from rxapp.components.form import INPUT, LABEL
from rxapp.components.style import either
from rxapp.desk.formats import STATUSES
from rxapp.desk.queue.inputs import PROBLEMS
from rxapp.desk.queue.rows import OpenRecord, ReferField, ReferralOptions, ServiceOption
from rxapp.desk.queue.state import QueueState
from rxapp.i18n.catalogs import Translator
from rxapp.models import RegistrationStatus
from rxapp.services.records import DeskProblem

ERROR = "flex items-center gap-1.5 font-semibold text-red-800 empty:hidden"
AGREE = "flex items-center gap-2 min-h-11 px-2 rounded-xl border-2"


def form_error(message: rx.Var[str] | str, element_id: str) -> rx.Component:
    """A form's error beside it: always in the page (the fields point at it), read out when it
    appears."""
    return rx.el.p(
        rx.cond(message, rx.fragment(rx.icon("circle-alert", size=18, aria_hidden="true"), message)),
        id=element_id,
        role="alert",
        class_name=ERROR,
        data_testid=element_id,
    )


def _close_warning(_: Translator) -> rx.Component:
    return rx.cond(
        QueueState.ask_close,
        rx.el.div(
            rx.el.p(
                rx.icon("triangle-alert", size=20, aria_hidden="true", class_name="shrink-0"),
                _(PROBLEMS[DeskProblem.NO_REFERRAL]),
                class_name="flex items-center gap-2 font-semibold",
            ),
            rx.el.div(
                rx.el.button(
                    _("Close anyway"),
                    type="button",
                    on_click=QueueState.close_anyway,
                    class_name=PRIMARY,
                    data_testid="close-anyway",
                ),
                rx.el.button(
                    _("Keep it open"),
                    type="button",
                    on_click=QueueState.keep_open,
                    class_name=SECONDARY,
                    data_testid="keep-open",
                ),
                class_name="flex flex-wrap gap-2",
            ),
            role="alert",
            class_name="space-y-2 rounded-xl bg-amber-50 border-2 border-amber-500 p-3",
            data_testid="close-warning",
        ),
    )


def _statuses(_: Translator) -> rx.Component:
    status = QueueState.opened.to(ObjectVar, OpenRecord).status.to(str)
    return rx.el.div(
        rx.el.div(
            *[
                rx.el.button(
                    _(STATUSES[s]),
                    type="button",
                    on_click=QueueState.set_status(s.value),
                    disabled=status == s.value,
                    class_name=f"{SECONDARY} disabled:bg-teal-800 disabled:text-white disabled:border-teal-800",
                    data_testid=f"status-{s.value}",
                )
                for s in RegistrationStatus
            ],
            role="group",
            aria_label=_("Change the status"),
            class_name="flex flex-wrap gap-2",
        ),
        _close_warning(_),
        class_name="space-y-2",
    )


def _note(_: Translator) -> rx.Component:
    return rx.el.form(
        rx.el.label(_("Add a note"), html_for="desk-note", class_name=LABEL),
        rx.el.textarea(
            id="desk-note",
            name="text",
            rows=3,
            class_name=INPUT + " py-2",
            aria_describedby="note-error",
            aria_invalid=either(QueueState.note_error, "true", "false"),
        ),
        form_error(QueueState.note_error, "note-error"),
        rx.el.button(_("Save note"), type="submit", class_name=PRIMARY, data_testid="save-note"),
        on_submit=QueueState.add_note,
        key=QueueState.note_key,
        class_name="space-y-2",
    )


def _option(choice: ObjectVar[ServiceOption]) -> rx.Component:
    return rx.el.option(choice.label, value=choice.slug, data_key=choice.key)


def _invalid(field: ReferField) -> rx.Var[str]:
    return either(QueueState.refer_field == field, "true", "false")


def _referral(_: Translator) -> rx.Component:
    choices = QueueState.choices.to(ObjectVar, ReferralOptions)
    matching, other = choices.matching.to(list[ServiceOption]), choices.other.to(list[ServiceOption])
    return rx.el.div(
        rx.el.label(_("Refer to a service"), html_for="desk-service", class_name=LABEL),
        # Outside the form: Enter in the filter box does not send the referral.
        rx.el.input(
            type="search",
            id="desk-service-filter",
            placeholder=_("Find a service or organisation"),
            aria_label=_("Find a service or organisation"),
            aria_controls="desk-service",
            auto_complete="off",
            data_paso_filter="desk-service",  # assets/paso/desk.js hides the options that do not match
            class_name=INPUT,
            data_testid="service-filter",
        ),
        rx.el.form(
            rx.el.select(
                rx.el.option(_("Choose a service"), value=""),
                rx.cond(
                    matching.length() > 0,
                    rx.el.optgroup(
                        rx.foreach(matching, _option),
                        label=_("For the person's needs"),
                    ),
                ),
                rx.el.optgroup(
                    rx.foreach(other, _option),
                    label=_("Other services"),
                ),
                id="desk-service",
                name="service",
                aria_describedby="refer-error",
                aria_invalid=_invalid(ReferField.SERVICE),
                class_name=INPUT,
            ),
            rx.el.label(
                rx.el.input(
                    type="checkbox",
                    name="consented",
                    class_name="size-6 accent-teal-800",
                    aria_describedby="refer-error",
                    aria_invalid=_invalid(ReferField.CONSENT),
                ),
                _("The person agrees to be referred to this service"),
                class_name=either(
                    QueueState.refer_field == ReferField.CONSENT,
                    f"{AGREE} border-red-700 bg-red-50",
                    f"{AGREE} border-transparent",
                ),
            ),
            rx.el.label(_("A note for the person (optional)"), html_for="desk-refer-note", class_name=LABEL),
            rx.el.p(
                _("In their language: it shows on their own page, with the service's address and hours."),
                id="desk-refer-note-hint",
                class_name="text-sm text-slate-700",
            ),
            rx.el.textarea(
                id="desk-refer-note",
                name="note",
                max_length=500,
                rows=2,
                dir="auto",
                aria_describedby="desk-refer-note-hint",
                class_name=INPUT,
                data_testid="refer-note",
            ),
            form_error(QueueState.refer_error, "refer-error"),
            rx.el.button(_("Save referral"), type="submit", class_name=PRIMARY, data_testid="save-referral"),
            on_submit=QueueState.refer,
            class_name="space-y-2",
        ),
        # A new key after a saved referral or for another record: an empty form and filter.
        key=QueueState.refer_key,
        class_name="space-y-2",
        data_testid="referral-form",
    )


def _call(_: Translator) -> rx.Component:
    """Call the person to a desk: their own page and the waiting room say so (issue 19)."""
    return rx.el.form(
        rx.el.label(_("Call to desk"), html_for="desk-number", class_name=LABEL),
        rx.el.div(
            rx.el.select(
                *[rx.el.option(str(n), value=str(n)) for n in range(1, 10)],
                id="desk-number",
                name="desk_number",
                class_name=f"{INPUT} max-w-28",
            ),
            rx.el.button(_("Call"), type="submit", class_name=PRIMARY, data_testid="call-to-desk"),
            class_name="flex flex-wrap items-center gap-2",
        ),
        on_submit=QueueState.call_to_desk,
        class_name="space-y-1",
        data_testid="call-form",
    )


def actions(_: Translator) -> rx.Component:
    """The status buttons, calling to a desk, the note form and the referral form."""
    return rx.el.div(_statuses(_), _call(_), _note(_), _referral(_), class_name="space-y-4")
