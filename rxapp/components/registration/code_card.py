"""The registration code's card: the code, large, its QR code and ways to keep it; on the home
page, the code this phone registered (kept by ``assets/paso/register.js``)."""

from __future__ import annotations

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

from rxapp.components import client
from rxapp.components.registration.draft import BUTTON
from rxapp.components.style import FOCUS
from rxapp.i18n.catalogs import Translator

code = ClientStateVar.create("pasocode", "")
# Whether the QR encoder has arrived: assets/paso/code.js imports it once a code is shown
# (issue 17: most homes have no saved code) and sets this, so the image draws.
encoder = ClientStateVar.create("pasoqr", False)


def load_code() -> client.Function:
    """Show the code kept on this phone (home)."""
    return client.call("pasoLoadCode")


def forget_code() -> client.Function:
    """Remove the kept code from this phone."""
    return client.call("pasoForgetCode")


def qr_image(value: rx.Var[str]) -> rx.Component:
    """The code's QR image, drawn on the phone (assets/paso/code.mjs says why): it shows
    without a network, at the desk where a person often has no data."""
    return rx.el.img(
        src=client.value("pasoQrSrc", value, encoder.value).to(str),
        alt="",  # the code is written next to it
        width=200,
        height=200,
        class_name="mx-auto size-52 rounded-lg border border-slate-300 bg-white [image-rendering:pixelated]",
        data_testid="qr",
    )


def code_block(value: rx.Var[str], _: Translator) -> rx.Component:
    """The code, large, its QR code, and ways to keep it: a PNG saved on the phone, or printed
    (the print shows this card alone)."""
    show = _("Show this code at the desk.")
    small = f"{BUTTON} border-2 border-teal-800 text-teal-900 text-base px-3"
    return rx.el.div(
        rx.el.p(_("Your code"), class_name="text-lg"),
        rx.el.p(
            rx.el.bdi(value, dir="ltr"),
            # As large as a 320 px phone allows for the widest code ("MTZ-WWWW"), 36 px from 400 px.
            class_name="text-[clamp(1.75rem,9vw,2.25rem)] font-bold tracking-widest whitespace-nowrap text-teal-900",
            data_testid="reference",
        ),
        qr_image(value),
        rx.el.p(show, class_name="text-lg font-semibold"),
        rx.el.div(
            rx.el.button(
                rx.icon("image-down", size=20, aria_hidden="true", class_name="shrink-0"),
                _("Save as image"),
                type="button",
                on_click=client.call("pasoSaveCode", value, show),
                class_name=small,
                data_testid="save-code",
            ),
            rx.el.button(
                rx.icon("printer", size=20, aria_hidden="true", class_name="shrink-0"),
                _("Print"),
                type="button",
                on_click=client.call("pasoPrintCode"),
                class_name=small,
                data_testid="print-code",
            ),
            class_name="grid grid-cols-1 sm:grid-cols-2 gap-2",
            data_print_hide="",
        ),
        class_name="text-center space-y-3 py-4",
        data_print_card="",
    )


def home_code(locale: str, _: Translator) -> rx.Component:
    """On the home page: the code this phone registered, folded to one line until opened."""
    value = code.value.to(str)
    return rx.cond(
        value,
        rx.el.details(
            rx.el.summary(
                rx.icon("qr-code", size=22, aria_hidden="true", class_name="shrink-0 text-teal-800"),
                rx.el.span(_("Your code"), ": "),
                rx.el.bdi(value, dir="ltr", class_name="font-bold tracking-wider whitespace-nowrap"),
                class_name=f"flex items-center gap-2 min-h-12 px-3 cursor-pointer text-lg {FOCUS}",
            ),
            rx.el.div(
                code_block(value, _),
                rx.el.button(
                    _("Remove the code from this phone"),
                    type="button",
                    on_click=forget_code(),
                    class_name=f"{BUTTON} w-full border-2 border-slate-300 text-base",
                ),
                class_name="px-3 pb-3",
            ),
            class_name="rounded-2xl border-2 border-teal-800 mb-4",
            data_testid="home-code",
        ),
    )
