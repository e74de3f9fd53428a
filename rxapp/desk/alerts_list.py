"""The Alerts page's lists: what shows now, what is scheduled, what ended, each alert with its
urgency, words (in the language shown), scope, times, "End now" and its translations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.desk import CARD, SECONDARY, badge
from rxapp.components.style import either
from rxapp.desk.alerts_display import AlertLine
from rxapp.desk.alerts_form import edit_form
from rxapp.i18n.catalogs import Translator
from rxapp.services.alerts import AlertDraft

TONES = {"urgent": "bg-red-100 text-red-900", "info": "bg-sky-100 text-sky-900"}


@dataclass(frozen=True)
class LineEvents:
    """What a line of an alert that has not ended can do: end it now, or change it."""

    end_now: Any
    open_edit: Any
    close_edit: Any
    save_edit: Any
    editing: rx.Var[str]  # the alert whose edit form is open
    draft: ObjectVar[AlertDraft]
    errors: ObjectVar[dict[str, str]]


def _line(row: ObjectVar[AlertLine], _: Translator, events: LineEvents | None) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            badge(row.urgency, row.urgency_label, TONES),
            rx.el.span(row.kind_label, class_name="text-sm text-slate-700"),
            rx.el.span(row.span, class_name="text-sm text-slate-700 ms-auto"),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.el.p(rx.el.bdi(row.title, lang=row.lang, dir=row.dir), class_name="font-bold text-lg"),
        rx.cond(row.text, rx.el.p(row.text, lang=row.lang, dir=row.dir, class_name="whitespace-pre-wrap")),
        rx.cond(
            row.language, rx.el.p(_("Shown in:"), " ", row.language, class_name="text-sm text-amber-900")
        ),
        rx.el.p(_("For:"), " ", rx.el.bdi(row.scope), class_name="text-sm"),
        rx.el.div(
            *(
                [
                    rx.el.button(
                        _("End now"),
                        type="button",
                        on_click=events.end_now(row.id),
                        class_name=SECONDARY,
                        data_testid="end-alert",
                    ),
                    rx.el.button(
                        _("Change"),
                        type="button",
                        on_click=events.open_edit(row.id),
                        aria_expanded=either(events.editing == row.id, "true", "false"),
                        class_name=SECONDARY,
                        data_testid="edit-alert",
                    ),
                ]
                if events is not None
                else []
            ),
            rx.cond(
                row.translations, rx.el.a(_("Translations"), href=row.translations, class_name=SECONDARY)
            ),
            class_name="flex flex-wrap gap-2",
        ),
        *(
            [
                rx.cond(
                    events.editing == row.id,
                    edit_form(_, events.draft, events.save_edit, events.close_edit(), events.errors),
                )
            ]
            if events is not None
            else []
        ),
        class_name=f"{CARD} space-y-2",
        data_testid="alert-line",
    )


def alert_list(title: str, rows: Any, _: Translator, events: LineEvents | None, testid: str) -> rx.Component:
    """A titled list of alerts (``events``: what a line can do; None for ended ones)."""
    return rx.el.section(
        rx.el.h2(title, " (", rows.length().to_string(), ")", class_name="text-xl font-bold"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, lambda row: _line(row, _, events)), class_name="space-y-3"),
            rx.el.p(_("None."), class_name="text-slate-600"),
        ),
        class_name="space-y-3",
        data_testid=testid,
    )
