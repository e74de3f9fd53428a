"""What the public service page shows of a place's own (HSDS location): its accessibility, the
languages spoken there when they are not the service's, whether it is online. Read for a
batch of places in two queries (``views.build_views``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.i18n import catalogs, formatting
from rxapp.taxonomy import N_

KEY = "access"  # its texts' key in ``build_views``'s texts: ("access", id, field)


@dataclass(frozen=True)
class PlaceExtras:
    """The languages and accessibility entries of some places, by place id."""

    languages: dict[int, list[str]]
    access: dict[int, list[m.Accessibility]]

    @classmethod
    def read(cls, session: Session, place_ids: Iterable[int]) -> PlaceExtras:
        """What the places ``place_ids`` have."""
        wanted = list(place_ids)
        languages: dict[int, list[str]] = defaultdict(list)
        for spoken in session.exec(
            select(m.LocationLanguage)
            .where(col(m.LocationLanguage.location_id).in_(wanted))
            .order_by(col(m.LocationLanguage.language))
        ).all():
            languages[spoken.location_id].append(spoken.language)
        access: dict[int, list[m.Accessibility]] = defaultdict(list)
        for row in session.exec(
            select(m.Accessibility)
            .where(col(m.Accessibility.location_id).in_(wanted))
            .order_by(col(m.Accessibility.id))
        ).all():
            access[row.location_id].append(row)
        return cls(languages, access)

    def rows(self) -> list[m.Accessibility]:
        """Every accessibility entry read, for ``localize``."""
        return [row for group in self.access.values() for row in group]

    def public(
        self, place: m.Location, text: Callable[[tuple[Any, ...]], str], service: Sequence[str], locale: str
    ) -> dict[str, Any]:
        """The place's ``LocationPublic`` fields: ``service`` is the service's language tags."""
        assert place.id is not None
        entries = self.access.get(place.id, [])
        tags = self.languages.get(place.id, [])
        here = ""
        if tags and set(tags) != set(service):
            names = formatting.join([formatting.language_name(tag, locale) for tag in tags], locale)
            here = catalogs.gettext(locale, N_("At this place: {languages}")).format(languages=names)
        return {
            "accessibility": "\n".join(t for e in entries if (t := text((KEY, e.id, "description")))),
            "accessibility_details": "\n".join(t for e in entries if (t := text((KEY, e.id, "details")))),
            "languages_text": here,
            "online": catalogs.gettext(locale, N_("Online"))
            if place.location_type is m.LocationType.VIRTUAL
            else "",
        }
