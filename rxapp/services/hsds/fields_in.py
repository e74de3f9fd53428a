"""Single HSDS values read into Paso's columns: ages, phone types and extensions, address parts.

A value HSDS allows and Paso cannot keep as it is (an age of 12.5, a phone type outside RFC
6350's list, a country that is no ISO 3166-1 code) is left out and reported as "not kept",
never refused: the rest of the record still imports.
"""

from __future__ import annotations

from typing import Any

from rxapp import models as m
from rxapp.i18n.countries import is_known_country
from rxapp.services.hsds import reading

Leftovers = list[tuple[str, str]]
NOT_KEPT = "not kept"


def whole(value: float | None, limit: int, where: str, leftovers: Leftovers) -> int | None:
    """A whole number from 0 to ``limit``, or None (a value that is not one is reported)."""
    if value is None:
        return None
    if value != int(value) or not 0 <= value <= limit:
        leftovers.append((where, NOT_KEPT))
        return None
    return int(value)


def service(doc: reading.Service, where: str, leftovers: Leftovers) -> dict[str, Any]:
    """A service's plain fields: website, email, ages (a minimum above the maximum: neither)."""
    least = whole(doc.minimum_age, m.AGE_MAX, f"{where}.minimum_age", leftovers)
    most = whole(doc.maximum_age, m.AGE_MAX, f"{where}.maximum_age", leftovers)
    if least is not None and most is not None and least > most:
        leftovers += [(f"{where}.minimum_age", NOT_KEPT), (f"{where}.maximum_age", NOT_KEPT)]
        least = most = None
    return {"url": doc.url or None, "email": doc.email or None, "minimum_age": least, "maximum_age": most}


def phone(doc: reading.Phone, where: str, leftovers: Leftovers) -> dict[str, Any]:
    """A phone's type (voice when none; another word is reported) and extension."""
    kind = m.PhoneType.VOICE
    if doc.type in {t.value for t in m.PhoneType}:
        kind = m.PhoneType(doc.type)
    elif doc.type:
        leftovers.append((f"{where}.type", NOT_KEPT))
    return {"type": kind, "extension": whole(doc.extension, m.EXTENSION_MAX, f"{where}.extension", leftovers)}


def address(doc: reading.Location, where: str, country: str, leftovers: Leftovers) -> dict[str, Any]:
    """A location's type and first address. The installation's ``country`` is kept as empty
    (what the desk leaves), so an export read back changes nothing."""
    found: dict[str, Any] = {"location_type": m.LocationType(doc.location_type)}
    leftovers += [(f"{where}.addresses[{i}]", NOT_KEPT) for i in range(1, len(doc.addresses))]
    first = doc.addresses[0] if doc.addresses else None
    code = first.country.strip().upper() if first else ""
    if code and not is_known_country(code):
        leftovers.append((f"{where}.addresses[0].country", NOT_KEPT))
        code = ""
    return found | {
        "address": first.address_1 if first else "",
        "city": first.city if first else "",
        "state_province": first.state_province if first else "",
        "postal_code": first.postal_code if first else "",
        "country": "" if code == country else code,
    }
