"""The ``translation_status`` extension: where each exported text stands in the export's locale.

HSDS has no translations of text fields, and its schemas do not forbid extra properties, so
each exported record that has texts carries ``{"locale": L, "fields": {field: {"status": S,
"text_locale": T}}}``: S is ``source`` (written in L), ``up_to_date``, ``outdated`` or
``missing`` (computed as rxapp.services.translation computes it), T the language the exported
text is actually in (a missing text falls back along the locale's chain). A consumer that does
not know it ignores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import SQLModel

from rxapp import models as m
from rxapp.services.localize import Found, Text
from rxapp.services.translation import status_of

SOURCE = "source"


def statuses(records: Sequence[SQLModel], found: Found, locale: str) -> dict[tuple[int, str], str]:
    """Each text field's status in ``locale`` for some records of one table, from ``found``
    (their translations, ``localize.translations``)."""
    if not records:
        return {}
    kind = m.RECORD_TYPES[type(records[0])]
    result: dict[tuple[int, str], str] = {}
    for record in records:
        record_id = getattr(record, "id")  # noqa: B009 - tables share no base with `id`
        versions = getattr(record, "text_versions", None) or {}
        for name in m.text_fields(record):
            if getattr(record, "source_locale") == locale:  # noqa: B009
                result[(record_id, name)] = SOURCE
            else:
                made = found.get((kind, record_id, name, locale))
                result[(record_id, name)] = status_of(made, versions.get(name, 1)).value
    return result


def extension(
    locale: str,
    record_id: int,
    fields: dict[str, str],
    status: dict[tuple[int, str], str],
    texts: dict[tuple[int, str], Text],
) -> dict[str, Any]:
    """The extension object of one record; ``fields`` maps Paso's field names to HSDS's."""
    return {
        "locale": locale,
        "fields": {
            hsds: {"status": status[(record_id, paso)], "text_locale": texts[(record_id, paso)].locale}
            for paso, hsds in fields.items()
            if texts[(record_id, paso)].text
        },
    }
