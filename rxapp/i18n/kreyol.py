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
# Countries of the people most often seen on the route through Motozintla (Central America and
# the Caribbean, South America, West and Central Africa, South Asia, and the countries migrants
# lived in before), drafted for review like the catalogs' texts. Others keep their French names.
COUNTRIES = {
    "AF": "Afganistan",
    "AO": "Angola",
    "AR": "Ajantin",
    "BD": "Bangladèch",
    "BO": "Bolivi",
    "BR": "Brezil",
    "BZ": "Beliz",
    "CA": "Kanada",
    "CD": "Kongo (Repiblik Demokratik)",
    "CL": "Chili",
    "CM": "Kamewoun",
    "CN": "Lachin",
    "CO": "Kolonbi",
    "CR": "Kosta Rika",
    "CU": "Kiba",
    "DO": "Repiblik Dominikèn",
    "EC": "Ekwatè",
    "ES": "Espay",
    "FR": "Lafrans",
    "GH": "Gana",
    "GN": "Gine",
    "GT": "Gwatemala",
    "HN": "Ondiras",
    "HT": "Ayiti",
    "IN": "End",
    "JM": "Jamayik",
    "MR": "Moritani",
    "MX": "Meksik",
    "NG": "Nijerya",
    "NI": "Nikaragwa",
    "NP": "Nepal",
    "PA": "Panama",
    "PE": "Pewou",
    "SN": "Senegal",
    "SV": "Salvadò",
    "US": "Etazini",
    "UY": "Irigwe",
    "VE": "Venezyela",
}
