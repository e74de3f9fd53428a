"""The waiting-room display (issue 19), for a TV or a spare tablet: the codes being called and
their desks in large type, never a name, its words in the centre's languages in turn. No
sign-in: the screen keeps the key of the desk's link (assets/paso/display.js); the frame is
prerendered and holds nothing of anyone."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import client
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.settings import get_settings


@dataclass(frozen=True)
class Shown:
    """A call: the code and its desk in the language shown."""

    code: str = ""
    desk: str = ""
    at: str = ""


@dataclass(frozen=True)
class DisplayView:
    """What the screen shows (``displayView`` in assets/paso/display.mjs)."""

    state: str = "loading"  # loading, nokey, ready
    lang: str = ""
    dir: str = "ltr"
    heading: str = ""
    empty: str = ""
    first: Shown | None = None
    rest: list[Shown] = field(default_factory=list)


def words(tag: str) -> dict[str, str]:
    """The screen's words in one language."""
    _ = Translator(tag)
    return {
        "lang": tag,
        "dir": info(tag).direction,
        "heading": _("Now calling"),
        "desk": _("Desk {desk}"),
        "empty": _("Waiting for the next call."),
        "nokey": _("This screen needs its link: a coordinator opens “Waiting room” at the desk."),
    }


def display_page(locale: str) -> rx.Component:
    """The frame; the calls come from the browser."""
    name = f"pasodisplay_{locale}"
    state = ClientStateVar.create(name, asdict(DisplayView()))
    shown = state.value.to(ObjectVar, DisplayView)
    order = [locale, *[tag for tag in get_settings().locales if tag != locale]]
    spec = {
        "name": name,
        "api": routes.DISPLAY_API,
        "order": order,
        "words": {tag: words(tag) for tag in order},
    }
    first = shown.first.to(ObjectVar, Shown)
    return rx.el.main(
        rx.el.h1(shown.heading, class_name="text-5xl font-bold text-teal-200"),
        rx.cond(
            shown.first,
            rx.el.div(
                rx.el.p(rx.el.bdi(first.code, dir="ltr"), class_name="text-8xl font-bold tracking-widest", data_testid="called-code"),
                rx.el.p(first.desk, class_name="text-6xl font-bold text-amber-300", data_testid="called-desk"),
                class_name="space-y-4 rounded-3xl bg-teal-800 p-10",
            ),
            rx.el.p(shown.empty, class_name="text-4xl", data_testid="display-empty"),
        ),
        rx.el.ul(
            rx.foreach(
                shown.rest,
                lambda row: rx.el.li(
                    rx.el.bdi(row.code, dir="ltr", class_name="font-bold tracking-widest"),
                    rx.el.span(row.desk, class_name="text-amber-200"),
                    class_name="flex justify-between gap-8 text-4xl",
                ),
            ),
            class_name="space-y-4",
            data_testid="display-list",
        ),
        lang=shown.lang,
        dir=shown.dir,
        role="status",
        aria_live="polite",
        class_name="min-h-screen space-y-10 bg-slate-900 p-10 text-white",
        data_testid="display",
        on_mount=client.call("pasoDisplayStart", spec),
    )  # fmt: skip
