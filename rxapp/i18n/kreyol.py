"""Kreyòl ayisyen names Babel lacks (its ``ht`` data is a stub; the rest borrows ``fr``)."""

from __future__ import annotations

WEEKDAYS = ("Lendi", "Madi", "Mèkredi", "Jedi", "Vandredi", "Samdi", "Dimanch")
MONTHS = (
    "janvye",
    "fevriye",
    "mas",
    "avril",
    "me",
    "jen",
    "jiyè",
    "out",
    "septanm",
    "oktòb",
    "novanm",
    "desanm",
)
# Languages spoken at services around the centre; others fall back to French names.
LANGUAGES = {
    "es": "panyòl",
    "en": "anglè",
    "fr": "franse",
    "ht": "kreyòl ayisyen",
    "pt": "pòtigè",
    "ar": "arab",
    "mam": "mam",
}
AND = "ak"
