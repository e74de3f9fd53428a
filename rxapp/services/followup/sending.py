"""A referral sent to the person's own phone through the volunteer's own WhatsApp or SMS app:
a ``wa.me`` or ``sms:`` link with the message ready, in the person's language. No gateway, no
account: the volunteer's app sends it, and the centre's server never does.

The message names the service, its address and directions, its hours in words, its phone,
the volunteer's note for the person, and the link to the person's page with a one-time
token in the URL's fragment (``#t=...``): browsers never send a fragment to the server, so it
is in no server's log. The token is made when the volunteer presses "send" (``send_link``),
never when the record is only shown.

In a right-to-left message (Arabic) every inserted value (code, address, phone, link...) is
wrapped in Unicode isolates (FSI ... PDI): a phone number or a Spanish address then keeps its
own order inside the Arabic line, and the Arabic words around it are left untouched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from sqlmodel import Session, select

from rxapp import models as m
from rxapp import routes
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.services import audit
from rxapp.services.followup.access import issue_token
from rxapp.services.followup.inputs import FollowUpError, FollowUpProblem, record_of
from rxapp.services.views import DayHours, build_views
from rxapp.taxonomy import N_

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


class Channel(StrEnum):
    """How the volunteer sends it."""

    WHATSAPP = "whatsapp"
    SMS = "sms"


@dataclass(frozen=True)
class Sending:
    """What the desk opens: ``link`` (wa.me or sms:), and the ``text`` it carries."""

    text: str
    link: str


def me_link(public_url: str, locale: str, token: str) -> str:
    """The person's page with a one-time token in the fragment."""
    return f"{public_url.rstrip('/')}{routes.me(locale, token)}"


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def whatsapp_link(phone: str, text: str) -> str:
    """``https://wa.me/<digits>?text=...``: WhatsApp with the message ready for that number
    (E.164 without its plus sign, as wa.me wants it)."""
    return f"https://wa.me/{_digits(phone)}?text={quote(text, safe='')}"


def sms_link(phone: str, text: str) -> str:
    """``sms:<E.164>?body=...``: the phone's messages app with the message ready."""
    return f"sms:+{_digits(phone)}?body={quote(text, safe='')}"


def week_runs(week: list[DayHours]) -> list[tuple[str, str]]:
    """The open days' hours with consecutive days of the same hours joined ("lunes–viernes"):
    a shorter message, fewer SMS parts."""
    runs: list[list[DayHours]] = []
    for day in week:
        if runs and runs[-1][-1].hours == day.hours:
            runs[-1].append(day)
        else:
            runs.append([day])
    return [
        (run[0].day if len(run) == 1 else f"{run[0].day}–{run[-1].day}", run[0].hours)
        for run in runs
        if run[0].hours
    ]


def referral_text(*, session: Session, registration: m.Registration, referral: m.Referral, link: str) -> str:
    """The message for one referral in the person's language (``registration.locale``).

    Its labels are words the catalogs already translate (Service, Address, Opening hours,
    Phone, Documents to bring or "No documents needed.", Note, Your code); the service's texts come in the person's language (or its
    fallbacks) as the directory pages show them; the link comes last, alone on its line.
    """
    locale = registration.locale
    _ = Translator(locale)
    rtl = info(locale).direction == "rtl"

    def value(text: str) -> str:
        return f"{FSI}{text}{PDI}" if rtl and text else text

    def line(label: str, text: str) -> str:
        return f"{_(label)}: {value(text)}"

    service = session.get(m.Service, referral.service_id) if referral.service_id is not None else None
    view = build_views(session, [service], locale)[0] if service is not None else None
    name = view.name if view else referral.service_name
    lines = [line(N_("Service"), f"{name} — {view.organization}" if view and view.organization else name)]
    if view is not None:
        if view.status == m.ServiceStatus.TEMPORARILY_CLOSED:
            lines.append(_("Temporarily closed"))
        for place in view.locations:
            lines.append(line(N_("Address"), place.address))
            lines += [value(place.directions)] if place.directions else []
        days = [f"{days} {value(hours)}" for days, hours in week_runs(view.week)]
        lines += [_("Opening hours") + ":", *days] if days else []
        phones = [*view.phones, *(p for at in view.locations for p in at.phones)]  # views_places
        lines += [line(N_("Phone"), phone.number) for phone in phones]
        if view.documents:  # what to bring, so a trip is not wasted
            lines.append(line(N_("Documents to bring"), "; ".join(d.text for d in view.documents)))
        elif view.no_documents_needed:
            lines.append(_("No documents needed."))
    if referral.note:
        lines.append(line(N_("Note"), referral.note))
    lines += [line(N_("Your code"), registration.reference), value(link)]
    return "\n".join(lines)


def record_sending(
    *,
    session: Session,
    registration_id: int,
    referral_id: int,
    channel: Channel,
    actor: audit.Actor,
    now: dt.datetime,
    commit: bool = True,
) -> None:
    """Write the audit row of one sending (``SEND`` "<channel> <referral id>")."""
    audit.record(
        session=session, actor=actor, action=m.AuditAction.SEND, record_id=registration_id,
        detail=f"{channel.value} {referral_id}", now=now, commit=commit,
    )  # fmt: skip


def send_link(
    *,
    session: Session,
    registration_id: int,
    referral_id: int,
    channel: Channel,
    actor: audit.Actor,
    public_url: str,
    now: dt.datetime,
) -> Sending:
    """What the desk does when "send by WhatsApp/SMS" is pressed: a one-time token for the
    person's page, the message, its link, and the audit rows (``TOKEN`` and ``SEND``), in one
    commit. ``FollowUpError``: NOT_FOUND (record or referral), NO_PHONE on ``phone``."""
    row = record_of(session, registration_id)
    referral = session.exec(
        select(m.Referral).where(m.Referral.id == referral_id, m.Referral.registration_id == registration_id)
    ).first()
    if referral is None:
        raise FollowUpError(FollowUpProblem.NOT_FOUND, "referral")
    if not row.phone:
        raise FollowUpError(FollowUpProblem.NO_PHONE, "phone")
    token = issue_token(session=session, registration_id=registration_id, actor=actor, now=now, commit=False)
    text = referral_text(
        session=session, registration=row, referral=referral, link=me_link(public_url, row.locale, token)
    )
    link = (whatsapp_link if channel == Channel.WHATSAPP else sms_link)(row.phone, text)
    record_sending(
        session=session, registration_id=registration_id, referral_id=referral_id, channel=channel,
        actor=actor, now=now, commit=False,
    )  # fmt: skip
    session.commit()
    return Sending(text=text, link=link)
