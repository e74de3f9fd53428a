"""The Paso app: head (language, worker-free reading), pages per locale, the ASGI front."""

from __future__ import annotations

from typing import cast

import reflex as rx

from rxapp import head, jobs, reflex_compat, registry, routes, tab_states
from rxapp.components import connection
from rxapp.desk.gate import DeskGate
from rxapp.desk.session import DeskState
from rxapp.http.app import api_transformer
from rxapp.i18n.catalogs import Translator
from rxapp.reading.not_found import not_found_page
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS

settings = get_settings()
LOCALES = settings.locales
# The head script (assets/paso/boot.js and its configuration; rxapp/head.py says what it does).
BOOT = head.script()

app = rx.App(
    head_components=[
        rx.el.script(BOOT),
        rx.el.meta(name="theme-color", content="#134e4a"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
    # Reflex 0.10 types these attributes as strings; it renders a Var as its expression.
    html_custom_attrs=cast("dict[str, str]", {"lang": head.html_lang(), "dir": head.html_dir()}),
    toaster=None,
    api_transformer=api_transformer(settings),
)
reflex_compat.replace_connection_overlay(app, connection.overlay)
# First: desk states made under another cookie are reset before a hydrate sends them.
app.add_middleware(DeskGate(), index=0)
app.register_lifespan_task(jobs.retention_loop)
tab_states.forget_closed_tabs(app)


def register(locale: str) -> None:
    """Add every page of the registry (rxapp/registry.py) in one locale."""
    _ = Translator(locale)
    desk_title = _("Paso desk")
    for page in registry.PAGES:
        if page is registry.NEED:
            for need in NEEDS:
                app.add_page(
                    reflex_compat.page_function(registry.view(page), page.name, locale, need.slug),
                    route=routes.need(locale, need.slug),
                    title=page.title_format.format(title=_(need.label)),
                )
            continue
        if page.desk:
            # Desk pages load once the session check passes (also after a sign-in or unlock on
            # that page; see rxapp/desk/session.py).
            load = registry.resolve(page.load) if page.load else None
            on_load = [DeskState.check, load] if load is not None else DeskState.check
        else:
            on_load = None
        title = desk_title if page.desk else page.title_format.format(title=_(page.title))
        app.add_page(
            reflex_compat.page_function(registry.view(page), page.name, locale),
            route=page.route.format(locale=locale),
            title=title,
            on_load=on_load,
        )


for _locale in LOCALES:
    register(_locale)
app.add_page(not_found_page, route="404", title="Paso")
