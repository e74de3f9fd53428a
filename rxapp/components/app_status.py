"""What the installed app says about itself: offline, saved for offline, update, install.

The service worker and the head script report through ``window.__paso`` events;
``assets/paso/directory.js`` copies them into the ``pasoapp`` client state shown here.
"""

from __future__ import annotations

import json
from typing import Any

import reflex as rx

from rxapp.components import client
from rxapp.components.style import FOCUS
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator

BAR = "flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-base"


def _app(key: str) -> rx.Var[Any]:
    return client.app.value[key]


def banners(locale: str, _: Translator) -> rx.Component:
    """Offline and new-version messages, above the page content."""
    template = _("You are offline. The directory was saved on {date}.")
    offline = rx.Var(
        f"pasoOffline({client.app.value}, {client.directory.value}, {json.dumps(template)}, {json.dumps(locale)}, "
        f"{json.dumps(formatting.browser_months(locale))})",
        _var_data=client.imports(),
    ).to(str)
    return rx.fragment(
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
            _app("update"),
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


def install_hint(_: Translator) -> rx.Component:
    """Shown only where the browser offers to install the app."""
    return rx.cond(
        _app("install"),
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


def saved_note(_: Translator) -> rx.Component:
    """Tells a person the directory now works without internet on this phone."""
    return rx.cond(
        _app("saved"),
        rx.el.p(
            rx.icon("circle-check", size=18, aria_hidden="true", class_name="text-green-800"),
            _("Saved on this phone: the directory works without internet."),
            class_name="flex items-center gap-2",
            data_testid="offline-ready",
        ),
    )
