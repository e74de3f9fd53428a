"""A location's own languages and accessibility in its HSDS document (``documents._location``).

Read for a batch of places as the public pages read them (``place_views``); a place's
languages get derived ids (location + tag, as a service's), its accessibility entries their
``uuid``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rxapp import models as m
from rxapp.i18n import formatting
from rxapp.services.hsds import ids
from rxapp.services.hsds.status import extension, statuses
from rxapp.services.localize import Found, Text, pick
from rxapp.services.place_views import PlaceExtras

ACCESSIBILITY_TEXTS = {"description": "description", "details": "details"}


@dataclass(frozen=True)
class PlaceDocs:
    """The languages and accessibility of some places, in one locale."""

    locale: str
    found: PlaceExtras
    texts: dict[tuple[int, str], Text]
    status: dict[tuple[int, str], str]

    @classmethod
    def of(cls, found: PlaceExtras, made: Found, locale: str) -> PlaceDocs:
        """What some places have (``PlaceExtras.read``, as the public pages read it), with its
        texts from ``made`` (``localize.translations`` of ``found.rows()``)."""
        rows = found.rows()
        return cls(locale, found, pick(rows, made, locale), statuses(rows, made, locale))

    def put(self, found: dict[str, Any], place: m.Location) -> None:
        """The place's languages and accessibility into its document, when it has any."""
        assert place.id is not None
        if self.found.languages.get(place.id):
            found["languages"] = [
                {
                    "id": ids.location_language(place.uuid, tag),
                    "location_id": place.uuid,
                    "name": formatting.language_name(tag, self.locale),
                    "code": tag.split("-")[0],  # HSDS asks for ISO 639; Paso keeps BCP 47
                }
                for tag in self.found.languages[place.id]
            ]
        if self.found.access.get(place.id):
            found["accessibility"] = [self._entry(place.uuid, row) for row in self.found.access[place.id]]

    def _entry(self, place: str, row: m.Accessibility) -> dict[str, Any]:
        assert row.id is not None
        entry: dict[str, Any] = {"id": row.uuid, "location_id": place}
        entry |= {hsds: self.texts[(row.id, paso)].text for paso, hsds in ACCESSIBILITY_TEXTS.items()}
        if row.url:
            entry["url"] = row.url
        entry["translation_status"] = extension(
            self.locale, row.id, ACCESSIBILITY_TEXTS, self.status, self.texts
        )
        return entry
