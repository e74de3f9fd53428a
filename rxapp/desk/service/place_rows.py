"""A service's hours at each of its places as the edit form shows them (no Reflex): rows to
edit, and each place's own opening hours in words, shown but not edited."""

from __future__ import annotations

from rxapp.i18n.formatting import weekday_names
from rxapp.services.editing_views import Sheet
from rxapp.services.followup.sending import week_runs
from rxapp.services.views import HM, week_table


def shown(found: Sheet) -> dict[str, str]:
    """Whether the form has the per-place block, decided once at load: removing the last row
    must not take the block (and the saving of that removal) away."""
    return {"place_hours": "1" if len(found.places) > 1 or found.place_slots else ""}


def place_slot_rows(found: Sheet) -> list[dict[str, str]]:
    """The service's slots at its places as form rows, each naming its place (the state adds
    each row's key)."""
    return [
        {
            "place": str(s.service_at_location_id),
            "weekday": str(s.weekday),
            "opens": s.opens_at.strftime(HM),
            "closes": s.closes_at.strftime(HM),
        }
        for s in found.place_slots
    ]


def place_choices(found: Sheet, locale: str) -> list[list[str]]:
    """[service_at_location id, name, the place's own opening hours in words ("" for none)]."""
    days = weekday_names(locale)
    return [
        [
            str(link),
            name,
            "; ".join(
                f"{d} {h}" for d, h in week_runs(week_table(found.place_own.get(link, []), days, locale))
            ),
        ]
        for link, name in found.places
    ]
