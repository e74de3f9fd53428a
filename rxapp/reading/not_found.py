"""The 404 page. One page serves every unknown path, so it picks its language in the browser
from the path (all locales' few strings are compiled in)."""

from __future__ import annotations

import reflex as rx

from rxapp.components import client
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.settings import get_settings


def not_found_page() -> rx.Component:
    """ "Page not found" in the language of the path, with a way home."""
    settings = get_settings()
    strings = {}
    for tag in settings.locales:
        _ = Translator(tag)
        strings[tag] = {
            "title": _("Page not found"),
            "body": _("This page or service does not exist, or it is no longer in the directory."),
            "home": _("Go to the home page"),
            "dir": locale_info(tag).direction,
        }
    path_locale = client.value("pasoPathLocale", strings, settings.default_locale).to(str)
    text = rx.Var.create(strings)[path_locale].to(dict[str, str])
    return rx.el.main(
        rx.el.h1(text["title"].to(str), class_name="text-2xl font-bold"),
        rx.el.p(text["body"].to(str)),
        rx.el.a(
            text["home"].to(str),
            href="/" + path_locale,
            class_name="inline-flex items-center min-h-12 px-4 rounded-xl bg-teal-800 text-white font-semibold",
        ),
        dir=text["dir"].to(str),
        class_name="max-w-3xl mx-auto p-6 space-y-4",
        data_testid="not-found",
    )
