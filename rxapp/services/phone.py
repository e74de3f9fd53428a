"""Phone numbers for any country, with the ``phonenumbers`` library (Google's libphonenumber).

A number typed without ``+`` takes its country from the person's nationality, else the
centre's country. When it is not valid for the nationality's country it is tried as a
number of the centre's country: many people on the route use a local SIM card. It is
stored in E.164 and shown back in international format, so the person can confirm it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

CENTRE_REGION = "MX"


@dataclass(frozen=True)
class Phone:
    """A valid number: what is stored and what the person is shown to confirm."""

    e164: str
    international: str


def call_links(number: str, *, whatsapp: bool) -> tuple[str, str | None]:
    """A number's ``tel:`` link (keeping its plus sign) and, when it has WhatsApp, its wa.me
    link (digits only; only with the country code, i.e. a number written with ``+``)."""
    plus = "+" if number.strip().startswith("+") else ""
    digits = re.sub(r"\D", "", number)
    return f"tel:{plus}{digits}", f"https://wa.me/{digits}" if whatsapp and plus else None


@lru_cache(maxsize=4096)  # validating a form parses its number twice (store and show)
def parse_phone(raw: str, *, nationality: str | None = None, default_region: str = CENTRE_REGION) -> Phone:
    """Parse and validate a typed number; ``ValueError`` when it is not a real number."""
    text = raw.strip()
    tries = (
        [None]
        if text.startswith("+")
        else list(dict.fromkeys([nationality or default_region, default_region]))
    )
    for region in tries:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            break
    else:
        raise ValueError(f"not a valid phone number: {text!r}")
    return Phone(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        international=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    )


def regions() -> frozenset[str]:
    """Every country code the phone library knows (ISO 3166-1 alpha-2)."""
    return frozenset(phonenumbers.SUPPORTED_REGIONS)
