"""The directory's services for coordinators: search, status, last verified, "verified today",
one-tap "full tonight" / "closed today" (with "end now" while one shows), and the way to each
service's form and translations."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import BUTTON, CARD, PRIMARY, SECONDARY, alert, badge
from rxapp.components.form import INPUT
from rxapp.components.style import either
from rxapp.desk import frame
from rxapp.desk.alerts_display import ICONS, KINDS, QuickLine
from rxapp.desk.directory_display import ServiceLine, service_row
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import AlertKind, Role, utcnow
from rxapp.services import alerts, editing, editing_views, review
from rxapp.services.alerts import AlertChoice, QuickState
from rxapp.services.clock import local_day
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


class ReviewFilter(BaseModel):
    """Only the services still to review, or every service."""

    only: bool


class ServiceChoice(BaseModel):
    """A service picked in the list."""

    service_id: int = Field(gt=0)


class DirectoryState(DeskState):
    """The services shown in the list and the result of the last action."""

    services: rx.Field[list[ServiceLine]] = rx.field(default_factory=list)
    service_query: rx.Field[str] = rx.field("")
    review_only: rx.Field[bool] = rx.field(False)  # the list shows only the services to review
    to_review: rx.Field[int] = rx.field(0)  # how many services an import left to review
    list_error: rx.Field[str] = rx.field("")
    list_message: rx.Field[str] = rx.field("")

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        self.list_error = message
        if form != "search":  # a refused search leaves the last action's message
            self.list_message = ""

    def _list(self, desk: Desk) -> None:
        now = utcnow()
        today = local_day(now, get_settings().tz)
        rows = editing_views.service_rows(
            session=desk.session, query=self.service_query, to_review=self.review_only
        )
        self.to_review = review.count_unreviewed(session=desk.session)
        showing = alerts.showing_on_services(session=desk.session, now=now)
        self.services = [service_row(row, today, desk._, showing.get(row.id, ()), now) for row in rows]

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: every service, for coordinators."""
        self.list_error = self.list_message = ""
        self._list(desk)

    @rx.event
    @desk_event(ServiceQuery, invalid=N_("The search is too long."), form="search")
    async def search(self, desk: Desk, data: ServiceQuery) -> None:
        """Services whose name (in any language) or organization matches."""
        self.service_query = data.query
        self.list_error = self.list_message = ""
        self._list(desk)

    @rx.event
    @desk_event(ReviewFilter, args=("only",))
    async def show_to_review(self, desk: Desk, data: ReviewFilter) -> None:
        """Only the services an import left to review, or every service again."""
        self.review_only = data.only
        self.list_error = self.list_message = ""
        self._list(desk)

    @rx.event
    @desk_event(ServiceChoice, args=("service_id",))
    async def verify(self, desk: Desk, data: ServiceChoice) -> None:
        """Someone checked this service's information today."""
        editing.mark_verified(
            session=desk.session, service_id=data.service_id, now=utcnow(), tz=get_settings().tz
        )
        self._list(desk)
        self.list_error, self.list_message = "", desk._(N_("Marked as verified today."))

    @rx.event
    @desk_event(QuickState, args=("service_id", "kind"))
    async def quick(self, desk: Desk, data: QuickState) -> None:
        """One tap: the service is full tonight, or closed today, until its next opening."""
        alerts.quick_state(
            session=desk.session, data=data, actor=desk.actor, now=utcnow(), tz=get_settings().tz
        )
        self._list(desk)
        self.list_error, self.list_message = "", desk._(N_("Posted. Public pages show it within seconds."))

    @rx.event
    @desk_event(AlertChoice, args=("alert",))
    async def end_alert(self, desk: Desk, data: AlertChoice) -> None:
        """End a quick state now."""
        alerts.withdraw(session=desk.session, public_id=data.alert, actor=desk.actor, now=utcnow())
        self._list(desk)
        self.list_error, self.list_message = "", desk._(N_("Ended. Public pages show it as ended."))


def _quick(row: ObjectVar[ServiceLine], _: Translator) -> rx.Component:
    """The one-tap states, each hidden while it shows (a second tap would post nothing new)."""
    return rx.fragment(
        *[
            rx.cond(
                shown,
                rx.fragment(),
                rx.el.button(
                    rx.icon(ICONS[kind], size=18, aria_hidden="true"),
                    _(KINDS[kind]),
                    type="button",
                    on_click=DirectoryState.quick(row.id, kind.value),
                    class_name=SECONDARY,
                    data_testid=f"quick-{kind.value}",
                ),
            )
            for kind, shown in ((AlertKind.FULL_TONIGHT, row.full), (AlertKind.CLOSED_TODAY, row.closed))
        ]
    )


def _state(state: ObjectVar[QuickLine], _: Translator) -> rx.Component:
    return rx.el.p(
        rx.el.span(state.label, class_name="font-semibold text-amber-900"),
        rx.el.button(
            _("End now"),
            type="button",
            on_click=DirectoryState.end_alert(state.id),
            class_name=f"{SECONDARY} min-h-9 py-0",
            data_testid="end-quick",
        ),
        class_name="flex flex-wrap items-center gap-2 mt-2",
        data_testid="quick-state",
    )


def _review(row: ObjectVar[ServiceLine], _: Translator) -> rx.Component:
    """ "To review" and where the service came from, while no one has verified it since its import."""
    return rx.cond(
        row.review,
        rx.el.p(
            rx.el.span(
                rx.icon("flag", size=14, aria_hidden="true"),
                _("To review"),
                class_name="inline-flex items-center gap-1 px-2 py-0.5 rounded-full text-sm font-semibold "
                "bg-amber-100 text-amber-900",
            ),
            rx.el.span(row.imported, class_name="text-sm text-slate-700"),
            class_name="flex flex-wrap items-center gap-2 mt-1",
            data_testid="review-badge",
        ),
    )


def _filter(_: Translator) -> rx.Component:
    """Every service, or only those an import left to review (with how many there are)."""
    tab = f"{BUTTON} border-2 border-slate-300 bg-white aria-[pressed=true]:bg-teal-800 aria-[pressed=true]:text-white"
    only = DirectoryState.review_only
    return rx.el.div(
        rx.el.button(
            _("All services"),
            type="button",
            on_click=DirectoryState.show_to_review(False),
            aria_pressed=either(only, "false", "true"),
            class_name=tab,
            data_testid="show-all",
        ),
        rx.el.button(
            rx.icon("flag", size=18, aria_hidden="true"),
            _("To review"),
            rx.el.span(
                DirectoryState.to_review,
                class_name="min-w-7 px-2 rounded-full bg-amber-100 text-amber-900 text-center",
                data_testid="review-count",
            ),
            type="button",
            on_click=DirectoryState.show_to_review(True),
            aria_pressed=either(only, "true", "false"),
            class_name=tab,
            data_testid="show-to-review",
        ),
        role="group",
        aria_label=_("Services shown"),
        class_name="flex flex-wrap gap-2",
    )


def _row(row: ObjectVar[ServiceLine], _: Translator) -> rx.Component:
    return rx.el.tr(
        rx.el.td(
            rx.el.a(rx.el.bdi(row.name), href=row.edit, class_name="font-semibold text-teal-900 underline"),
            rx.el.div(
                rx.el.bdi(row.organization),
                rx.cond(row.sample, rx.el.span(" · ", _("Sample data"), class_name="text-amber-800")),
                class_name="text-sm text-slate-700",
            ),
            _review(row, _),
            class_name="p-2",
        ),
        rx.el.td(badge(row.status, row.status_label, TONES), class_name="p-2"),
        rx.el.td(row.verified, class_name="p-2 text-sm whitespace-nowrap"),
        rx.el.td(
            rx.el.div(
                rx.el.button(
                    rx.icon("badge-check", size=18, aria_hidden="true"),
                    _("Verified today"),
                    type="button",
                    disabled=row.today,
                    on_click=DirectoryState.verify(row.id),
                    class_name=f"{SECONDARY} disabled:opacity-50",
                    data_testid="verify",
                ),
                rx.el.a(_("Translations"), href=row.translations, class_name=SECONDARY),
                _quick(row, _),
                class_name="flex flex-wrap gap-2",
            ),
            rx.foreach(row.states, lambda state: _state(state, _)),
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
        _filter(_),
        rx.cond(
            DirectoryState.review_only & (DirectoryState.services.length() == 0),
            rx.el.p(
                _("Nothing left to review: every imported service has been checked."),
                class_name=f"{CARD} text-center text-slate-700",
                data_testid="review-empty",
            ),
            rx.el.div(
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(*[rx.el.th(h, scope="col", class_name="p-2 text-start") for h in head])
                    ),
                    rx.el.tbody(rx.foreach(DirectoryState.services, lambda row: _row(row, _))),
                    class_name="w-full",
                ),
                class_name=f"{CARD} overflow-x-auto",
            ),
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
