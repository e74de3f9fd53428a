"""What goes back to the person from the open record (issue 19): each referral with the note
written for them and "send by WhatsApp / SMS" (the volunteer's own app opens with the message
ready: no gateway), and their own page: a one-time QR that opens it on their phone, and
"remove phone access"."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.access import words
from rxapp.components import client
from rxapp.components.desk import PRIMARY, SECONDARY
from rxapp.components.registration.code_card import encoder
from rxapp.components.style import either
from rxapp.desk.queue.rows import Entry, OpenRecord, Sending
from rxapp.desk.queue.state import QueueState
from rxapp.i18n.catalogs import Translator
from rxapp.services.followup.inputs import FollowUpProblem
from rxapp.taxonomy import N_

# Refusals of the follow-up services, worded for the desk (``desk_event`` reads this table).
PROBLEMS = words(
    {
        FollowUpProblem.NO_PHONE: N_("This record has no phone number to send it to."),
        FollowUpProblem.NOT_FOUND: N_("This is no longer in the record. Open it again."),
    }
)


def _referral(row: ObjectVar[Entry], opened: ObjectVar[OpenRecord], _: Translator) -> rx.Component:
    channels = (
        ("whatsapp", "message-circle", _("Send by WhatsApp")),
        ("sms", "message-square", _("Send by SMS")),
    )
    send = rx.el.div(
        *[
            rx.el.button(
                rx.icon(icon, size=18, aria_hidden="true"),
                label,
                type="button",
                on_click=QueueState.prepare_sending(row.id, channel),
                class_name=SECONDARY,
                data_testid=f"send-{channel}",
            )
            for channel, icon, label in channels
        ],
        class_name="flex flex-wrap gap-2",
    )
    return rx.el.li(
        rx.el.p(row.text, class_name="whitespace-pre-wrap"),
        rx.cond(
            row.note,
            rx.el.p(
                _("For the person:"),
                " ",
                rx.el.bdi(row.note),
                class_name="text-sm",
                data_testid="referral-note",
            ),
        ),
        rx.el.p(row.author, " · ", row.when, " · ", row.consent, class_name="text-sm text-slate-600"),
        rx.cond(opened.has_phone, send),
        class_name="space-y-1 border-s-4 border-teal-700 ps-3",
    )


def _ready(sending: ObjectVar[Sending], _: Translator) -> rx.Component:
    return rx.el.div(
        rx.el.p(_("The message, in the person's language:"), class_name="font-semibold"),
        rx.el.p(
            sending.text,
            dir="auto",
            class_name="whitespace-pre-wrap [overflow-wrap:anywhere] rounded-lg bg-slate-50 p-2 text-sm",
        ),
        rx.el.a(
            either(
                sending.channel == "whatsapp",
                _("Open WhatsApp with this message"),
                _("Open SMS with this message"),
            ),
            href=sending.link,
            target="_blank",
            rel="noopener",
            class_name=PRIMARY,
            data_testid="open-sending",
        ),
        class_name="space-y-2 rounded-xl border-2 border-teal-800 p-3",
        data_testid="sending",
    )


def referrals(_: Translator) -> rx.Component:
    """The referrals, each with its note for the person and the ways to send it to them."""
    opened = QueueState.opened.to(ObjectVar, OpenRecord)
    sending = QueueState.sending.to(ObjectVar, Sending)
    return rx.el.section(
        rx.el.h3(_("Referrals"), class_name="font-bold"),
        rx.cond(
            opened.referrals.to(list[Entry]).length() == 0,
            rx.el.p(_("No referrals yet."), class_name="text-slate-600"),
        ),
        rx.el.ul(
            rx.foreach(opened.referrals.to(list[Entry]), lambda row: _referral(row, opened, _)),
            class_name="space-y-2",
            data_testid="referrals",
        ),
        rx.cond(sending.link, _ready(sending, _)),
        class_name="space-y-2",
    )


def their_page(_: Translator) -> rx.Component:
    """The person's own page: a QR that opens it once on their phone, or no phone at all."""
    link = QueueState.page_link
    return rx.el.section(
        rx.el.h3(_("Their own page"), class_name="font-bold"),
        rx.el.p(
            _("Their code, turn, referrals and appointments on their phone. The QR opens it once, within 7 days."),
            class_name="text-sm text-slate-700",
        ),
        rx.el.div(
            rx.el.button(_("Show the QR for their phone"), type="button", on_click=QueueState.show_page_code, class_name=SECONDARY, data_testid="page-code"),
            rx.el.button(_("Remove phone access"), type="button", on_click=QueueState.revoke_page, class_name=SECONDARY, data_testid="revoke-page"),
            class_name="flex flex-wrap gap-2",
        ),
        rx.cond(
            link,
            rx.el.img(
                src=client.value("pasoQrSrc", link, encoder.value).to(str),
                alt=_("QR code that opens the person's page"),
                width=200, height=200,
                class_name="size-52 [image-rendering:pixelated]",
                data_testid="page-qr",
            ),
        ),
        class_name="space-y-2",
    )  # fmt: skip
