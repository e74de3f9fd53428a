"""The Follow-up page (issue 19): records whose follow-up day has passed (overdue) or is today,
and the appointments of one day (today first; the previous and next days a tap away). "Open"
opens the record on the queue page. Names show: a read of the desk's data, logged like a view
of the queue."""

from __future__ import annotations

import datetime as dt

import reflex as rx
from pydantic import BaseModel, Field
from reflex.event import EventSpec
from reflex.vars import ArrayVar, ObjectVar

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import CARD, PRIMARY, SECONDARY, badge
from rxapp.components.form import INPUT, LABEL
from rxapp.desk import frame
from rxapp.desk.followup import display as plan
from rxapp.desk.followup.rows import AppointmentRow, DueRow
from rxapp.desk.formats import TONES
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import AuditAction, utcnow
from rxapp.services.clock import local_day
from rxapp.services.followup import appointments, followups
from rxapp.services.forms import Day
from rxapp.settings import get_settings
from rxapp.taxonomy import N_


class RecordChoice(BaseModel):
    """A record of the lists."""

    record_id: int = Field(gt=0)


class DayChoice(BaseModel):
    """The day whose appointments to list."""

    day: Day = Field(...)


class FollowUpState(DeskState):
    """What is due, and one day's appointments."""

    overdue: rx.Field[list[DueRow]] = rx.field(default_factory=list)
    due_today: rx.Field[list[DueRow]] = rx.field(default_factory=list)
    booked: rx.Field[list[AppointmentRow]] = rx.field(default_factory=list)
    day: rx.Field[str] = rx.field("")  # YYYY-MM-DD
    day_title: rx.Field[str] = rx.field("")
    previous_day: rx.Field[str] = rx.field("")
    next_day: rx.Field[str] = rx.field("")
    loaded: rx.Field[bool] = rx.field(False)
    problem: rx.Field[str] = rx.field("")

    def _list(self, desk: Desk, day: dt.date) -> None:
        now, tz, _ = utcnow(), get_settings().tz, desk._
        self.overdue = [
            plan.due(i, _) for i in followups.due(session=desk.session, kind="overdue", now=now, tz=tz)
        ]
        self.due_today = [
            plan.due(i, _) for i in followups.due(session=desk.session, kind="today", now=now, tz=tz)
        ]
        found = appointments.appointments_on(session=desk.session, day=day, tz=tz, locale=_.tag)
        self.booked = [plan.appointment(a, now, _, time_only=True) for a in found]
        self.day, self.day_title = day.isoformat(), plan.day_title(day, local_day(now, tz), _)
        self.previous_day = (day - dt.timedelta(days=1)).isoformat()
        self.next_day = (day + dt.timedelta(days=1)).isoformat()
        self.loaded, self.problem = True, ""
        shown = len(self.overdue) + len(self.due_today) + len(self.booked)
        desk.audit(AuditAction.QUEUE, detail=str(shown))  # as the queue logs a view: a count

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        self.problem = message

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: what is due, and today's appointments."""
        self._list(desk, local_day(utcnow(), get_settings().tz))

    @rx.event
    @desk_event(DayChoice, args=("day",), invalid=N_("Write a date."))
    async def show_day(self, desk: Desk, data: DayChoice) -> None:
        """The appointments of another day (the due lists are read again too)."""
        assert data.day is not None
        self._list(desk, data.day)

    @rx.event
    @desk_event(RecordChoice, args=("record_id",))
    async def open_record(self, desk: Desk, data: RecordChoice) -> EventSpec:
        """Go to the queue page, which opens this record as it loads (an audited read there)."""
        session = await self.get_state(DeskState)
        session._open_next = data.record_id
        return rx.redirect(routes.desk(desk._.tag))


def _open(record_id: rx.Var[int], code: rx.Var[str], _: Translator) -> rx.Component:
    return rx.el.button(
        _("Open"),
        type="button",
        on_click=FollowUpState.open_record(record_id),
        aria_label=_("Open") + " " + code.to(str),
        class_name=SECONDARY,
        data_testid="open-record",
    )


def _due(title: str, rows: ArrayVar[list[DueRow]], empty: str, testid: str, _: Translator) -> rx.Component:
    def row(item: ObjectVar[DueRow]) -> rx.Component:
        return rx.el.li(
            rx.el.div(
                rx.el.span(item.code, class_name="font-mono font-bold", dir="ltr"),
                badge(item.status, item.status_label, TONES),
                rx.el.span(item.on, class_name="text-sm text-slate-700"),
                class_name="flex flex-wrap items-center gap-2",
            ),
            rx.el.p(rx.el.bdi(item.name), class_name="text-lg font-semibold"),
            rx.cond(item.note, rx.el.p(rx.el.bdi(item.note), class_name="whitespace-pre-wrap")),
            _open(item.id, item.code, _),
            class_name="space-y-1 border-b border-slate-200 pb-3",
        )

    return rx.el.section(
        rx.el.h2(title, " (", rows.length().to_string(), ")", class_name="text-xl font-bold"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, row), class_name="space-y-3", data_testid=testid),
            rx.el.p(empty, class_name="text-slate-600"),
        ),
        class_name=f"{CARD} space-y-2",
    )


def _appointments(_: Translator) -> rx.Component:
    state = FollowUpState

    def row(item: ObjectVar[AppointmentRow]) -> rx.Component:
        return rx.el.li(
            rx.el.div(
                rx.el.span(item.when, class_name="text-lg font-bold", dir="ltr"),
                rx.el.span(item.code, class_name="font-mono font-bold", dir="ltr"),
                rx.el.bdi(item.name, class_name="font-semibold"),
                class_name="flex flex-wrap items-center gap-3",
            ),
            rx.el.p(rx.el.bdi(item.what), rx.cond(item.place, rx.fragment(" · ", rx.el.bdi(item.place)))),
            rx.cond(item.bring, rx.el.p(_("Bring:"), " ", rx.el.bdi(item.bring), class_name="text-sm")),
            _open(item.registration_id, item.code, _),
            class_name="space-y-1 border-b border-slate-200 pb-3",
        )

    pick = rx.el.form(
        rx.el.label(_("Day"), html_for="follow-up-day", class_name="sr-only"),
        rx.el.input(id="follow-up-day", name="day", type="date", default_value=state.day, class_name=f"{INPUT} w-48", key=state.day),
        rx.el.button(_("Show"), type="submit", class_name=PRIMARY),
        on_submit=lambda form: state.show_day(form.to(dict[str, str])["day"]),
        class_name="flex items-center gap-2",
    )  # fmt: skip
    return rx.el.section(
        rx.el.h2(_("Appointments"), class_name="text-xl font-bold"),
        rx.el.p(state.day_title, class_name=LABEL, data_testid="day-title"),
        rx.el.div(
            rx.el.button(
                rx.icon("chevron-left", size=18, aria_hidden="true", class_name="rtl:rotate-180"),
                _("Previous day"),
                type="button",
                on_click=state.show_day(state.previous_day),
                class_name=SECONDARY,
                data_testid="previous-day",
            ),
            rx.el.button(
                _("Next day"),
                rx.icon("chevron-right", size=18, aria_hidden="true", class_name="rtl:rotate-180"),
                type="button",
                on_click=state.show_day(state.next_day),
                class_name=SECONDARY,
                data_testid="next-day",
            ),
            pick,
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.cond(
            state.booked.length() > 0,
            rx.el.ul(rx.foreach(state.booked, row), class_name="space-y-3", data_testid="day-appointments"),
            rx.el.p(_("No appointments on this day."), class_name="text-slate-600"),
        ),
        class_name=f"{CARD} space-y-3",
    )


def follow_up_page(locale: str) -> rx.Component:
    """Overdue, due today, and a day's appointments."""
    _ = Translator(locale)
    state = FollowUpState
    return frame.frame(
        locale,
        rx.el.h1(_("Follow-up"), class_name="text-2xl font-bold mb-4"),
        rx.cond(
            state.problem,
            rx.el.p(
                state.problem, role="alert", class_name="font-semibold text-red-800", data_testid="problem"
            ),
        ),
        rx.el.div(
            _due(_("Overdue"), state.overdue.to(list[DueRow]), _("Nothing overdue."), "overdue", _),
            _due(_("Due today"), state.due_today.to(list[DueRow]), _("Nothing due today."), "due-today", _),
            _appointments(_),
            class_name="space-y-6",
        ),
        active="desk_follow_up",
        same_page=routes.desk_follow_up,
    )
