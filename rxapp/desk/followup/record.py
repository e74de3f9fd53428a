"""Follow-up on the open record (issue 19): a day for the desk to look at it again with a note
saying why (desk-only), and the person's appointments (shown on their own page, in the words
the volunteer wrote them for the person).

The handlers live on a substate of the queue's state: the open record, its forms' errors and
keys are the queue's (``QueueState.plan_errors``, ``plan_key``), cleared with the record.
Each form keeps what was typed until the save succeeds; a refusal shows beside its field.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from pydantic import BaseModel, Field
from reflex.vars import ObjectVar

from rxapp.access import Desk, desk_event
from rxapp.components.desk import PRIMARY, SECONDARY
from rxapp.components.form import INPUT, described, error, field
from rxapp.components.style import either
from rxapp.desk.followup import display as plan
from rxapp.desk.followup.rows import AppointmentRow, FollowUp
from rxapp.desk.queue.rows import OpenRecord, ReferralOptions, ServiceOption
from rxapp.desk.queue.state import QueueState
from rxapp.i18n.catalogs import Translator
from rxapp.models import utcnow
from rxapp.models.followup import BRING_MAX, NOTE_MAX, PLACE_MAX
from rxapp.services.followup import appointments, followups, inputs
from rxapp.services.followup.inputs import AppointmentInput, FollowUpError, FollowUpInput, FollowUpProblem
from rxapp.settings import get_settings

PAST = "space-y-1 border-s-4 border-slate-300 ps-3 text-slate-600"
CURRENT = "space-y-1 border-s-4 border-teal-700 ps-3"
FOLLOW, BOOK = "fu.", "ap."  # the two forms' keys in ``plan_errors``


class AppointmentChoice(BaseModel):
    """One of the open record's appointments."""

    appointment_id: int = Field(gt=0)


def _follow_up(desk: Desk) -> Any:
    def save(record_id: int, data: FollowUpInput) -> None:
        followups.set_follow_up(session=desk.session, registration_id=record_id, data=data,
                                actor=desk.actor, now=utcnow(), tz=get_settings().tz)  # fmt: skip

    return save


class RecordPlanState(QueueState):
    """Follow-up date and appointments of the open record (the queue's record and forms)."""

    async def _save(self, desk: Desk, prefix: str, model: type[BaseModel], raw: Any, save: Any) -> bool:
        """Validate ``raw``, call ``save(queue, record_id, data)``; show problems beside the
        form's fields (``prefix``), or the record as saved. A record gone is said at the top."""
        queue = await self.get_state(QueueState)
        record_id = queue._opened_id
        if not record_id:
            return False
        # Reflex's form also sends each control by its id ("f-ap.place"): read the names only.
        named = {name: raw.get(name, "") for name in model.model_fields} if isinstance(raw, dict) else raw
        data, problems = inputs.validate(model, named)
        if data is not None:
            try:
                save(record_id, data)
            except FollowUpError as refused:
                if refused.problem == FollowUpProblem.NOT_FOUND:
                    raise
                problems = {refused.field: refused.problem}
        others = {k: v for k, v in queue.plan_errors.items() if not k.startswith(prefix)}
        if problems:
            queue.plan_errors = others | plan.problem_words(prefix, problems, desk._)
            return False
        queue.plan_errors, queue.desk_error = others, ""
        queue._reopen(desk, record_id)
        queue._refresh(desk)
        return True

    @rx.event
    @desk_event()
    async def set_follow_up(self, desk: Desk, form: dict[str, Any]) -> None:
        """Set the record's follow-up day and the desk's note (an empty day clears both)."""
        await self._save(desk, FOLLOW, FollowUpInput, form, _follow_up(desk))

    @rx.event
    @desk_event()
    async def clear_follow_up(self, desk: Desk) -> None:
        """Take the record off the follow-up lists."""
        await self._save(desk, FOLLOW, FollowUpInput, {}, _follow_up(desk))

    @rx.event
    @desk_event()
    async def add_appointment(self, desk: Desk, form: dict[str, Any]) -> None:
        """Add an appointment for the person: it shows on their own page with reminders."""

        def save(record_id: int, data: AppointmentInput) -> None:
            appointments.add(session=desk.session, registration_id=record_id, data=data,
                             actor=desk.actor, now=utcnow(), tz=get_settings().tz)  # fmt: skip

        if await self._save(desk, BOOK, AppointmentInput, form, save):
            queue = await self.get_state(QueueState)
            queue.plan_key = queue._form_key(queue._opened_id)

    @rx.event
    @desk_event(AppointmentChoice, args=("appointment_id",))
    async def remove_appointment(self, desk: Desk, data: AppointmentChoice) -> None:
        """Remove one of the record's appointments (gone from their page at its next poll)."""
        queue = await self.get_state(QueueState)
        record_id = queue._opened_id
        if not record_id:
            return
        appointments.remove(session=desk.session, registration_id=record_id,
                            appointment_id=data.appointment_id, actor=desk.actor, now=utcnow())  # fmt: skip
        queue._reopen(desk, record_id)
        queue._refresh(desk)


ERRORS: ObjectVar[dict[str, str]] = QueueState.plan_errors.to(ObjectVar, dict[str, str])


def _opened() -> ObjectVar[OpenRecord]:
    return QueueState.opened.to(ObjectVar, OpenRecord)


def _summary(key: str) -> rx.Component:
    return error(ERRORS, key)


def follow_up_form(_: Translator) -> rx.Component:
    """The desk's follow-up: the day and why; shown in the Follow-up page's lists."""
    current = _opened().follow_up.to(ObjectVar, FollowUp)
    return rx.el.section(
        rx.el.h3(_("Follow-up (for the desk)"), class_name="font-bold"),
        rx.cond(
            current.on,
            rx.el.p(
                rx.icon("calendar-clock", size=18, aria_hidden="true", class_name="shrink-0"),
                _("Follow up on:"), " ", current.on,
                class_name="flex items-center gap-1.5 font-semibold",
                data_testid="follow-up-on",
            ),
        ),
        rx.el.form(
            field(_("Day to follow up"), _("It shows in Follow-up on that day, and as overdue after it."),
                  rx.el.input(id=f"f-{FOLLOW}on", name="on", type="date", default_value=current.value,
                              class_name=f"{INPUT} max-w-xs", **described(ERRORS, f"{FOLLOW}on")),
                  ERRORS, f"{FOLLOW}on"),
            field(_("Why (for the desk, never shown to the person)"), "",
                  rx.el.textarea(id=f"f-{FOLLOW}note", name="note", rows=2, max_length=NOTE_MAX, dir="auto",
                                 default_value=current.note, class_name=INPUT, **described(ERRORS, f"{FOLLOW}note")),
                  ERRORS, f"{FOLLOW}note"),
            _summary(f"{FOLLOW}form"),
            rx.el.div(
                rx.el.button(_("Save follow-up"), type="submit", class_name=PRIMARY, data_testid="save-follow-up"),
                rx.cond(current.on, rx.el.button(_("No follow-up"), type="button", on_click=RecordPlanState.clear_follow_up,
                                                 class_name=SECONDARY, data_testid="clear-follow-up")),
                class_name="flex flex-wrap gap-2",
            ),
            on_submit=RecordPlanState.set_follow_up,
            key=QueueState.plan_key + current.value.to(str) + current.note.to(str),
            class_name="space-y-2",
        ),
        class_name="space-y-2",
        data_testid="follow-up",
    )  # fmt: skip


def _appointment(row: ObjectVar[AppointmentRow], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            rx.el.span(row.when, class_name="font-semibold"),
            rx.cond(row.past, rx.el.span(" · ", _("Past"), class_name="text-slate-600")),
        ),
        rx.el.p(rx.el.bdi(row.what), rx.cond(row.place, rx.fragment(" · ", rx.el.bdi(row.place)))),
        rx.cond(row.bring, rx.el.p(_("Bring:"), " ", rx.el.bdi(row.bring), class_name="text-sm")),
        rx.cond(row.note, rx.el.p(_("For the person:"), " ", rx.el.bdi(row.note), class_name="text-sm")),
        rx.el.button(
            _("Remove"),
            type="button",
            on_click=RecordPlanState.remove_appointment(row.id),
            aria_label=_("Remove the appointment of") + " " + row.when.to(str),
            class_name=SECONDARY,
            data_testid="remove-appointment",
        ),
        class_name=either(row.past, PAST, CURRENT),
    )


def _option(choice: ObjectVar[ServiceOption]) -> rx.Component:
    return rx.el.option(choice.label, value=choice.slug)


def appointments_form(_: Translator) -> rx.Component:
    """The person's appointments and the form that adds one."""
    rows = _opened().appointments.to(list[AppointmentRow])
    choices = QueueState.choices.to(ObjectVar, ReferralOptions)
    matching, other = choices.matching.to(list[ServiceOption]), choices.other.to(list[ServiceOption])
    service = rx.el.select(
        rx.el.option(_("No service: a place written below"), value=""),
        rx.cond(matching.length() > 0, rx.el.optgroup(rx.foreach(matching, _option), label=_("For the person's needs"))),
        rx.el.optgroup(rx.foreach(other, _option), label=_("Other services")),
        id=f"f-{BOOK}service", name="service", class_name=INPUT, **described(ERRORS, f"{BOOK}service"),
    )  # fmt: skip

    def text(name: str, label: str, hint: str, limit: int) -> rx.Component:
        box = rx.el.input(id=f"f-{BOOK}{name}", name=name, max_length=limit, dir="auto", class_name=INPUT,
                          **described(ERRORS, f"{BOOK}{name}"))  # fmt: skip
        return field(label, hint, box, ERRORS, f"{BOOK}{name}")

    starts = rx.el.input(id=f"f-{BOOK}starts_at", name="starts_at", type="datetime-local",
                         class_name=f"{INPUT} max-w-xs", **described(ERRORS, f"{BOOK}starts_at"))  # fmt: skip
    return rx.el.section(
        rx.el.h3(_("Appointments (on the person's page)"), class_name="font-bold"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, lambda row: _appointment(row, _)), class_name="space-y-2", data_testid="appointments"),
            rx.el.p(_("No appointments yet."), class_name="text-slate-600"),
        ),
        rx.el.form(
            field(_("Service"), _("Or leave it and write the place."), service, ERRORS, f"{BOOK}service"),
            text("place", _("Place"), _("Where to go, if no service is chosen or it is somewhere else."), PLACE_MAX),
            field(_("Day and time"), "", starts, ERRORS, f"{BOOK}starts_at"),
            text("bring", _("What to bring"), _("In the person's language."), BRING_MAX),
            text("note", _("A note for the person (optional)"), _("In the person's language."), NOTE_MAX),
            _summary(f"{BOOK}form"),
            rx.el.button(_("Add appointment"), type="submit", class_name=PRIMARY, data_testid="add-appointment"),
            on_submit=RecordPlanState.add_appointment,
            key=QueueState.plan_key,
            class_name="space-y-2 rounded-xl border border-slate-200 p-3",
            data_testid="appointment-form",
        ),
        class_name="space-y-2",
    )  # fmt: skip
