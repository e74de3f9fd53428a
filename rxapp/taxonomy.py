"""The fixed taxonomy of needs: slug, icon and English label (a gettext msgid).

The taxonomy is part of the interface, so its labels live in the gettext catalogs and the
home page can be prerendered without the database; the ``category`` table mirrors it for
joins and the HSDS export.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction without translating it here."""
    return message


@dataclass(frozen=True)
class Need:
    """One need people come with, shown as a tile."""

    slug: str
    icon: str  # lucide icon name, drawn as inline SVG
    label: str  # English msgid


NEEDS: tuple[Need, ...] = (
    Need("food", "utensils", N_("Food")),
    Need("shelter", "bed-double", N_("Shelter")),
    Need("health", "stethoscope", N_("Health")),
    Need("legal", "scale", N_("Legal help")),
    Need("psychosocial", "heart-handshake", N_("Emotional support")),
    Need("protection", "baby", N_("Protection and children")),
    Need("documents", "file-text", N_("Documents")),
    Need("connectivity", "wifi", N_("Phone and internet")),
    Need("hygiene", "shower-head", N_("Hygiene")),
    Need("transport", "signpost", N_("Transport and orientation")),
    Need("work", "briefcase", N_("Work")),
    Need("education", "book-open", N_("Education")),
)

NEEDS_BY_SLUG: dict[str, Need] = {need.slug: need for need in NEEDS}
