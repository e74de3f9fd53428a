"""The open record on the desk: its fields, duplicates, the actions on it, its notes,
referrals and history, and (coordinators) export and erasure."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ArrayVar, ObjectVar

from rxapp.components.desk import CARD, DANGER, SECONDARY
from rxapp.components.form import INPUT, LABEL
from rxapp.components.style import FOCUS
from rxapp.desk.followup.record import appointments_form, follow_up_form
from rxapp.desk.queue.actions import actions
from rxapp.desk.queue.personal import referrals, their_page
from rxapp.desk.queue.rows import Duplicate, Entry, OpenRecord, RecordField
from rxapp.desk.queue.state import QueueState
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role


def _entries(
    title: str, rows: ArrayVar[list[Entry]], testid: str, empty: str, *, consent: bool = False
) -> rx.Component:
    return rx.el.section(
        rx.el.h3(title, class_name="font-bold"),
        rx.cond(rows.length() == 0, rx.el.p(empty, class_name="text-slate-600")),
        rx.el.ul(
            rx.foreach(
                rows,
                lambda row: rx.el.li(
                    rx.el.p(row.text, class_name="whitespace-pre-wrap"),
                    rx.el.p(
                        row.author,
                        " · ",
                        row.when,
                        rx.cond(consent, rx.fragment(" · ", row.consent)),
                        class_name="text-sm text-slate-600",
                    ),
                    class_name="border-s-4 border-teal-700 ps-3",
                ),
            ),
            class_name="space-y-2",
            data_testid=testid,
        ),
        class_name="space-y-2",
    )


LINK = f"inline-flex items-center gap-1.5 min-h-11 px-3 rounded-xl border-2 border-teal-700 text-teal-900 font-semibold hover:bg-teal-50 {FOCUS}"


def _phone(row: ObjectVar[RecordField], _: Translator) -> rx.Component:
    """The person's number: a call link, and a WhatsApp link when they use it."""
    return rx.el.span(
        rx.el.a(
            rx.icon("phone", size=18, aria_hidden="true", class_name="shrink-0"),
            rx.el.bdi(row.value, dir="ltr"),
            href=row.tel,
            aria_label=_("Call") + " " + row.value.to(str),
            class_name=LINK,
            data_testid="call-link",
        ),
        rx.cond(
            row.whatsapp,
            rx.el.a(
                rx.icon("message-circle", size=18, aria_hidden="true", class_name="shrink-0"),
                "WhatsApp",
                href=row.whatsapp,
                target="_blank",
                rel="noopener noreferrer",
                class_name=LINK,
                data_testid="whatsapp-link",
            ),
        ),
        class_name="flex flex-wrap gap-2",
    )


def _opened() -> ObjectVar[OpenRecord]:
    return QueueState.opened.to(ObjectVar, OpenRecord)


def _duplicates(_: Translator) -> rx.Component:
    rows = _opened().duplicates.to(list[Duplicate])
    return rx.cond(
        rows.length() > 0,
        rx.el.section(
            rx.el.h3(_("Possible duplicates"), class_name="font-bold"),
            rx.el.ul(
                rx.foreach(
                    rows,
                    lambda d: rx.el.li(
                        rx.el.p(
                            rx.el.span(d.reference, class_name="font-mono font-bold", dir="ltr"),
                            " · ",
                            rx.el.bdi(d.name),
                            " · ",
                            d.reason,
                            " · ",
                            d.when,
                        ),
                        rx.el.div(
                            rx.el.button(
                                _("Same person: merge into this record"),
                                type="button",
                                on_click=QueueState.merge(d.id),
                                class_name=SECONDARY,
                            ),
                            rx.el.button(
                                _("Different people"),
                                type="button",
                                on_click=QueueState.dismiss(d.id),
                                class_name=SECONDARY,
                            ),
                            class_name="flex flex-wrap gap-2",
                        ),
                        class_name="space-y-2 rounded-xl bg-amber-50 border border-amber-300 p-3",
                    ),
                ),
                class_name="space-y-2",
            ),
            class_name="space-y-2",
            data_testid="duplicates",
        ),
    )


def _protection(_: Translator) -> rx.Component:
    """Export and erasure on the person's request: coordinators only."""
    return rx.el.details(
        rx.el.summary(
            _("The person's data: export or erase"),
            class_name="cursor-pointer min-h-11 flex items-center font-bold",
        ),
        rx.el.div(
            rx.el.button(
                rx.icon("download", size=18, aria_hidden="true"),
                _("Export this record (JSON)"),
                type="button",
                on_click=QueueState.export_record,
                class_name=SECONDARY,
                data_testid="export-record",
            ),
            rx.el.form(
                rx.el.label(
                    _("To erase this record and everything about it, type its code:"),
                    html_for="desk-erase",
                    class_name=LABEL,
                ),
                rx.el.div(
                    rx.el.input(
                        id="desk-erase", name="confirm", auto_complete="off", class_name=INPUT, dir="ltr"
                    ),
                    rx.el.button(
                        _("Erase"),
                        type="submit",
                        class_name=DANGER,
                        data_testid="erase-record",
                    ),
                    class_name="flex gap-2",
                ),
                on_submit=QueueState.erase_record,
                reset_on_submit=True,
                class_name="space-y-2",
            ),
            class_name="space-y-3 pt-2",
        ),
        class_name="rounded-xl border border-red-200 bg-red-50 p-3",
    )


def record_panel(_: Translator) -> rx.Component:
    """The open record: its fields, duplicates, actions, notes, referrals, history and data."""
    opened = _opened()
    return rx.el.article(
        rx.el.div(
            rx.el.button(
                rx.icon("arrow-left", size=18, aria_hidden="true", class_name="rtl:rotate-180"),
                _("Back to the queue"),
                type="button",
                on_click=QueueState.close_record,
                class_name=SECONDARY,
            ),
            class_name="flex",
        ),
        rx.el.header(
            rx.el.h2(rx.el.bdi(opened.name), class_name="text-2xl font-bold", data_testid="record-name"),
            rx.el.p(
                rx.el.span(opened.reference, class_name="font-mono font-bold", dir="ltr"),
                class_name="text-lg",
            ),
        ),
        rx.el.dl(
            rx.foreach(
                opened.fields.to(list[RecordField]),
                lambda f: rx.el.div(
                    rx.el.dt(f.label, class_name="font-semibold text-slate-700"),
                    rx.el.dd(
                        rx.cond(f.tel, _phone(f, _), f.value),
                        class_name="whitespace-pre-wrap",
                    ),
                    class_name="grid grid-cols-[10rem_1fr] gap-2",
                ),
            ),
            class_name="space-y-1",
        ),
        _duplicates(_),
        actions(_),
        _entries(_("Notes"), opened.notes.to(list[Entry]), "notes", _("No notes yet.")),
        referrals(_),
        appointments_form(_),
        their_page(_),
        follow_up_form(_),
        _entries(_("Status changes"), opened.history.to(list[Entry]), "history", _("No status changes yet.")),
        rx.cond(QueueState.role == Role.COORDINATOR.value, _protection(_)),
        class_name=f"{CARD} space-y-4",
        data_testid="record",
        aria_label=_("Registration"),
    )
