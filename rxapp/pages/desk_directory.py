"""The directory's services for coordinators: search, status, last verified, "verified today",
and the way to each service's form and translations."""

from __future__ import annotations

from typing import Any

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session

from rxapp import routes
from rxapp.components.desk import CARD, PRIMARY, SECONDARY, alert, badge
from rxapp.components.form import INPUT
from rxapp.desk import frame
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role, utcnow
from rxapp.pages.desk_edit_display import PROBLEMS, service_row
from rxapp.services import editing, editing_views
from rxapp.services.clock import local_day
from rxapp.services.db import engine
from rxapp.services.editing import EditError
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

TONES = {
    "active": "bg-teal-100 text-teal-900",
    "temporarily_closed": "bg-amber-100 text-amber-900",
    "inactive": "bg-slate-200 text-slate-800",
}


class ServiceQuery(BaseModel):
    """The search box."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    query: str = Field(default="", max_length=100)


class ServiceChoice(BaseModel):
    """A service picked in the list."""

    id: int = Field(gt=0)


class DirectoryState(DeskState):
    """The services shown in the list and the result of the last action."""

    services: list[dict[str, str]] = []
    service_query: str = ""
    list_error: str = ""
    list_message: str = ""

    def _list(self, session: Session) -> None:
        today = local_day(utcnow(), get_settings().tz)
        _ = self._t()
        rows = editing_views.service_rows(session=session, query=self.service_query)
        self.services = [service_row(row, today, _) for row in rows]

    @rx.event
    async def load(self) -> None:
        """On load: every service, for coordinators."""
        if await self._staff(Role.COORDINATOR) is None:
            self.services = []
            return
        self.list_error = self.list_message = ""
        with Session(engine()) as session:
            self._list(session)

    @rx.event
    async def search(self, form: dict[str, Any]) -> None:
        """Services whose name (in any language) or organization matches."""
        if await self._staff(Role.COORDINATOR) is None:
            return
        try:
            self.service_query = ServiceQuery.model_validate(form).query
        except ValidationError:
            self.list_error = self._t()(N_("The search is too long."))
            return
        self.list_error = self.list_message = ""
        with Session(engine()) as session:
            self._list(session)

    @rx.event
    async def verify(self, service_id: int) -> None:
        """Someone checked this service's information today."""
        if await self._staff(Role.COORDINATOR) is None:
            return
        _ = self._t()
        try:
            chosen = ServiceChoice.model_validate({"id": service_id}).id
            with Session(engine()) as session:
                editing.mark_verified(session=session, service_id=chosen, now=utcnow(), tz=get_settings().tz)
                self._list(session)
        except ValidationError:
            return
        except EditError as error:
            self.list_error, self.list_message = _(PROBLEMS[error.problem]), ""
            return
        self.list_error, self.list_message = "", _("Marked as verified today.")


def _row(row: rx.Var[dict[str, str]], _: Translator) -> rx.Component:
    return rx.el.tr(
        rx.el.td(
            rx.el.a(
                rx.el.bdi(row["name"]), href=row["edit"], class_name="font-semibold text-teal-900 underline"
            ),
            rx.el.div(
                rx.el.bdi(row["organization"]),
                rx.cond(row["sample"], rx.el.span(" · ", _("Sample data"), class_name="text-amber-800")),
                class_name="text-sm text-slate-700",
            ),
            class_name="p-2",
        ),
        rx.el.td(badge(row["status"], row["status_label"], TONES), class_name="p-2"),
        rx.el.td(row["verified"], class_name="p-2 text-sm whitespace-nowrap"),
        rx.el.td(
            rx.el.div(
                rx.el.button(
                    rx.icon("badge-check", size=18, aria_hidden="true"),
                    _("Verified today"),
                    type="button",
                    disabled=row["today"].to(bool),
                    on_click=DirectoryState.verify(row["id"].to(int)),
                    class_name=f"{SECONDARY} disabled:opacity-50",
                    data_testid="verify",
                ),
                rx.el.a(_("Translations"), href=row["translations"], class_name=SECONDARY),
                class_name="flex flex-wrap gap-2",
            ),
            class_name="p-2",
        ),
        class_name="border-t border-slate-200 align-top",
        data_testid="service-row",
    )


def directory_page(locale: str) -> rx.Component:
    """Every service, to find one and edit it."""
    _ = Translator(locale)
    head = [_("Service"), _("Status"), _("Last verified"), _("Actions")]
    content = rx.el.div(
        rx.el.div(
            rx.el.form(
                rx.el.label(_("Search services"), html_for="service-query", class_name="sr-only"),
                rx.el.input(
                    id="service-query",
                    name="query",
                    type="search",
                    placeholder=_("Name of a service or organization"),
                    class_name=INPUT,
                ),
                rx.el.button(_("Search"), type="submit", class_name=PRIMARY),
                on_submit=DirectoryState.search,
                class_name="flex gap-2 flex-1 min-w-64",
            ),
            rx.el.a(
                rx.icon("plus", size=18, aria_hidden="true"),
                _("New service"),
                href=routes.desk_service(locale),
                class_name=PRIMARY,
                data_testid="new-service",
            ),
            class_name="flex flex-wrap gap-3 items-center",
        ),
        alert(DirectoryState.list_error, "list-error"),
        rx.cond(
            DirectoryState.list_message,
            rx.el.p(
                DirectoryState.list_message,
                role="status",
                class_name="rounded-xl bg-green-50 border-2 border-green-700 p-3 font-semibold",
            ),
        ),
        rx.el.div(
            rx.el.table(
                rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col", class_name="p-2 text-start") for h in head])),
                rx.el.tbody(rx.foreach(DirectoryState.services, lambda row: _row(row, _))),
                class_name="w-full",
            ),
            class_name=f"{CARD} overflow-x-auto",
        ),
        class_name="space-y-4",
    )
    return frame.frame(
        locale,
        rx.el.h1(_("Directory"), class_name="text-2xl font-bold mb-4"),
        rx.cond(
            DeskState.role == Role.COORDINATOR.value,
            content,
            rx.el.p(_("Only coordinators edit the directory."), class_name="p-6"),
        ),
        active="desk_directory",
        same_page=routes.desk_directory,
    )
