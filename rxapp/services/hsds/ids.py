"""Stable HSDS ids.

Rows the desk edits in place (organization, service, location, service_at_location, phone, dated
exception) carry their own ``uuid`` column. Rows the desk replaces on every save (weekly slots,
spoken languages, a service's needs) and objects Paso keeps no row for (the needs taxonomy, its
terms, an address, a cost option) get a UUID 5 over ``NAMESPACE`` and their natural key: the
same thing is named the same in every export, on every machine, without a table.
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import lru_cache

# Paso's own namespace (a fixed UUID 4): changing it renames every derived id.
NAMESPACE = uuid.UUID("96adfd11-bdd7-408f-b5b6-5394b3cf10de")
HM = "%H:%M"


@lru_cache(maxsize=1 << 16)  # a page of the API names ~250 (its slots): ~3 ms of SHA-1 each time
def derived(kind: str, *key: str) -> str:
    """The UUID 5 of an object of ``kind`` with this natural key."""
    return str(uuid.uuid5(NAMESPACE, "/".join((kind, *key))))


TAXONOMY = derived("taxonomy", "needs")


def term(slug: str) -> str:
    """A need as a taxonomy term."""
    return derived("taxonomy_term", "needs", slug)


def attribute(service: str, slug: str) -> str:
    """The link from a service (its uuid) to one of its needs."""
    return derived("attribute", service, slug)


def slot(
    owner: str,
    weekday: int,
    opens: dt.time,
    closes: dt.time,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> str:
    """A weekly slot of a service, one place of it, or a place (``owner``, its uuid): the same day,
    hours and validity keep their id when the hours are saved again (validity only when set, so
    slots without one kept their ids when it came)."""
    key = [owner, str(weekday), opens.strftime(HM), closes.strftime(HM)]
    if valid_from or valid_to:
        key += [valid_from.isoformat() if valid_from else "", valid_to.isoformat() if valid_to else ""]
    return derived("schedule", *key)


def language(service: str, tag: str) -> str:
    """A language spoken at a service."""
    return derived("language", service, tag)


def location_language(location: str, tag: str) -> str:
    """A language spoken at a place, whatever service (its own kind: never a service's id)."""
    return derived("location_language", location, tag)


def address(location: str) -> str:
    """A location's one address (Paso keeps one string per location)."""
    return derived("address", location)


def cost_option(service: str) -> str:
    """A free service's one cost option (amount 0)."""
    return derived("cost_option", service)
