"""What the desk's queue page looks like: the list beside the open record on a landscape
tablet, one above the other in portrait."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components.desk import BUTTON, PRIMARY, SECONDARY, alert, badge
from rxapp.components.form import INPUT
from rxapp.components.style import FOCUS, either
from rxapp.desk import frame
from rxapp.desk.formats import STATUSES, TONES
from rxapp.desk.queue.record import record_panel
from rxapp.desk.queue.rows import OpenRecord, QueueRow
from rxapp.desk.queue.state import QueueState
from rxapp.i18n.catalogs import Translator


def _row(item: ObjectVar[QueueRow], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.el.div(
                rx.el.span(item.reference, class_name="font-mono font-bold", dir="ltr"),
                badge(item.status, item.status_label, TONES),
                rx.el.span(item.waited, class_name="ms-auto text-sm text-slate-600"),
                class_name="flex items-center gap-2",
            ),
            # <bdi> inside a block: a Latin name on an Arabic page keeps its order and the
            # page's alignment.
            rx.el.span(rx.el.bdi(item.name), class_name="block text-lg font-semibold"),
            rx.el.span(item.needs, class_name="block text-sm text-slate-700"),
            rx.cond(
                item.languages,
                rx.el.span(
                    rx.icon("languages", size=16, aria_hidden="true", class_name="shrink-0"),
                    rx.el.span(_("Speaks:") + " ", class_name="sr-only"),
                    rx.el.bdi(item.languages, data_testid="queue-languages"),
                    class_name="flex items-center gap-1.5 text-sm text-slate-700",
                ),
            ),
            type="button",
            on_click=QueueState.open(item.id),
            class_name=f"w-full text-start p-3 rounded-xl border border-slate-200 bg-white hover:border-teal-700 {FOCUS}",
            data_testid="queue-row",
        ),
    )


def _toolbar(_: Translator) -> rx.Component:
    tabs = [("", _("All")), *((s.value, _(label)) for s, label in STATUSES.items())]
    return rx.el.div(
        rx.el.form(
            rx.el.label(_("Search by code or name"), html_for="desk-query", class_name="sr-only"),
            rx.el.input(
                id="desk-query",
                name="query",
                type="search",
                placeholder=_("Search by code or name"),
                auto_complete="off",
                class_name=INPUT,
            ),
            rx.el.button(
                rx.icon("search", size=18, aria_hidden="true"), _("Search"), type="submit", class_name=PRIMARY
            ),
            on_submit=QueueState.search,
            class_name="flex gap-2",
            role="search",
        ),
        rx.el.form(
            rx.el.label(_("Open by code"), html_for="desk-code", class_name="sr-only"),
            rx.el.input(
                id="desk-code",
                name="code",
                placeholder=_("Code, e.g. MTZ-7K4Q"),
                auto_complete="off",
                auto_capitalize="characters",
                class_name=INPUT,
                dir="ltr",
            ),
            rx.el.button(_("Open"), type="submit", class_name=SECONDARY, data_testid="open-code"),
            rx.el.button(
                rx.icon("scan-qr-code", size=18, aria_hidden="true", class_name="shrink-0"),
                _("Scan QR code"),
                type="button",
                on_click=frame.scan(),
                # Only where the browser reads QR codes (desk.js marks the document).
                class_name=SECONDARY.replace("inline-flex", "hidden") + " [.paso-can-scan_&]:inline-flex",
                data_testid="scan",
            ),
            on_submit=QueueState.open_code,
            reset_on_submit=True,
            class_name="flex gap-2",
        ),
        rx.el.div(
            rx.el.video(
                id="desk-scan-video", muted=True, plays_inline=True, class_name="w-full max-w-sm rounded-xl"
            ),
            id="desk-scan",
            hidden=True,
        ),
        rx.el.div(
            *[
                rx.el.button(
                    label,
                    type="button",
                    on_click=QueueState.filter(value),
                    aria_pressed=either(QueueState.status_filter == value, "true", "false"),
                    class_name=either(
                        QueueState.status_filter == value,
                        f"{BUTTON} bg-teal-800 text-white",
                        f"{BUTTON} bg-white border border-slate-300",
                    ),
                )
                for value, label in tabs
            ],
            role="group",
            aria_label=_("Status"),
            class_name="flex flex-wrap gap-2",
        ),
        class_name="space-y-3",
    )


def _record_open() -> rx.Var[bool]:
    return QueueState.opened.to(ObjectVar, OpenRecord).id.to(int) > 0


def _queue(_: Translator) -> rx.Component:
    return rx.el.section(
        rx.el.h1(_("Queue"), class_name="text-2xl font-bold"),
        _toolbar(_),
        alert(QueueState.desk_error, "desk-error"),
        rx.cond(
            QueueState.items.length() > 0,
            rx.el.ul(
                rx.foreach(QueueState.items, lambda item: _row(item, _)),
                class_name="space-y-2",
                data_testid="queue",
            ),
            rx.cond(
                QueueState.loaded,
                rx.el.p(
                    either(QueueState.query, _("Nobody matches this search."), _("Nobody is waiting.")),
                    class_name="p-6 text-center text-slate-600",
                    data_testid="queue-empty",
                ),
            ),
        ),
        class_name=either(_record_open(), "hidden lg:block space-y-3", "space-y-3"),
        aria_label=_("Queue"),
    )


def desk_page(locale: str) -> rx.Component:
    """The queue, and the open record beside it."""
    _ = Translator(locale)
    return frame.frame(
        locale,
        rx.el.div(
            _queue(_),
            rx.cond(_record_open(), record_panel(_)),
            class_name=either(
                _record_open(),
                "grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-start",
                "grid gap-6",
            ),
        ),
        # Pressed by desk.js every desk_poll_ms.
        rx.el.button(
            id="paso-desk-poll", type="button", hidden=True, on_click=QueueState.poll(frame.active())
        ),
        active="desk",
        same_page=routes.desk,
        poll=True,
    )
