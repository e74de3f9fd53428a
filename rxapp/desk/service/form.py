"""What the service forms sent, shaped for the domain's models: texts, ticked boxes, sections
and rows named by their stable keys; and the input a problem's path points at. No Reflex."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rxapp import models as m

SERVICE_PLAIN = ("url", "email", "minimum_age", "maximum_age")  # the service's untranslated boxes
LOCATION_BOXES = (
    "name", "address", "city", "state_province", "postal_code", "country", "directions", "latitude", "longitude",
    "accessibility", "accessibility_details",
)  # fmt: skip


def text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _ticked(form: Mapping[str, Any], prefix: str) -> list[str]:
    """Checkboxes named ``prefix.<value>``: the values ticked (the model checks them)."""
    return [
        name[len(prefix) + 1 :] for name, value in form.items() if name.startswith(f"{prefix}.") and value
    ]


def _group(form: Mapping[str, Any], prefix: str, names: tuple[str, ...]) -> dict[str, str] | None:
    """Inputs named ``prefix.<name>``; None when the form has no such section."""
    if not any(f"{prefix}.{name}" in form for name in names):
        return None
    return {name: text(form, f"{prefix}.{name}") for name in names}


def _location(form: Mapping[str, Any]) -> dict[str, Any]:
    """The place's boxes, its type when the form has the select, the languages ticked there."""
    found: dict[str, Any] = _group(form, "location", LOCATION_BOXES) or {}
    if "location.location_type" in form:
        found["location_type"] = text(form, "location.location_type")
    return found | {"languages": _ticked(form, "location.languages")}


RECEPTION = "reception:"  # a phone's "Place" value for a place's own phone: "reception:<its link>"


def _phone_place(value: str) -> dict[str, Any]:
    """A phone's "Place" choice: "" (every place), a service_at_location id, or that place's
    reception (``RECEPTION`` + the id)."""
    return {"place": value.removeprefix(RECEPTION), "reception": value.startswith(RECEPTION)}


def service_raw(form: Mapping[str, Any]) -> dict[str, Any]:
    """The texts, contacts, ages, flags, status, needs and languages of either form."""
    return {
        **{name: text(form, name) for name in m.TEXT_FIELDS[m.Service]},
        **{name: text(form, name) for name in SERVICE_PLAIN},
        "status": text(form, "status"),
        "keywords": text(form, "keywords"),
        "is_free": bool(form.get("is_free")),
        "no_documents_needed": bool(form.get("no_documents_needed")),
        "categories": _ticked(form, "categories"),
        "languages": _ticked(form, "languages"),
    }


def sheet_raw(form: Mapping[str, Any], rows: Mapping[str, list[dict[str, str]]]) -> dict[str, Any]:
    """What the edit form sent, shaped for ``ServiceSheet``; rows in the order shown."""

    def cell(kind: str, row: dict[str, str], name: str) -> str:
        return text(form, f"{kind}.{row['key']}.{name}")

    return {
        **service_raw(form),
        "organization": _group(form, "organization", ("name", "description", "url", "email")),
        "location": _location(form),
        "hours": [{n: cell("hours", r, n) for n in ("weekday", "opens", "closes")} for r in rows["hours"]],
        "exceptions": [
            {
                "id": int(r["id"]) if r.get("id") else None,  # from the server's rows, not the client
                **{n: cell("exceptions", r, n) for n in ("date", "opens", "closes", "note")},
                "closed": cell("exceptions", r, "closed") != "0",
            }
            for r in rows["exceptions"]
        ],
        "phones": [
            {
                "id": int(r["id"]) if r.get("id") else None,
                "number": cell("phones", r, "number"),
                "type": cell("phones", r, "type") or m.PhoneType.VOICE.value,  # a row with no choice
                "extension": cell("phones", r, "extension"),
                "is_whatsapp": bool(form.get(f"phones.{r['key']}.is_whatsapp")),
                "description": cell("phones", r, "description"),
                **_phone_place(
                    # "": every place; no select (a service at no place): the place it had
                    cell("phones", r, "place") if f"phones.{r['key']}.place" in form else r.get("place", "")
                ),
            }
            for r in rows["phones"]
        ],
        "documents": [
            {
                "id": int(r["id"]) if r.get("id") else None,
                **{n: cell("documents", r, n) for n in ("document", "uri")},
            }
            for r in rows.get("documents", [])
        ],
        # The place of a row is the server's (its section), not the client's; no section in
        # the form (a service at one place without hours there): those hours are left alone.
        "place_hours": [
            {"place": r["place"], **{n: cell("place_hours", r, n) for n in ("weekday", "opens", "closes")}}
            for r in rows.get("place_hours", [])
        ]
        if "place_hours" in form
        else None,
        "place_own": [
            {"place": r["place"], **{n: cell("place_own", r, n) for n in ("weekday", "opens", "closes")}}
            for r in rows.get("place_own", [])
        ]
        if "place_own" in form
        else None,
    }


def input_name(path: str, rows: Mapping[str, list[dict[str, str]]]) -> str:
    """The input a problem's path points at: a row's index becomes the row's key."""
    parts = path.split(".")
    if len(parts) > 1 and parts[0] in rows and parts[1].isdigit() and int(parts[1]) < len(rows[parts[0]]):
        parts[1] = rows[parts[0]][int(parts[1])]["key"]
    return ".".join(parts)
