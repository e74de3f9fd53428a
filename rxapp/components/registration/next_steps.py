"""After registering: what happens next, worded from how the person can be reached."""

from __future__ import annotations

import reflex as rx

from rxapp.components.registration.draft import Contact, draft
from rxapp.i18n.catalogs import Translator
from rxapp.taxonomy import N_

# What happens after registering, by how the person can be reached (drafts.mjs: "contact").
NEXT_STEPS = {
    Contact.DESK: N_("Go to the desk and show your code. If it is closed now, come back at the hours below."),
    Contact.CALL: N_("We may call you. You can also go to the desk with your code, at the hours below."),
    Contact.WHATSAPP: N_(
        "We may write to you on WhatsApp. You can also go to the desk with your code, at the hours below."
    ),
    Contact.SMS: N_(
        "We may send you a text message. You can also go to the desk with your code, at the hours below."
    ),
    Contact.PHONE: N_(
        "We may call you or write to you on WhatsApp. You can also go to the desk with your code, at the hours below."
    ),
}


def next_steps(_: Translator) -> rx.Component:
    """What happens next, not just "show this code" (issue 14): wait for the desk, or expect a
    call or a message on the number given; the centre's hours follow."""
    contact = draft().contact
    return rx.el.div(
        rx.el.h3(_("What happens next"), class_name="text-lg font-bold"),
        rx.el.p(
            rx.match(
                contact,
                *[(key, _(text)) for key, text in NEXT_STEPS.items() if key != Contact.DESK],
                _(NEXT_STEPS[Contact.DESK]),
            ),
            data_testid="next-steps",
        ),
        class_name="rounded-2xl bg-amber-50 border-2 border-amber-400 p-4 space-y-1",
    )
