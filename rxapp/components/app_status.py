"""What the installed app says about itself: offline, saved for offline, update, install.

The service worker and the head script (assets/paso/boot.js) report through ``window.__paso``
and ``paso-*`` window events; ``assets/paso/directory.js`` copies them into the ``pasoapp``
client state shown here.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components import client
from rxapp.components.style import FOCUS, either
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.settings import get_settings

BAR = "flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-base"


def _app(key: str) -> rx.Var[Any]:
    state: ObjectVar[dict[str, Any]] = client.app.value.to(dict[str, Any])
    return state[key]


def _flag(key: str) -> rx.Var[bool]:
    """One of the app's yes/no facts ("online", "saved", "update", "install")."""
    return _app(key).to(bool)


def banners(locale: str, _: Translator) -> rx.Component:
    """Offline and new-version messages, above the page content."""
    template = _("You are offline. The directory was saved on {date}.")
    offline = client.value(
        "pasoOffline",
        client.app.value,
        client.directory.value,
        template,
        locale,
        formatting.browser_months(locale),
    ).to(str)
    shown: rx.Component = rx.fragment(
        rx.cond(
            offline != "",
            rx.el.p(
                rx.icon("wifi-off", size=18, aria_hidden="true"),
                offline,
                role="status",
                class_name=f"{BAR} bg-amber-100 text-amber-950",
                data_testid="offline",
            ),
        ),
        rx.cond(
            _flag("update"),
            rx.el.div(
                rx.el.p(_("A new version of Paso is ready.")),
                rx.el.button(
                    _("Update now"),
                    type="button",
                    on_click=client.js("pasoUpdate"),
                    class_name=f"min-h-11 px-3 rounded-lg bg-teal-800 text-white font-semibold {FOCUS}",
                ),
                role="status",
                class_name=f"{BAR} bg-teal-50 text-teal-950",
                data_testid="update",
            ),
        ),
    )
    return shown


def install_hint(_: Translator) -> rx.Component:
    """Shown only where the browser offers to install the app."""
    shown: rx.Component = rx.cond(
        _flag("install"),
        rx.el.button(
            rx.icon("download", size=18, aria_hidden="true"),
            _("Install Paso on this phone"),
            type="button",
            on_click=client.js("pasoInstall"),
            class_name=f"inline-flex items-center gap-2 min-h-11 px-3 rounded-lg border-2 border-teal-800 "
            f"text-teal-900 font-semibold {FOCUS}",
            data_testid="install",
        ),
    )
    return shown


def saved_note(_: Translator) -> rx.Component:
    """Tells a person the directory now works without internet on this phone."""
    shown: rx.Component = rx.cond(
        _flag("saved"),
        rx.el.p(
            rx.icon("circle-check", size=18, aria_hidden="true", class_name="text-green-800"),
            _("Saved on this phone: the directory works without internet."),
            class_name="flex items-center gap-2",
            data_testid="offline-ready",
        ),
    )
    return shown


def language_offline(locale: str, _: Translator) -> rx.Component:
    """In the language menu: a language tapped offline that this phone has not saved (the
    page stays, and says so), and, online, the other languages to keep for offline use
    too (a person may read two). The head script and directory.js keep the state."""
    names = {tag: locale_info(tag).native_name for tag in get_settings().locales}
    not_saved = _("{language} is not saved on this phone. Connect to the internet to open it.")
    kept = _("{language} is saved on this phone too.")
    unsaved = _app("unsaved").to(str)
    keeping = _app("keeping").to(str)
    locales = _app("locales").to(list[str])

    def sentence(template: str, tag: rx.Var[str]) -> rx.Var[str]:
        filled = {t: template.replace("{language}", n) for t, n in names.items()}
        return rx.Var.create(filled).get(tag, "").to(str)

    def keep_button(tag: str) -> rx.Component:
        busy = keeping == tag
        shown: rx.Component = rx.cond(
            ~locales.contains(tag),
            rx.el.button(
                rx.cond(busy, rx.icon("loader", size=16, aria_hidden="true", class_name="animate-spin")),
                names[tag],
                type="button",
                lang=tag,
                dir=locale_info(tag).direction,
                on_click=client.call("pasoKeep", tag),
                disabled=keeping != "",
                aria_busy=either(busy, "true", "false"),
                class_name=f"inline-flex items-center gap-1 min-h-11 px-3 rounded-full border-2 border-teal-800 "
                f"text-teal-900 text-sm font-semibold disabled:opacity-60 {FOCUS}",
                data_testid=f"keep-{tag}",
            ),
        )
        return shown

    others = [tag for tag in names if tag != locale]
    shown: rx.Component = rx.fragment(
        rx.cond(
            unsaved,
            rx.el.p(
                rx.icon("wifi-off", size=18, aria_hidden="true", class_name="shrink-0 mt-1"),
                sentence(not_saved, unsaved),
                role="alert",
                class_name="flex gap-2 m-1 p-2 rounded-lg bg-amber-100 text-amber-950 text-base",
                data_testid="language-not-saved",
            ),
        ),
        # Only where the worker has saved this language already (so it can save another), online.
        rx.cond(
            _flag("online") & locales.contains(locale) & (locales.length() < len(names)),
            rx.el.div(
                rx.el.p(
                    rx.icon("download", size=16, aria_hidden="true", class_name="shrink-0 mt-1"),
                    _("Also keep for offline use:"),
                    class_name="flex gap-1.5 text-sm text-slate-700",
                ),
                rx.el.div(*[keep_button(tag) for tag in others], class_name="flex flex-wrap gap-1.5"),
                role="group",
                aria_label=_("Also keep for offline use:"),
                class_name="space-y-1.5 mt-1 p-2 border-t border-slate-200",
                data_testid="keep-languages",
            ),
        ),
        rx.el.p(
            sentence(kept, _app("kept").to(str)),
            role="status",
            class_name="empty:hidden m-1 p-2 text-sm text-green-900",
            data_testid="language-kept",
        ),
    )
    return shown
