"""The service form's documents to bring: a text per row, in the language of the service's
texts, and an optional link; rows added and removed as phones are."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.desk.service.rows import _box, _remove, _section
from rxapp.desk.service.state import VALUES, EditState
from rxapp.i18n.catalogs import Translator


def documents(_: Translator) -> rx.Component:
    """What a person must bring to use the service (none: the list stays empty)."""
    written = {"dir": VALUES["source_dir"].to(str), "lang": VALUES["source_lang"].to(str)}

    def row(doc: ObjectVar[dict[str, str]]) -> rx.Component:
        return rx.el.div(
            rx.el.div(
                _box("documents", doc, "document", _("Document"), **written), class_name="md:col-span-2"
            ),
            _box("documents", doc, "uri", _("Link (optional)"), type="url", dir="ltr"),
            _remove("documents", doc, _("Remove")),
            key=doc["key"],
            class_name="grid grid-cols-1 md:grid-cols-4 gap-2 items-start",
            data_testid="document-row",
        )

    hint = _(
        'One document a row, as a person would say it ("Identity document from any country, expired is fine"). '
        'Leave the list empty when none is needed, and tick "No documents needed".'
    )
    return _section(
        _("Documents to bring"),
        hint,
        rx.el.div(rx.foreach(EditState.documents, row), class_name="space-y-3"),
        "documents",
        _("Add a document"),
    )
