"""The registration form and its confirmation, rendered from the ``pasoreg`` client state
that ``assets/paso/register.js`` keeps (the draft and outbox live in the browser)."""

from __future__ import annotations

import json
from typing import Any

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import FunctionVar, VarData

from rxapp.components.form import INPUT, choice, described, field, group
from rxapp.components.style import FOCUS
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.countries import countries, spoken_languages
from rxapp.services.registration import COUNT_MAX, MESSAGE_MAX, NAME_MAX
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS

MODULE = "$/public/paso/register.js"
_IMPORTS = VarData(imports={MODULE: ["pasoRegStart", "pasoRegReset", "pasoLoadCode", "pasoForgetCode"]})
# The code card: its QR code drawn on the phone, saved as an image, printed.
_CODE = VarData(imports={"$/public/paso/code.js": ["pasoQrSrc", "pasoSaveCode", "pasoPrintCode"]})
BUTTON = (
    f"inline-flex items-center justify-center gap-2 min-h-12 px-5 rounded-xl font-semibold text-lg {FOCUS}"
)

# {"phase": draft | sending | waiting | done, "errors": {field: message}, "code", "name",
#  "phone": the number shown back formatted, "ready": the script has bound the form}
reg = ClientStateVar.create(
    "pasoreg", {"phase": "draft", "errors": {}, "code": "", "name": "", "phone": "", "ready": False}
)
code = ClientStateVar.create("pasocode", "")


def start(locale: str, *, persist: bool) -> FunctionVar:
    """On mount: bind the form, restore the draft, send a waiting submission."""
    return rx.Var(
        f"(() => pasoRegStart({json.dumps(locale)}, {json.dumps(persist)}))", _var_data=_IMPORTS
    ).to(FunctionVar)


def reset(_: Translator) -> FunctionVar:
    """ "Start over": wipe what was typed (after asking, when something was)."""
    question = json.dumps(_("Delete everything you typed in this form?"), ensure_ascii=False)
    return rx.Var(f"(() => pasoRegReset({question}))", _var_data=_IMPORTS).to(FunctionVar)


def load_code() -> FunctionVar:
    """Show the code kept on this phone (home)."""
    return rx.Var("(() => pasoLoadCode())", _var_data=_IMPORTS).to(FunctionVar)


def forget_code() -> FunctionVar:
    """Remove the kept code from this phone."""
    return rx.Var("(() => pasoForgetCode())", _var_data=_IMPORTS).to(FunctionVar)


def _errors() -> rx.Var[Any]:
    return reg.value["errors"].to(dict[str, str])


def form_fields(locale: str, _: Translator) -> list[rx.Component]:
    """Every field, each with its purpose."""
    errors = _errors()
    phone_back = reg.value["phone"].to(str)
    return [
        field(
            _("Name or alias"),
            _("So the desk can call you. It does not have to be your legal name."),
            rx.el.input(
                id="f-name",
                name="name",
                type="text",
                auto_complete="off",
                max_length=NAME_MAX,
                class_name=INPUT,
                **described(errors, "name"),
            ),
            errors,
            "name",
        ),
        group(
            _("What do you need?"),
            _("Choose at least one, so the right help is ready when you reach the desk."),
            rx.el.div(
                *[choice("needs", n.slug, _(n.label), icon=n.icon) for n in NEEDS],
                class_name="grid grid-cols-2 gap-2",
            ),
            errors,
            "needs",
        ),
        field(
            _("Nationality"),
            _("Optional. Helps us find information and services for people from your country."),
            rx.el.select(
                rx.el.option(_("Prefer not to say"), value=""),
                *[rx.el.option(name, value=iso) for iso, name in countries(locale)],
                id="f-nationality",
                name="nationality",
                class_name=INPUT,
                **described(errors, "nationality"),
            ),
            errors,
            "nationality",
        ),
        group(
            _("Languages you speak"),
            _("Optional. So we can find someone who understands you."),
            rx.el.div(
                *[choice("languages", tag, name) for tag, name in spoken_languages(get_settings().locales)],
                class_name="grid grid-cols-2 gap-2",
            ),
            errors,
            "languages",
        ),
        rx.el.div(
            *[
                field(
                    label,
                    hint,
                    rx.el.input(
                        id=f"f-{name}",
                        name=name,
                        type="number",
                        input_mode="numeric",
                        min=0,
                        max=COUNT_MAX,
                        class_name=INPUT,
                        **described(errors, name),
                    ),
                    errors,
                    name,
                )
                for name, label, hint in (
                    ("adults", _("Adults in your group"), _("Optional. You included.")),
                    ("children", _("Children in your group"), _("Optional. Under 18.")),
                )
            ],
            class_name="grid grid-cols-2 gap-3",
        ),
        field(
            _("Phone"),
            _(
                "Optional. Only to contact you about your case. Numbers from another country start with + and the country code."
            ),
            rx.el.div(
                rx.el.input(
                    id="f-phone",
                    name="phone",
                    type="tel",
                    input_mode="tel",
                    auto_complete="tel",
                    dir="ltr",
                    max_length=40,
                    class_name=INPUT,
                    **described(errors, "phone"),
                ),
                # The line is always there, two lines high (on a phone the number wraps under
                # the words), so the answer appearing does not move the fields below while the
                # person taps one (a tap landed beside the WhatsApp box; e2e tests failed so).
                rx.el.p(
                    rx.cond(
                        phone_back,
                        rx.fragment(
                            rx.icon("circle-check", size=18, aria_hidden="true"),
                            _("We will use this number:"),
                            " ",
                            rx.el.bdi(phone_back, dir="ltr", class_name="font-bold"),
                        ),
                    ),
                    class_name="flex flex-wrap items-center content-start gap-1.5 min-h-[3.625rem] text-green-900",
                    data_testid="phone-back",
                    aria_live="polite",
                ),
                class_name="space-y-1",
            ),
            errors,
            "phone",
        ),
        group(
            "WhatsApp",
            "",
            choice("has_whatsapp", "on", _("This number has WhatsApp"), alone=True),
            errors,
            "has_whatsapp",
        ),
        group(
            _("How should we contact you?"),
            _("Optional."),
            rx.el.div(
                *[
                    choice("preferred_contact", value, text, kind="radio")
                    for value, text in (
                        ("call", _("Phone call")),
                        ("whatsapp", "WhatsApp"),
                        ("sms", _("Text message (SMS)")),
                        ("desk", _("Only at the desk")),
                    )
                ],
                class_name="grid grid-cols-1 sm:grid-cols-2 gap-2",
            ),
            errors,
            "preferred_contact",
        ),
        field(
            _("Anything else we should know?"),
            _("Optional, at most 500 characters. Do not write other people's details."),
            rx.el.textarea(
                id="f-message",
                name="message",
                rows=3,
                max_length=MESSAGE_MAX,
                class_name=INPUT + " py-2",
                **described(errors, "message"),
            ),
            errors,
            "message",
        ),
    ]


def consent(_: Translator, days: int) -> rx.Component:
    """Consent in plain words: without it nothing is stored."""
    errors = _errors()
    text = _(
        "I agree that the centre keeps these answers to help me, for {days} days at most. Only the centre's staff can see them. I can ask at the desk to see them or to delete them at any time."
    ).replace("{days}", str(days))
    return rx.el.div(
        rx.el.label(
            rx.el.input(
                type="checkbox",
                name="consent",
                value="on",
                id="f-consent",
                class_name="size-6 mt-1 shrink-0 accent-teal-800",
                **described(errors, "consent"),
            ),
            rx.el.span(text),
            class_name="flex items-start gap-3 cursor-pointer",
        ),
        rx.el.p(id="consent-hint", class_name="hidden"),
        rx.el.p(
            errors["consent"].to(str),
            id="consent-error",
            class_name="font-semibold text-red-800 empty:hidden",
            aria_live="polite",
            data_testid="error-consent",
        ),
        class_name="rounded-xl border-2 border-teal-800 bg-teal-50 p-3 space-y-2",
    )


def qr_image(value: rx.Var[str]) -> rx.Component:
    """The code's QR image, drawn on the phone (assets/paso/code.mjs says why): it shows
    without a network, at the desk where a person often has no data."""
    return rx.el.img(
        src=rx.Var(f"pasoQrSrc({value})", _var_data=_CODE).to(str),
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
    save = rx.Var(f"(() => pasoSaveCode({value}, {json.dumps(show, ensure_ascii=False)}))", _var_data=_CODE)
    small = f"{BUTTON} border-2 border-teal-800 text-teal-900 text-base px-3"
    return rx.el.div(
        rx.el.p(_("Your code"), class_name="text-lg"),
        rx.el.p(
            rx.el.bdi(value, dir="ltr"),
            class_name="text-4xl font-bold tracking-widest whitespace-nowrap text-teal-900",
            data_testid="reference",
        ),
        qr_image(value),
        rx.el.p(show, class_name="text-lg font-semibold"),
        rx.el.div(
            rx.el.button(
                rx.icon("image-down", size=20, aria_hidden="true", class_name="shrink-0"),
                _("Save as image"),
                type="button",
                on_click=save.to(FunctionVar),
                class_name=small,
                data_testid="save-code",
            ),
            rx.el.button(
                rx.icon("printer", size=20, aria_hidden="true", class_name="shrink-0"),
                _("Print"),
                type="button",
                on_click=rx.Var("(() => pasoPrintCode())", _var_data=_CODE).to(FunctionVar),
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
