"""What a list page (a need's list, the search) tells the browser that builds its cards."""

from __future__ import annotations

from rxapp import routes
from rxapp.components.directory import status_labels
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator


def list_options(locale: str, _: Translator, need: str = "") -> dict[str, object]:
    """What the browser needs to build a list: its words, links and number symbols."""
    labels = status_labels(_) | {
        "found": _.plural("{count} service found", "{count} services found"),
        "progress": _("Loading more services… {loaded} of {total}"),
        # TRANSLATORS: a distance in a straight line, e.g. "800 m".
        "metres": _("{n} m"),
        # TRANSLATORS: a distance in a straight line, e.g. "2.4 km".
        "km": _("{n} km"),
        # TRANSLATORS: an estimated walk, e.g. "10 min".
        "minutes": _("{n} min"),
        # TRANSLATORS: an estimated walk, e.g. "1 h 20 min".
        "hours": _("{h} h {n} min"),
    }
    return {
        "need": need,
        "labels": labels,
        "base": routes.service(locale),
        "locale": locale,
        "group": formatting.group_symbol(locale),
        "decimal": formatting.decimal_symbol(locale),
    }
