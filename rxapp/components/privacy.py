"""Where a person's registration goes, said plainly, in the centre's own words.

The words are a setting (``PASO_DATA_NOTICE``, one text per locale) because only the centre
knows whether it ever shares anything and with whom; the default, translated in the
catalogs, answers the commonest fear: migration authorities and the police never get it.
"""

from __future__ import annotations

import reflex as rx

from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import chain
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

DEFAULT_NOTICE = N_(
    "Only the staff of this centre see your answers. The centre never gives them to migration authorities or to the police."
)


def data_notice(locale: str) -> str:
    """The centre's words in ``locale`` (or along its fallback chain), else the default."""
    texts = get_settings().data_notice
    for tag in chain(locale):
        if texts.get(tag):
            return texts[tag]
    if texts:  # the centre's words in another language say more than the default would
        return next(iter(texts.values()))
    return Translator(locale)(DEFAULT_NOTICE)


def notice(locale: str, _: Translator, *, title: bool = True) -> rx.Component:
    """The notice with a shield, under "Who sees your answers"."""
    return rx.el.div(
        rx.icon("shield-check", size=24, aria_hidden="true", class_name="shrink-0 text-teal-800"),
        rx.el.div(
            rx.el.p(_("Who sees your answers"), class_name="font-semibold") if title else rx.fragment(),
            rx.el.p(data_notice(locale)),
            class_name="min-w-0",
        ),
        class_name="flex items-start gap-2",
        data_testid="data-notice",
    )
