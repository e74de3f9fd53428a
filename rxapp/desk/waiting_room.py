"""The waiting room at the desk (issue 19): "call next" to a desk (the oldest record of today
still new or waiting), today's calls as the waiting-room screen shows them, and, for
coordinators, the link that opens that screen (a new link stops the previous one)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components import client
from rxapp.components.desk import CARD, PRIMARY, SECONDARY
from rxapp.components.form import INPUT, LABEL
from rxapp.components.registration.code_card import encoder
from rxapp.desk import frame
from rxapp.desk.formats import when
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role, utcnow
from rxapp.services.followup import turns
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

DESKS = range(1, 10)


class DeskNumber(BaseModel):
    """Which desk calls."""

    model_config = ConfigDict(extra="ignore")
    desk_number: int = Field(ge=1, le=20)


@dataclass(frozen=True)
class CallRow:
    """A call as the screen shows it: a code, a desk, a time (never a name)."""

    code: str
    desk: str  # "Desk 2", in the desk's language
    at: str


class WaitingRoomState(DeskState):
    """Today's calls, the outcome of the last "call next", and the screen's new link."""

    calls: rx.Field[list[CallRow]] = rx.field(default_factory=list)
    called: rx.Field[str] = rx.field("")
    screen_link: rx.Field[str] = rx.field("")

    def _list(self, desk: Desk) -> None:
        shown = turns.recent_calls(session=desk.session, now=utcnow(), tz=get_settings().tz, limit=12)
        self.calls = [
            CallRow(
                c["code"],
                desk._(N_("Desk {desk}")).format(desk=c["desk"]),
                when(dt.datetime.fromisoformat(c["called_at"]), desk._),
            )
            for c in shown
        ]

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: today's calls."""
        self.called, self.screen_link = "", ""
        self._list(desk)

    @rx.event
    @desk_event(DeskNumber, invalid=N_("Choose a desk from the list."))
    async def call_next(self, desk: Desk, data: DeskNumber) -> None:
        """Call the oldest record of today still new or waiting to this desk."""
        tz = get_settings().tz
        found = turns.call_next(
            session=desk.session, desk=data.desk_number, actor=desk.actor, now=utcnow(), tz=tz
        )
        if found is None:
            self.called = desk._(N_("Nobody is waiting."))
        else:
            self.called = desk._(N_("{code} called to desk {desk}.")).format(
                code=found["code"], desk=found["desk"]
            )
        self._list(desk)

    @rx.event
    @desk_event()
    async def new_screen_link(self, desk: Desk) -> None:
        """A new link for the waiting-room screen; the previous screen stops until it opens it."""
        key = turns.new_display_key(session=desk.session, actor=desk.actor, now=utcnow())
        settings = get_settings()
        self.screen_link = f"{settings.public_url}{routes.display(settings.default_locale)}#k={key}"


def waiting_room_page(locale: str) -> rx.Component:
    """Call next, today's calls, and (coordinators) the screen's link."""
    _ = Translator(locale)
    state = WaitingRoomState
    call = rx.el.form(
        rx.el.label(_("Call the next person to desk"), html_for="desk-next", class_name=LABEL),
        rx.el.div(
            rx.el.select(
                *[rx.el.option(str(n), value=str(n)) for n in DESKS],
                id="desk-next", name="desk_number", class_name=f"{INPUT} max-w-28",
            ),
            rx.el.button(_("Call next"), type="submit", class_name=PRIMARY, data_testid="call-next"),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.cond(state.called, rx.el.p(state.called, role="status", class_name="font-semibold", data_testid="called")),
        on_submit=state.call_next,
        class_name=f"{CARD} space-y-2",
    )  # fmt: skip
    calls = rx.el.section(
        rx.el.h2(_("Called today"), class_name="text-xl font-bold"),
        rx.cond(
            state.calls.length() > 0,
            rx.el.ul(
                rx.foreach(
                    state.calls,
                    lambda c: rx.el.li(
                        rx.el.span(c.code, class_name="font-mono font-bold"),
                        rx.el.span(c.desk),
                        rx.el.span(c.at, class_name="text-sm text-slate-600"),
                        class_name="flex flex-wrap gap-4",
                    ),
                ),
                class_name="space-y-1",
                data_testid="calls",
            ),
            rx.el.p(_("Nobody has been called today."), class_name="text-slate-600"),
        ),
        class_name=f"{CARD} space-y-2",
    )
    screen = rx.el.section(
        rx.el.h2(_("The waiting-room screen"), class_name="text-xl font-bold"),
        rx.el.p(
            _("Open this link on the TV or spare tablet of the waiting room: it shows codes and desks, never names. A new link stops the previous screen."),
        ),
        rx.el.button(_("New link for the screen"), type="button", on_click=state.new_screen_link, class_name=SECONDARY, data_testid="new-screen-link"),
        rx.cond(
            state.screen_link,
            rx.el.div(
                rx.el.img(
                    src=client.value("pasoQrSrc", state.screen_link, encoder.value).to(str),
                    alt="", width=200, height=200, class_name="size-52 [image-rendering:pixelated]",
                ),
                rx.el.p(state.screen_link, dir="ltr", class_name="break-all font-mono text-sm", data_testid="screen-link"),
                class_name="space-y-2",
            ),
        ),
        class_name=f"{CARD} space-y-2",
    )  # fmt: skip
    return frame.frame(
        locale,
        rx.el.h1(_("Waiting room"), class_name="text-2xl font-bold mb-4"),
        rx.el.div(
            call,
            calls,
            rx.cond(DeskState.role == Role.COORDINATOR.value, screen),
            class_name="space-y-6",
        ),
        active="desk_waiting",
        same_page=routes.desk_waiting,
    )
