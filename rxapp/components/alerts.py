"""Alerts as the public pages receive them: the ``pasoalerts`` client state, its typed view,
and the words and clock the browser needs to write them in the page's language.

The alerts travel in each locale's directory index; ``assets/paso/alerts.js`` computes what
every page shows from them (``alertsView`` in ``assets/paso/alerts.mjs``) whenever an index
arrives or an alert starts or ends. Nothing is prerendered: with no alert nothing shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from babel.dates import get_month_names, get_time_format
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import client
from rxapp.i18n import formatting, kreyol
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import KNOWN
from rxapp.i18n.locales import info as locale_info
from rxapp.settings import get_settings


@dataclass(frozen=True)
class AlertEntry:
    """One alert as a page shows it (``entry`` in alerts.mjs)."""

    id: str = ""
    title: str = ""
    text: str = ""
    urgent: bool = False
    lang: str = ""  # the language its title and text are in
    dir: str = "ltr"
    note: str = ""  # "shown in Spanish" when that is not the page's language
    when: str = ""  # from its start to its end, on the centre's clock
    href: str = ""  # its entry on the news page


@dataclass(frozen=True)
class AlertBadge:
    """The one badge a service's list card shows for its newest current alert."""

    label: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class AlertsView:
    """What every public page shows from the alerts (``alertsView`` in alerts.mjs)."""

    any: bool = False  # some alert is current
    top: AlertEntry | None = None  # the newest urgent one, on top of every page
    more: str = ""  # "+2 more" urgent ones
    info: list[AlertEntry] = field(default_factory=list)  # current information, newest first
    fresh: str = ""  # "2 new" since the news page was last read on this phone
    current: list[AlertEntry] = field(default_factory=list)
    ended: list[AlertEntry] = field(default_factory=list)  # in the last 30 days
    badges: dict[str, AlertBadge] = field(default_factory=dict)  # service slug -> badge
    services: dict[str, list[AlertEntry]] = field(default_factory=dict)  # slug -> its alerts


# alerts.js's EMPTY gives the same.
EMPTY: dict[str, Any] = dataclasses.asdict(AlertsView())
state = ClientStateVar.create("pasoalerts", EMPTY)


def view() -> ObjectVar[AlertsView]:
    """The alerts' view, typed."""
    return state.value.to(ObjectVar, AlertsView)


_TOKEN = re.compile(r"'([^']*)'|([A-Za-z])\2*")
_KNOWN_TOKENS = {"d", "MMMM", "H", "HH", "h", "hh", "mm", "a"}


def template(pattern: str) -> str:
    """An LDML pattern as a template alerts.mjs fills: "d 'de' MMMM" -> "{d} de {MMMM}"."""

    def replace(found: re.Match[str]) -> str:
        if found.group(1) is not None:
            return found.group(1) or "'"  # '' is a quote
        token = found.group(0)
        return "{" + token + "}" if token in _KNOWN_TOKENS else token

    return _TOKEN.sub(replace, pattern)


@cache
def words(locale: str) -> dict[str, Any]:
    """Everything the browser needs to write alerts in ``locale``."""
    _ = Translator(locale)
    data = formatting.babel_locale(locale)
    known = KNOWN.get(locale)
    skeleton = data.datetime_skeletons.get("MMMMd")
    months = get_month_names("wide", context="format", locale=data)
    periods = data.day_periods.get("format", {}).get("abbreviated", {})
    return {
        "day": template(skeleton.pattern if skeleton is not None else "d MMMM"),
        "months": list(kreyol.MONTHS) if locale == "ht" else [str(months[m]) for m in range(1, 13)],
        "time": template((known and known.time_pattern) or get_time_format("short", locale=data).pattern),
        "periods": [str(periods.get("am", "AM")), str(periods.get("pm", "PM"))],
        # TRANSLATORS: when an alert holds, e.g. "From 3 December 16:00 to 4 December 14:00".
        "range": _("From {start} to {end}"),
        # The notice a service's page shows for text in another language, reused as is.
        "note": _("Some of this text is not translated yet and is shown in {languages}."),
        "languages": {tag: formatting.language_name(tag, locale) for tag in get_settings().locales},
        # TRANSLATORS: more urgent alerts than the one shown on top of the page.
        "more": _.plural("+{count} more", "+{count} more"),
        # TRANSLATORS: alerts posted since the news page was last opened on this phone.
        "fresh": _.plural("{count} new", "{count} new"),
        "badges": {
            "full_tonight": _("Full tonight"),
            "closed_today": _("Closed today"),
            "notice": _("Notice"),
        },
    }


def start(locale: str) -> client.Function:
    """The on-mount call giving alerts.js the page's locale, words and the centre's clock."""
    settings = get_settings()
    options = {
        "locale": locale,
        "words": words(locale),
        "directions": {tag: locale_info(tag).direction for tag in settings.locales},
        "timeZone": settings.timezone,
        "offsets": client.offsets(settings.timezone, dt.datetime.now(dt.UTC).date()),
        "news": routes.news(locale),
    }
    return client.call("pasoAlertsStart", options)
