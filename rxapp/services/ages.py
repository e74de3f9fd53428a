"""A service's age limits in words, as its public page says them next to who can use it.

The limits are whole years, both included (HSDS ``minimum_age``/``maximum_age``): a maximum of
17 is "Under 18", and a minimum of 0 is no minimum.
"""

from __future__ import annotations

from rxapp.i18n import catalogs
from rxapp.taxonomy import N_


def in_words(minimum: int | None, maximum: int | None, locale: str) -> str:
    """ "Ages 12 to 17", "Ages 18 and over", "Under 18", "Age 5 only"; "" without a limit."""
    least = minimum or None  # 0: anyone young enough
    if least is None and maximum is None:
        return ""
    if least is None:
        assert maximum is not None
        # TRANSLATORS: an age limit on a service: {limit} is one more than the oldest age served.
        return catalogs.gettext(locale, N_("Under {limit}")).format(limit=maximum + 1)
    if maximum is None:
        # TRANSLATORS: an age limit on a service, e.g. "Ages 18 and over".
        return catalogs.gettext(locale, N_("Ages {minimum} and over")).format(minimum=least)
    if least == maximum:
        # TRANSLATORS: a service for people of one age only.
        return catalogs.gettext(locale, N_("Age {age} only")).format(age=least)
    # TRANSLATORS: the ages a service is for, both included, e.g. "Ages 12 to 17".
    return catalogs.gettext(locale, N_("Ages {minimum} to {maximum}")).format(minimum=least, maximum=maximum)
