"""Alerts, for coordinators: post from a template in two taps (template, its blank, post) or in
free text, and see what is showing now, what is scheduled and what ended, with "end now".
The page's pieces are in ``alerts_form``; labels and lines in ``alerts_display``."""

from __future__ import annotations

from typing import Any, cast

import reflex as rx
from pydantic import BaseModel, ConfigDict, field_validator
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.desk import frame
from rxapp.desk.alerts_display import AlertLine, alert_line, alert_raw, problem_words
from rxapp.desk.alerts_form import ServiceOption, free_form, template_picker
from rxapp.desk.alerts_list import LineEvents, alert_list
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import AlertKind, Role, utcnow
from rxapp.services import alerts
from rxapp.services.alerts import FORM, AlertChoice, AlertDraft, AlertError, AlertInput
from rxapp.services.localize import service_names
from rxapp.settings import get_settings
from rxapp.taxonomy import N_


class TemplateChoice(BaseModel):
    """A template's button (None closes its form)."""

    model_config = ConfigDict(extra="forbid")
    kind: AlertKind | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _cancel(cls, value: Any) -> Any:
        return value or None  # "Cancel" sends ""


class AlertsState(DeskState):
    """The template being filled, the services to choose from, and the three lists."""

    chosen: rx.Field[str] = rx.field("")
    services: rx.Field[list[ServiceOption]] = rx.field(default_factory=list)
    current: rx.Field[list[AlertLine]] = rx.field(default_factory=list)
    scheduled: rx.Field[list[AlertLine]] = rx.field(default_factory=list)
    ended: rx.Field[list[AlertLine]] = rx.field(default_factory=list)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    message: rx.Field[str] = rx.field("")
    form_key: rx.Field[int] = rx.field(0)  # a new key empties the free-text form after a post
    editing: rx.Field[str] = rx.field("")  # the alert whose edit form is open (its public id)
    draft: rx.Field[AlertDraft | None] = rx.field(None)  # its fields, as the form starts

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        self.errors, self.message = {FORM: message}, ""

    def _list(self, desk: Desk) -> None:
        lists = alerts.desk_lists(session=desk.session, locale=desk._.tag, now=utcnow())
        self.current = [alert_line(v, desk._) for v in lists.current]
        self.scheduled = [alert_line(v, desk._) for v in lists.scheduled]
        self.ended = [alert_line(v, desk._) for v in lists.ended]

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: the services to choose from and every alert of the last 30 days."""
        names = service_names(session=desk.session, locale=desk._.tag)
        self.services = [
            ServiceOption(slug, name) for slug, name in sorted(names.items(), key=lambda p: p[1])
        ]
        self.chosen, self.errors, self.message = "", {}, ""
        self._list(desk)

    @rx.event
    @desk_event(TemplateChoice, args=("kind",))
    async def choose(self, desk: Desk, data: TemplateChoice) -> None:
        """Open a template's form (its blanks), or close it."""
        self.chosen = data.kind.value if data.kind else ""
        self.errors, self.message = {}, ""

    @rx.event
    @desk_event()
    async def post(self, desk: Desk, form: dict[str, Any]) -> None:
        """Post the alert; or show what to correct, keeping every input."""
        data, problems = alerts.validate(AlertInput, alert_raw(form))
        if data is not None:
            try:
                alerts.post(
                    session=desk.session, data=data, actor=desk.actor, now=utcnow(), tz=get_settings().tz
                )
            except AlertError as error:
                problems = {error.field: error.problem}
        if problems:
            form_of = "m." if form.get("kind", "message") == "message" else "t."  # which form shows them
            self.errors = {form_of + key: text for key, text in problem_words(problems, desk._).items()}
            self.message = ""
            return
        self.chosen, self.errors, self.form_key = "", {}, self.form_key + 1
        self.message = desk._(N_("Posted. Public pages show it within seconds."))
        self._list(desk)

    @rx.event
    @desk_event(AlertChoice, args=("alert",))
    async def open_edit(self, desk: Desk, data: AlertChoice) -> None:
        """Open an alert's edit form under its line, filled with what it says now."""
        self.draft = alerts.draft(session=desk.session, public_id=data.alert, tz=get_settings().tz)
        self.editing, self.errors, self.message = data.alert, {}, ""

    @rx.event
    @desk_event()
    async def close_edit(self, desk: Desk) -> None:
        """Close the edit form, changing nothing."""
        self.editing, self.draft, self.errors = "", None, {}

    @rx.event
    @desk_event()
    async def save_edit(self, desk: Desk, form: dict[str, Any]) -> None:
        """Save the open edit (urgency, times, words); or show what to correct, keeping every input."""
        if not self.editing:
            return
        raw = alerts.edited(desk.session, self.editing, form if isinstance(form, dict) else {})
        data, problems = alerts.validate(AlertInput, raw)
        if data is not None:
            try:
                alerts.edit(
                    session=desk.session, public_id=self.editing, data=data, actor=desk.actor,
                    now=utcnow(), tz=get_settings().tz,
                )  # fmt: skip
            except AlertError as error:
                problems = {error.field: error.problem}
        if problems:
            self.errors = {"e." + key: text for key, text in problem_words(problems, desk._).items()}
            return
        self.editing, self.draft, self.errors = "", None, {}
        self.message = desk._(N_("Changed. Public pages show it within seconds."))
        self._list(desk)

    @rx.event
    @desk_event(AlertChoice, args=("alert",))
    async def end_now(self, desk: Desk, data: AlertChoice) -> None:
        """End an alert now (it goes to the ended list and the public news)."""
        alerts.withdraw(session=desk.session, public_id=data.alert, actor=desk.actor, now=utcnow())
        if data.alert == self.editing:
            self.editing, self.draft = "", None
        self.errors, self.message = {}, desk._(N_("Ended. Public pages show it as ended."))
        self._list(desk)


# mypy reads a dict field's class access as an ArrayVar (Reflex 0.10's ``Field.__get__``
# overloads): the view reads it typed as the ObjectVar it is.
ERRORS = cast("ObjectVar[dict[str, str]]", AlertsState.errors)
DRAFT = cast("ObjectVar[AlertDraft]", AlertsState.draft)
EDITS = LineEvents(
    end_now=AlertsState.end_now,
    open_edit=AlertsState.open_edit,
    close_edit=AlertsState.close_edit,
    save_edit=AlertsState.save_edit,
    editing=AlertsState.editing,
    draft=DRAFT,
    errors=ERRORS,
)


def alerts_page(locale: str) -> rx.Component:
    """Templates, free text, and the lists of alerts."""
    _ = Translator(locale)
    state = AlertsState
    content = rx.el.div(
        rx.cond(
            state.message,
            rx.el.p(
                state.message,
                role="status",
                class_name="rounded-xl bg-green-50 border-2 border-green-700 p-3 font-semibold",
                data_testid="alerts-message",
            ),
        ),
        template_picker(_, state.chosen, state.choose, state.post, state.services, ERRORS),
        free_form(_, state.post, state.services, ERRORS, state.form_key),
        alert_list(_("Showing now"), state.current, _, EDITS, "current-alerts"),
        alert_list(_("Scheduled"), state.scheduled, _, EDITS, "scheduled-alerts"),
        alert_list(_("Ended in the last 30 days"), state.ended, _, None, "ended-alerts"),
        class_name="space-y-6",
        data_testid="alerts-page",
    )
    return frame.frame(
        locale,
        rx.el.h1(_("Alerts"), class_name="text-2xl font-bold mb-2"),
        rx.el.p(
            _("What changed today, for everyone who opens Paso: urgent alerts show on top of every page."),
            class_name="mb-4",
        ),
        rx.cond(
            DeskState.role == Role.COORDINATOR.value,
            content,
            rx.el.p(_("Only coordinators post alerts."), class_name="p-6"),
        ),
        active="desk_alerts",
        same_page=routes.desk_alerts,
    )
