"""The registration form's questions: what is required first (a name, the needs, the
agreement under who sees the answers), the optional ones folded under "Tell us more"."""

from __future__ import annotations

import reflex as rx

from rxapp.components import privacy
from rxapp.components.form import INPUT, choice, described, field, group
from rxapp.components.registration.draft import draft, errors_var
from rxapp.components.style import FOCUS
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.countries import OTHER_LANGUAGE, countries, spoken_languages
from rxapp.services.registration import COUNT_MAX, MESSAGE_MAX, NAME_MAX
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS


def form_fields(locale: str, _: Translator) -> list[rx.Component]:
    """What is required first (a name, the needs), then the optional questions, folded."""
    errors = errors_var()
    return [
        field(
            _("Name or alias"),
            _("It does not have to be your real name."),
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
            _("Choose one or more."),
            rx.el.div(
                *[choice("needs", n.slug, _(n.label), icon=n.icon) for n in NEEDS],
                class_name="grid grid-cols-2 gap-2",
            ),
            errors,
            "needs",
        ),
        more(locale, _),
    ]


def more(locale: str, _: Translator) -> rx.Component:
    """ "Tell us more (optional)": folded, so the required path fits about one screen (issue
    14: the whole form was 4-5 screens). Folded fields stay in the form: the draft keeps them
    and they are sent; register.js unfolds it for an error or a restored answer inside."""
    return rx.el.details(
        rx.el.summary(
            rx.icon("circle-plus", size=22, aria_hidden="true", class_name="shrink-0 text-teal-800"),
            rx.el.span(_("Tell us more (optional)"), class_name="min-w-0"),
            class_name="flex items-center gap-2 min-h-12 px-3 cursor-pointer font-semibold text-lg rounded-xl "
            f"border-2 border-slate-300 group-open:border-teal-800 group-open:bg-teal-50 {FOCUS}",
        ),
        # The questions at the form's full width, not inset in a box: on a 320 px phone two
        # columns of languages inside a box broke "Português" in the middle.
        rx.el.div(*optional_fields(locale, _), class_name="space-y-5 pt-4"),
        class_name="group",
        data_testid="more",
    )


def optional_fields(locale: str, _: Translator) -> list[rx.Component]:
    """Every optional question, each with its purpose in a few words."""
    errors = errors_var()
    phone_back = draft().phone
    languages = [*spoken_languages(get_settings().locales), (OTHER_LANGUAGE, _("Other language"))]
    return [
        field(
            _("Nationality"),
            _("To find services for people from your country."),
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
            _("So we can find someone who understands you."),
            rx.el.div(
                *[choice("languages", tag, name) for tag, name in languages],
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
                    ("adults", _("Adults in your group"), _("You included.")),
                    ("children", _("Children in your group"), _("Under 18.")),
                )
            ],
            # Side by side while the labels fit; one under the other on a narrow phone.
            class_name="grid grid-cols-[repeat(auto-fit,minmax(8rem,1fr))] gap-3 items-end",
        ),
        field(
            _("Phone"),
            _("Only to contact you. From another country, start with + and the country code."),
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
            "",
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
            _("Do not write other people's details."),
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


def consent(locale: str, _: Translator, days: int) -> rx.Component:
    """Who sees the answers (the centre's words), then consent in plain words: without it
    nothing is stored."""
    errors = errors_var()
    text = _(
        "I agree that the centre keeps my answers to help me, for {days} days at most. I can ask at the desk to see them or delete them."
    ).replace("{days}", str(days))
    return rx.el.div(
        privacy.notice(locale, _),
        rx.el.label(
            rx.el.input(
                type="checkbox",
                name="consent",
                value="on",
                id="f-consent",
                class_name="size-6 mt-1 shrink-0 accent-teal-800",
                **described(errors, "consent"),
            ),
            rx.el.span(text, class_name="min-w-0 font-semibold leading-snug"),
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
        class_name="rounded-xl border-2 border-teal-800 bg-teal-50 p-3 space-y-3 leading-snug",
    )
