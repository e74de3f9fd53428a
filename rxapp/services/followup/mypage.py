"""The person's own page as one JSON document: what their phone shows and, if they choose,
keeps for offline use.

It holds only what the desk gave this person and wrote for them: their code, their turn,
their referrals (with each service's card in their language and the volunteer's note for
them) and their appointments. Never another person's data, the desk's notes or follow-up, a
staff member's name, or the person's own name and phone (a phone that is lost or shared must
not tell who this is).

Shape (``version``: a hash of everything else, the ETag of ``POST /api/me``; ``stamp`` and
``Versions`` answer a poll of an unchanged page without building it)::

    {"code": "MTZ-7K4Q", "locale": "es", "dir": "ltr",
     "turn": {"state": "waiting"|"called"|"helped"|"done", "desk": int|null,
              "ahead": int|null, "called_at": ISO UTC|null},
     "referrals": [{"id", "date": "2026-12-02", "date_label", "note", "service_name",
                    "service": CARD|null}],
     "appointments": [{"id", "starts_at": ISO UTC, "date", "date_label", "time": "HH:MM",
                       "time_label", "place", "service_name", "service": CARD|null,
                       "bring", "note"}],
     "version": "16 hex"}

CARD is a service as the public snapshot's card has it (slug, name, organization, needs,
is_free, no_documents_needed, status, is_sample, other, ``slots`` [[weekday 0=Monday, "HH:MM",
"HH:MM"]], ``exceptions`` [[ISO date, closed, opens|null, closes|null]] from yesterday on,
geo) so the phone computes "open now" offline as the directory pages do, plus: locations
[{name, address, directions, geo}], phones [{number, tel, whatsapp, description}], week
[{day, hours}] (the hours in words), times ("HH:MM" -> the locale's way), eligibility,
application_process (how to apply), fees_description and documents [{text, link}] (the
documents to bring, in order; none: see no_documents_needed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import TRANSLATIONS_DIR
from rxapp.i18n.locales import info
from rxapp.services.clock import as_utc, day_start, local_day
from rxapp.services.followup.turns import turn
from rxapp.services.records import queue_version
from rxapp.services.snapshot import revision
from rxapp.services.snapshot.documents import card
from rxapp.services.views import ServicePublic, build_views

DETAIL_FIELDS = ("week", "times", "eligibility", "application_process", "fees_description", "documents")


def service_card(view: ServicePublic, since: str) -> dict[str, Any]:
    """A service's card for the person's page (see the module's docstring)."""
    found = card(view, since)
    found["locations"] = [
        {"name": place.name, "address": place.address, "directions": place.directions, "geo": place.geo}
        for place in view.locations
    ]
    # A service at several places may have phones only there (views_places): the person needs them.
    found["phones"] = [
        p.model_dump() for p in (*view.phones, *(p for at in view.locations for p in at.phones))
    ]
    found.update(view.model_dump(mode="json", include=set(DETAIL_FIELDS)))
    return found


def _cards(session: Session, ids: set[int], locale: str, since: str) -> dict[int, dict[str, Any]]:
    services = session.exec(select(m.Service).where(col(m.Service.id).in_(ids))).all() if ids else []
    views = build_views(session, services, locale)
    return {
        service.id: service_card(view, since)
        for service, view in zip(services, views, strict=True)
        if service.id
    }


def my_page(
    *, session: Session, registration: m.Registration, locale: str, now: dt.datetime, tz: ZoneInfo
) -> dict[str, Any]:
    """The person's page document in ``locale`` (see the module's docstring for its shape).

    Appointments from the start of today at the centre on; past ones are left out.
    """
    today = local_day(now, tz)
    since = (today - dt.timedelta(days=1)).isoformat()  # a slot past midnight opened yesterday
    referrals = session.exec(
        select(m.Referral)
        .where(m.Referral.registration_id == registration.id)
        .order_by(col(m.Referral.created_at), col(m.Referral.id))
    ).all()
    appointments = session.exec(
        select(m.Appointment)
        .where(
            m.Appointment.registration_id == registration.id,
            col(m.Appointment.starts_at) >= day_start(today, tz),
        )
        .order_by(col(m.Appointment.starts_at), col(m.Appointment.id))
    ).all()
    ids = {r.service_id for r in referrals if r.service_id} | {
        a.service_id for a in appointments if a.service_id
    }
    cards = _cards(session, ids, locale, since)
    document: dict[str, Any] = {
        "code": registration.reference,
        "locale": locale,
        "dir": info(locale).direction,
        "turn": dict(turn(session=session, registration=registration, now=now, tz=tz)),
        "referrals": [_referral(row, cards, locale, tz) for row in referrals],
        "appointments": [_appointment(row, cards, locale, tz) for row in appointments],
    }
    document["version"] = version(document)
    return document


def _service(service_id: int | None, cards: dict[int, dict[str, Any]]) -> dict[str, Any] | None:
    return cards.get(service_id) if service_id is not None else None


def _referral(row: m.Referral, cards: dict[int, dict[str, Any]], locale: str, tz: ZoneInfo) -> dict[str, Any]:
    service = _service(row.service_id, cards)
    day = local_day(row.created_at, tz)
    return {
        "id": row.id,
        "date": day.isoformat(),
        "date_label": formatting.date_long(day, locale),
        "note": row.note,
        "service_name": service["name"] if service else row.service_name,
        "service": service,
    }


def _appointment(
    row: m.Appointment, cards: dict[int, dict[str, Any]], locale: str, tz: ZoneInfo
) -> dict[str, Any]:
    service = _service(row.service_id, cards)
    local = as_utc(row.starts_at).astimezone(tz)
    return {
        "id": row.id,
        "starts_at": as_utc(row.starts_at).isoformat(),
        "date": local.date().isoformat(),
        "date_label": formatting.date_long(local.date(), locale),
        "time": local.strftime("%H:%M"),
        "time_label": formatting.time_short(local.time(), locale),
        "place": row.place,
        "service_name": service["name"] if service else "",
        "service": service,
        "bring": row.bring,
        "note": row.note,
    }


def version(document: dict[str, Any]) -> str:
    """A hash of the document without its own version: the same content, the same version."""
    content = {key: value for key, value in document.items() if key != "version"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


@lru_cache
def _catalogs() -> str:
    """The interface catalogs' digest: the cards' hours in words come from them."""
    found = hashlib.sha256()
    for path in sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/*.po")):
        found.update(path.read_bytes())
    return found.hexdigest()


def stamp(
    *, session: Session, registration: m.Registration, locale: str, now: dt.datetime, tz: ZoneInfo
) -> str:
    """What the page is made of, in two small queries and without building it: the record and
    everyone's turns (``queue_version``: any registration's change, a call, a referral, an
    appointment, its note moves it), the directory (its revision: the services' cards), the
    day at the centre (what "today" and "from yesterday on" mean), the language and the
    catalogs. The same stamp, the same page; a new stamp may still give the same page (another
    person's note), which ``Versions`` then learns."""
    parts = [registration.id, locale, local_day(now, tz).isoformat(), queue_version(session=session)]
    parts += [revision(session), _catalogs()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:24]


class Versions:
    """The page's version for each stamp, as this process last built it: a poll whose ETag is
    the version of the current stamp gets its 304 without the page being built (2 queries
    instead of ~20). Bounded; thread-safe (the endpoint runs in threads)."""

    def __init__(self, size: int = 4096) -> None:
        self._known: OrderedDict[str, str] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        """The version built for this stamp, if this process knows it."""
        with self._lock:
            found = self._known.get(key)
            if found is not None:
                self._known.move_to_end(key)
            return found

    def put(self, key: str, version: str) -> None:
        """Remember the version built for this stamp (the oldest stamps are forgotten)."""
        with self._lock:
            self._known[key] = version
            self._known.move_to_end(key)
            while len(self._known) > self._size:
                self._known.popitem(last=False)
