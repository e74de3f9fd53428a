"""Desk data as the tablet shows it: labels, dates and waiting times in the desk's language.

Plain functions from the desk services' data to the typed rows of ``rows`` (what Reflex state
sends); no Reflex import, so they are unit-tested directly.
"""

from __future__ import annotations

import datetime as dt

from babel.units import format_unit

from rxapp.desk.followup.display import follow_up
from rxapp.desk.followup.rows import AppointmentRow
from rxapp.desk.formats import status, when
from rxapp.desk.queue.rows import (
    Duplicate,
    Entry,
    OpenRecord,
    QueueRow,
    RecordField,
    ReferralOptions,
    ServiceOption,
)
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.countries import SPOKEN_EXTRA, country_name
from rxapp.i18n.formatting import babel_locale, date_long, join, language_name
from rxapp.models import ContactMethod
from rxapp.services.clock import as_utc
from rxapp.services.phone import call_links, parse_phone
from rxapp.services.records import MergeWords, QueueItem, RecordView, ReferralChoice
from rxapp.services.text import normalize
from rxapp.settings import get_settings
from rxapp.taxonomy import N_, NEEDS_BY_SLUG

CONTACTS: dict[ContactMethod, str] = {
    ContactMethod.CALL: N_("Phone call"),
    ContactMethod.WHATSAPP: N_("WhatsApp"),
    ContactMethod.SMS: N_("Text message (SMS)"),
    ContactMethod.DESK: N_("At the desk, no phone"),
}
REASONS = {"phone": N_("same phone"), "nationality": N_("same nationality")}


_UNITS = ("duration-day", "duration-hour", "duration-minute")


def waited(created: dt.datetime, now: dt.datetime, _: Translator) -> str:
    """How long someone has waited, always in the same words: "under a minute", "2 min",
    "1 h 5 min", "2 d 3 h" (the two largest units, the locale's short names)."""
    minutes = int(max(now - as_utc(created), dt.timedelta(0)).total_seconds()) // 60
    if minutes < 1:
        return _("under a minute")
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    amounts = [days, hours, minutes]
    first = next(i for i, amount in enumerate(amounts) if amount)
    locale = babel_locale(_.tag)
    return " ".join(
        str(format_unit(amount, unit, length="short", locale=locale))
        for amount, unit in zip(amounts[first : first + 2], _UNITS[first : first + 2], strict=True)
        if amount
    )


def needs(slugs: list[str], _: Translator) -> str:
    """Needs in prose."""
    labels = [_(NEEDS_BY_SLUG[slug].label) for slug in slugs if slug in NEEDS_BY_SLUG]
    return join(labels, _.tag) if labels else ""


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


def queue_row(item: QueueItem, now: dt.datetime, _: Translator) -> QueueRow:
    """One line of the queue."""
    return QueueRow(
        id=item.id,
        reference=item.reference,
        name=item.name,
        needs=needs(item.needs, _),
        status=item.status.value,
        status_label=status(item.status, _),
        waited=waited(item.created_at, now, _),
        languages=_languages(item.languages, _),
        assisted=item.assisted,
    )


def _country(code: str | None, _: Translator) -> str:
    if not code:
        return ""
    return country_name(code, _.tag)


def _languages(tags: list[str], _: Translator) -> str:
    return join([SPOKEN_EXTRA.get(tag) or language_name(tag, _.tag) for tag in tags], _.tag)


def phone_links(phone: str | None, whatsapp: bool) -> dict[str, str]:
    """The stored number (E.164) as the desk shows it, with a call link and, when the person
    uses WhatsApp, a wa.me link (digits only, country code first)."""
    if not phone:
        return {"value": "", "tel": "", "whatsapp": ""}
    try:
        shown = parse_phone(phone).international
    except ValueError:  # stored before a rule changed: show it as it is
        shown = phone
    tel, chat = call_links(phone, whatsapp=whatsapp)  # stored in E.164: with its "+"
    return {"value": shown, "tel": tel, "whatsapp": chat or ""}


def consent_date(value: dt.datetime, _: Translator) -> str:
    """When the person agreed, as one date in the desk's language."""
    day = as_utc(value).astimezone(get_settings().tz).date()
    return _("Agreed on {date}").replace("{date}", date_long(day, _.tag))


def record(view: RecordView, _: Translator, appointments: list[AppointmentRow] | None = None) -> OpenRecord:
    """An open record: its fields as label/value rows, its notes, history and referrals, its
    follow-up and its appointments (as ``rxapp.desk.followup.display`` words them)."""
    people = [
        (_("Adults"), "" if view.adults is None else str(view.adults)),
        (_("Children"), "" if view.children is None else str(view.children)),
    ]
    contact = _(CONTACTS[view.preferred_contact]) if view.preferred_contact else ""
    uses_whatsapp = view.has_whatsapp or view.preferred_contact == ContactMethod.WHATSAPP
    registered = when(view.created_at, _) + (" · " + _("at the desk") if view.assisted else "")
    rows = [
        RecordField(_("Needs"), needs(view.needs, _)),
        RecordField(_("Nationality"), _country(view.nationality, _)),
        RecordField(_("Languages"), _languages(view.languages, _)),
        *(RecordField(label, value) for label, value in people),
        RecordField(_("Phone"), **phone_links(view.phone, uses_whatsapp)),
        RecordField(_("Preferred contact"), contact),
        RecordField(_("Message"), view.message),
        RecordField(_("Registered"), registered),
        RecordField(_("Consent"), consent_date(view.consent_at, _)),
    ]
    return OpenRecord(
        id=view.id,
        reference=view.reference,
        name=view.name,
        status=view.status.value,
        fields=[row for row in rows if row.value],
        notes=[Entry(n.text, n.author or "—", when(n.created_at, _)) for n in view.notes],
        history=[
            Entry(
                f"{status(h.from_status, _)} → {status(h.to_status, _)}",
                h.author or "—",
                when(h.created_at, _),
            )
            for h in view.history
        ],
        referrals=[
            Entry(
                r.service_name,
                r.author or "—",
                when(r.created_at, _),
                _("The person agreed") if r.consented else "",
                id=r.id,
                note=r.note,
            )
            for r in view.referrals
        ],
        has_phone=bool(view.phone),
        follow_up=follow_up(view.follow_up_on, view.follow_up_note, _),
        appointments=appointments or [],
        duplicates=[
            Duplicate(
                id=d.id,
                reference=d.reference,
                name=d.name,
                reason=_(REASONS.get(d.reason, d.reason)),
                when=when(d.created_at, _),
            )
            for d in view.duplicates
        ],
    )


def referral_options(choices: list[ReferralChoice], _: Translator) -> ReferralOptions:
    """The referral list in two groups: services for the person's needs, then the others.

    ``key`` is what the list's filter box matches (folded as ``assets/paso/search.mjs`` folds).
    """
    groups = ReferralOptions()
    closed = _("Temporarily closed")
    for choice in choices:
        label = f"{choice.name} · {choice.organization}"
        if choice.temporarily_closed:
            label += f" ({closed})"
        group = groups.matching if choice.matches else groups.other
        group.append(ServiceOption(choice.slug, label, normalize(f"{choice.name} {choice.organization}")))
    return groups
