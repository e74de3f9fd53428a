"""Our own connection message, replacing Reflex's English-only overlay.

The overlay is one component for the whole app, so it carries every locale's text and
picks by the document's language in the browser.
"""

from __future__ import annotations

import reflex as rx

from rxapp.components import client
from rxapp.i18n.catalogs import Translator
from rxapp.reflex_compat import has_connection_errors
from rxapp.settings import get_settings


def overlay(stateful: bool) -> rx.Component | None:
    """A translated "connection lost" banner, shown only on pages that use the websocket."""
    if not stateful:
        return None
    settings = get_settings()
    texts = {}
    for tag in settings.locales:
        _ = Translator(tag)
        texts[tag] = _("Connection lost. Trying to reconnect… Nothing you typed is lost.")
    message = client.value("pasoInPageLanguage", texts, texts[settings.default_locale]).to(str)
    return rx.cond(
        has_connection_errors,
        rx.el.div(
            message,
            role="alert",
            class_name="fixed bottom-0 inset-x-0 z-50 bg-amber-100 border-t-2 border-amber-500 p-3 text-center",
            data_testid="connection-lost",
        ),
    )
