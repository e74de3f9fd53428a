"""The upload form of one language on the translator's desk. ``assets/paso/content.js`` posts
the file with ``fetch`` (see ``rxapp.http.content`` for why) and sets the ``pasoupload`` client
state; every word shown comes from here, in the desk's language."""

from __future__ import annotations

from typing import cast

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import client
from rxapp.components.desk import PRIMARY
from rxapp.components.form import LABEL
from rxapp.components.style import FOCUS, either
from rxapp.desk.session import PROBLEMS
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.services.auth import AuthProblem
from rxapp.services.content_files import MAX_BYTES, MEDIA_TYPE

FILE_INPUT = (
    f"block min-w-0 flex-1 text-base file:me-3 file:min-h-11 file:px-4 file:rounded-xl file:border-2 "
    f"file:border-slate-300 file:bg-white file:font-semibold {FOCUS}"
)

# {"locale": the form it concerns, "phase": idle | sending | done | error, "message": words}
upload = ClientStateVar.create("pasoupload", {"locale": "", "phase": "idle", "message": ""})
# Its value as the object it is (ClientStateVar.value is typed Var[Any]).
UPLOAD = cast("ObjectVar[dict[str, str]]", upload.value)


def words(_: Translator, tag: str) -> dict[str, str]:
    """Every message an upload to ``tag`` can end with, in the desk's language."""
    megabytes = str(MAX_BYTES // (1024 * 1024))
    return {
        "sending": _("Sending the file…"),
        "done": _("Imported. Updated: {updated} · Unchanged: {unchanged} · Not translated yet: {skipped}"),
        "stale": _(
            "Not imported because the text changed in the directory after your download: {stale}. "
            "Download the file again to translate them."
        ),
        "no_file": _("Choose a file first."),
        "too_large": _("This file is too large: at most {size} MB.").replace("{size}", megabytes),
        "not_po": _("This file is not a translation file (.po). Nothing was imported."),
        "no_language": _(
            "This file does not say which language it is for. Nothing was imported: "
            "use the file downloaded from this page."
        ),
        "wrong_language": _(
            "This file is for another language ({language}), not {name}. Nothing was imported."
        ).replace("{name}", locale_info(tag).native_name),
        "mismatch": _(
            "Nothing was imported: some texts in this file do not match the directory (lines {lines}). "
            "Download the file again and copy your translations into it."
        ),
        "too_long": _(
            "Nothing was imported: some translations are longer than the directory allows (lines {lines}). "
            "Shorten them and send the file again."
        ),
        "locked": _(PROBLEMS[AuthProblem.SESSION_LOCKED]),
        "signed_out": _(PROBLEMS[AuthProblem.SESSION_ENDED]),
        "forbidden": _(PROBLEMS[AuthProblem.NOT_ALLOWED]),
        "failed": _("Could not send the file. Check the connection and try again."),
    }


def send(tag: str, _: Translator) -> client.Function:
    """The form's submit: the file is read from its input by id, not from the form's fields."""
    return client.call("pasoContentUpload", routes.content_po(tag), tag, words(_, tag), MAX_BYTES)


def upload_form(tag: str, _: Translator) -> rx.Component:
    """A file input, its button and the outcome in a live region that is always there."""
    mine = UPLOAD["locale"].to(str) == tag
    phase = UPLOAD["phase"].to(str)
    return rx.el.form(
        rx.el.label(_("Translated file (.po)"), html_for=f"po-file-{tag}", class_name=LABEL),
        rx.el.div(
            rx.el.input(
                id=f"po-file-{tag}",
                name="file",
                type="file",
                accept=f".po,{MEDIA_TYPE}",
                required=True,
                class_name=FILE_INPUT,
            ),
            rx.el.button(
                rx.icon("upload", size=18, aria_hidden="true"),
                _("Upload"),
                type="submit",
                disabled=phase == "sending",
                class_name=PRIMARY,
                data_testid=f"upload-{tag}",
            ),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.el.p(
            either(mine, UPLOAD["message"].to(str), ""),
            id=f"po-status-{tag}",
            role="status",
            class_name=either(
                mine & (phase == "error"),
                "rounded-xl bg-red-50 border-2 border-red-700 p-3 font-semibold text-red-900 empty:hidden",
                either(
                    mine & (phase == "done"),
                    "rounded-xl bg-green-50 border-2 border-green-700 p-3 font-semibold empty:hidden",
                    "text-slate-700 empty:hidden",
                ),
            ),
            data_testid=f"upload-status-{tag}",
        ),
        on_submit=send(tag, _),
        class_name="space-y-2",
    )
