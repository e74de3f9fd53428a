"""Desk data as the tablet shows it: labels, dates and waiting times in the desk's language.

Plain functions from the desk services' data to dicts of strings (what Reflex state sends);
no Reflex import, so they are unit-tested directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_datetime, format_timedelta

from rxapp.i18n.catalogs import Translator
from rxapp.i18n.countries import SPOKEN_EXTRA
from rxapp.i18n.formatting import babel_locale, join, language_name
from rxapp.models import ContactMethod, RegistrationStatus
from rxapp.services.clock import as_utc
from rxapp.services.desk import MergeWords, QueueItem, RecordView
from rxapp.settings import get_settings
from rxapp.taxonomy import N_, NEEDS_BY_SLUG

STATUSES: dict[RegistrationStatus, str] = {
    RegistrationStatus.NEW: N_("New"),
    RegistrationStatus.WAITING: N_("Waiting"),
    RegistrationStatus.IN_PROGRESS: N_("In progress"),
    RegistrationStatus.REFERRED: N_("Referred"),
    RegistrationStatus.CLOSED: N_("Closed"),
}
CONTACTS: dict[ContactMethod, str] = {
    ContactMethod.CALL: N_("Phone call"),
    ContactMethod.WHATSAPP: N_("WhatsApp"),
    ContactMethod.SMS: N_("Text message (SMS)"),
    ContactMethod.DESK: N_("At the desk, no phone"),
}
REASONS = {"phone": N_("same phone"), "nationality": N_("same nationality")}


def when(value: dt.datetime, _: Translator) -> str:
    """A moment in the centre's time zone, short."""
    local = as_utc(value).astimezone(get_settings().tz)
    return str(format_datetime(local, format="short", locale=babel_locale(_.tag)))


def waited(created: dt.datetime, now: dt.datetime, _: Translator) -> str:
    """How long someone has waited, e.g. "35 minutes"."""
    delta = max(now - as_utc(created), dt.timedelta(0))
    return str(format_timedelta(delta, threshold=1.5, format="short", locale=babel_locale(_.tag)))


def needs(slugs: list[str], _: Translator) -> str:
    """Needs in prose."""
    labels = [_(NEEDS_BY_SLUG[slug].label) for slug in slugs if slug in NEEDS_BY_SLUG]
    return join(labels, _.tag) if labels else ""


def status(value: RegistrationStatus | str, _: Translator) -> str:
    """A status's label."""
    return _(STATUSES[RegistrationStatus(value)])


def merge_words(_: Translator) -> MergeWords:
    """The note a merge leaves, in the desk's language: what was folded in, and the other
    record's name, phone, nationality and message where they differed."""
    labels = {
        "name": _("Name"),
        "phone": _("Phone"),
        "nationality": _("Nationality"),
        "message": _("Message"),
    }
    return MergeWords(
        heading=_("Merged {code} into this record"),
        labels=labels,
        show=lambda name, value: _country(value, _) if name == "nationality" else str(value),
    )


def queue_row(item: QueueItem, now: dt.datetime, _: Translator) -> dict[str, str]:
    """One line of the queue."""
    return {
        "id": str(item.id),
        "reference": item.reference,
        "name": item.name,
        "needs": needs(item.needs, _),
        "status": item.status.value,
        "status_label": status(item.status, _),
        "waited": waited(item.created_at, now, _),
        "assisted": "1" if item.assisted else "",
    }


def _country(code: str | None, _: Translator) -> str:
    if not code:
        return ""
    return str(babel_locale(_.tag).territories.get(code, code))


def _languages(tags: list[str], _: Translator) -> str:
    return join([SPOKEN_EXTRA.get(tag) or language_name(tag, _.tag) for tag in tags], _.tag)


def record(view: RecordView, _: Translator) -> dict[str, Any]:
    """An open record: its fields as label/value rows, and its notes, history and referrals."""
    people = [
        (_("Adults"), "" if view.adults is None else str(view.adults)),
        (_("Children"), "" if view.children is None else str(view.children)),
    ]
    contact = _(CONTACTS[view.preferred_contact]) if view.preferred_contact else ""
    fields = [
        (_("Needs"), needs(view.needs, _)),
        (_("Nationality"), _country(view.nationality, _)),
        (_("Languages"), _languages(view.languages, _)),
        *people,
        (_("Phone"), (view.phone or "") + (" · WhatsApp" if view.has_whatsapp and view.phone else "")),
        (_("Preferred contact"), contact),
        (_("Message"), view.message),
        (_("Registered"), when(view.created_at, _) + (" · " + _("at the desk") if view.assisted else "")),
        (_("Consent"), f"{view.consent_version} · {when(view.consent_at, _)}"),
    ]
    return {
        "id": view.id,
        "reference": view.reference,
        "name": view.name,
        "status": view.status.value,
        "fields": [{"label": label, "value": value} for label, value in fields if value],
        "notes": [
            {"text": n.text, "author": n.author or "—", "when": when(n.created_at, _)} for n in view.notes
        ],
        "history": [
            {
                "text": f"{status(h.from_status, _)} → {status(h.to_status, _)}",
                "author": h.author or "—",
                "when": when(h.created_at, _),
            }
            for h in view.history
        ],
        "referrals": [
            {
                "text": r.service_name,
                "author": r.author or "—",
                "when": when(r.created_at, _),
                "consent": _("The person agreed") if r.consented else "",
            }
            for r in view.referrals
        ],
        "duplicates": [
            {
                "id": str(d.id),
                "reference": d.reference,
                "name": d.name,
                "reason": _(REASONS.get(d.reason, d.reason)),
                "when": when(d.created_at, _),
            }
            for d in view.duplicates
        ],
    }
