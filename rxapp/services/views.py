"""What the public sees of a service (``ServicePublic``), built in a few batched queries."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, SerializerFunctionWrapHandler, model_serializer
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.i18n import catalogs, formatting
from rxapp.i18n.locales import chain, isolated
from rxapp.services import ages, views_places
from rxapp.services.localize import Text, pick, translations
from rxapp.services.phone import call_links
from rxapp.services.place_views import KEY, PlaceExtras
from rxapp.taxonomy import N_

HM = "%H:%M"
# Only links a page may open: an imported service's url is not checked as the desk's is.
_WEB = re.compile(r"^https?://[^\s/]+\.\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s?&/:]+@[^@\s?&/:]+\.[^@\s?&/:]+$")


class PhonePublic(BaseModel):
    """A phone with ready-made links."""

    number: str
    tel: str  # tel: URI
    whatsapp: str | None  # https://wa.me/ link, when the number has WhatsApp
    description: str


# LocationPublic's own, per place, left out of the snapshot when empty (most places have none).
_PLACE_OWN = frozenset({
    "hours_of", "week", "phones", "reception", "accessibility", "accessibility_details", "languages_text", "online",
})  # fmt: skip


class DayHours(BaseModel):
    """One line of the weekly hours table."""

    day: str
    hours: str  # "" when closed that day


class LocationPublic(BaseModel):
    """Where to go, with a geo: URI that opens the phone's own map app."""

    name: str
    address: str
    directions: str
    geo: str | None
    latitude: float | None = None  # for "nearest first", computed on the phone
    longitude: float | None = None
    accessibility: str = ""  # the place's own (place_views), in the reader's language
    accessibility_details: str = ""
    languages_text: str = ""  # "At this place: English, Kreyòl", when not the service's
    online: str = ""  # "Online" for a virtual place (no map link)
    # Its own hours and phones (views_places): empty when it has none, or when they are the
    # service's (its only place), so the snapshot never carries them twice.
    hours_of: views_places.HoursOf = views_places.HoursOf.NONE
    week: list[DayHours] = []
    phones: list[PhonePublic] = []  # the service's at this place
    reception: list[PhonePublic] = []  # the place's own

    @model_serializer(mode="wrap")
    def _small(self, dump: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Its own hours, phones, accessibility, languages and "Online" only when it has them:
        most places have none (the browser's detailView puts the empty ones back)."""
        found: dict[str, Any] = dump(self)
        return {k: v for k, v in found.items() if v or k not in _PLACE_OWN}


class ExceptionPublic(BaseModel):
    """A dated exception, for the browser's open-now and the hours table."""

    date: str  # ISO
    label: str  # formatted date
    closed: bool
    opens: str | None
    closes: str | None
    hours: str
    note: str


class DocumentPublic(BaseModel):
    """A document to bring, with its link when it has a web one."""

    text: str
    link: str = ""


class ServicePublic(BaseModel):
    """One service as the public pages and the snapshot show it."""

    slug: str
    name: str
    organization: str
    description: str
    eligibility: str
    application_process: str
    fees_description: str
    is_free: bool
    no_documents_needed: bool
    status: m.ServiceStatus
    is_sample: bool
    assured_date: str | None
    verified: str  # formatted last-verified date, "" when never verified
    needs: list[str]
    languages: list[str]  # names in the reader's locale
    languages_text: str  # the same as prose: "inglés y español"
    phones: list[PhonePublic]
    locations: list[LocationPublic]
    slots: list[tuple[int, str, str]]  # weekday, opens, closes ("HH:MM")
    exceptions: list[ExceptionPublic]
    week: list[DayHours]
    times: dict[str, str]  # "HH:MM" -> the locale's way of writing it
    other_locales: list[str]  # locales some texts are shown in because of a fallback
    fallback_note: str  # says so, and in which languages, in the reader's language
    search: str  # stored search keys (rxapp.services.search.stored)
    ages: str = ""  # its age limits in words ("Ages 18 and over"), "" for none
    interpretation: str = ""  # its interpretation services, in the locale
    url: str = ""  # its own website (http or https only)
    email: str = ""
    documents: list[DocumentPublic] = []  # to bring, in order; none: see no_documents_needed
    hours_note: str = ""  # under the hours table: whose hours they are (views_places)


def phone_public(phone: m.Phone, description: str) -> PhonePublic:
    """A phone with its call and WhatsApp links."""
    tel, whatsapp = call_links(phone.number, whatsapp=phone.is_whatsapp)
    return PhonePublic(number=phone.number, tel=tel, whatsapp=whatsapp, description=description)


def _geo(location: m.Location, label: str) -> str | None:
    if (
        location.latitude is None
        or location.longitude is None
        or location.location_type is m.LocationType.VIRTUAL
    ):
        return None
    lat, lon = f"{location.latitude:.6f}", f"{location.longitude:.6f}"
    return f"geo:{lat},{lon}?q={lat},{lon}({label.replace(' ', '+')})"


def _span(opens: dt.time, closes: dt.time, locale: str) -> str:
    if opens == closes:
        return catalogs.gettext(locale, N_("Open 24 hours"))
    return f"{formatting.time_short(opens, locale)}–{formatting.time_short(closes, locale)}"


def _grouped(rows: Sequence[Any], key: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def build_views(session: Session, services: Sequence[m.Service], locale: str) -> list[ServicePublic]:
    """Public views of some services in one locale, in a fixed number of queries."""
    if not services:
        return []
    ids = [s.id for s in services]
    orgs = {
        o.id: o
        for o in session.exec(
            select(m.Organization).where(col(m.Organization.id).in_({s.organization_id for s in services}))
        ).all()
    }
    links = session.exec(
        select(m.ServiceAtLocation).where(col(m.ServiceAtLocation.service_id).in_(ids))
    ).all()
    locations = {
        loc.id: loc
        for loc in session.exec(
            select(m.Location).where(col(m.Location.id).in_({link.location_id for link in links}))
        ).all()
    }
    # The service's phones and slots, those it has at one of its places, and its places' own.
    link_ids, place_ids = {link.id for link in links}, set(locations)
    phones = session.exec(
        select(m.Phone)
        .where(
            col(m.Phone.service_id).in_(ids)
            | col(m.Phone.service_at_location_id).in_(link_ids)
            | col(m.Phone.location_id).in_(place_ids)
        )
        .order_by(col(m.Phone.id))
    ).all()
    slots = session.exec(
        select(m.ScheduleSlot)
        .where(
            col(m.ScheduleSlot.service_id).in_(ids)
            | col(m.ScheduleSlot.service_at_location_id).in_(link_ids)
            | col(m.ScheduleSlot.location_id).in_(place_ids)
        )
        .order_by(col(m.ScheduleSlot.weekday), col(m.ScheduleSlot.opens_at))
    ).all()
    exceptions = session.exec(
        select(m.ScheduleException)
        .where(col(m.ScheduleException.service_id).in_(ids))
        .order_by(col(m.ScheduleException.date))
    ).all()
    needs = session.exec(select(m.ServiceCategory).where(col(m.ServiceCategory.service_id).in_(ids))).all()
    spoken = session.exec(select(m.ServiceLanguage).where(col(m.ServiceLanguage.service_id).in_(ids))).all()
    papers = session.exec(
        select(m.RequiredDocument)
        .where(col(m.RequiredDocument.service_id).in_(ids))
        .order_by(col(m.RequiredDocument.position), col(m.RequiredDocument.id))
    ).all()

    extras = PlaceExtras.read(session, (place for place in locations if place is not None))
    tables: dict[str, list[Any]] = {
        "org": list(orgs.values()),
        "loc": list(locations.values()),
        "phone": list(phones),
        "ex": list(exceptions),
        "doc": list(papers),
        KEY: extras.rows(),
    }
    made = translations(session, [list(services), *tables.values()], chain(locale))  # one query
    texts: dict[tuple[Any, ...], Text] = dict(pick(list(services), made, locale))
    for prefix, records in tables.items():
        texts |= {(prefix, *k): v for k, v in pick(records, made, locale).items()}

    slots_of, phones_of = _by_owner(slots), _by_owner(phones)
    by_service = {
        "links": _grouped(links, "service_id"),
        "exceptions": _grouped(exceptions, "service_id"),
        "needs": _grouped(needs, "service_id"),
        "spoken": _grouped(spoken, "service_id"),
        "documents": _grouped(papers, "service_id"),
    }
    days = formatting.weekday_names(locale)
    order = {slug: i for i, slug in enumerate(_need_order())}
    views = []
    for service in services:
        sid = service.id
        assert sid is not None
        org = orgs[service.organization_id]
        used: set[str] = set()

        def text(key: tuple[Any, ...], used: set[str] = used) -> str:
            found = texts[key]
            if found.text:
                used.add(found.locale)
            return isolated(found.text, found.locale, locale)  # a fallback written the other way

        plan = views_places.plan(
            slots_of.get(("service_id", sid), []),
            phones_of.get(("service_id", sid), []),
            [
                views_places.place(link, locations[link.location_id], slots_of, phones_of)
                for link in by_service["links"][sid]
            ],
        )
        service_slots = plan.slots
        week = [] if plan.week is None else week_table(plan.week, days, locale)
        times = {
            t.strftime(HM): formatting.time_short(t, locale)
            for s in service_slots
            for t in (s.opens_at, s.closes_at)
        }
        service_exceptions = []
        for ex in by_service["exceptions"][sid]:
            opens = ex.opens_at.strftime(HM) if ex.opens_at else None
            closes = ex.closes_at.strftime(HM) if ex.closes_at else None
            for t in (ex.opens_at, ex.closes_at):
                if t is not None:
                    times[t.strftime(HM)] = formatting.time_short(t, locale)
            service_exceptions.append(
                ExceptionPublic(
                    date=ex.date.isoformat(),
                    label=formatting.date_long(ex.date, locale),
                    closed=ex.closed,
                    opens=opens,
                    closes=closes,
                    hours=""
                    if ex.closed or not (ex.opens_at and ex.closes_at)
                    else _span(ex.opens_at, ex.closes_at, locale),
                    note=text(("ex", ex.id, "note")),
                )
            )
        views.append(
            ServicePublic(
                slug=service.slug,
                name=text((sid, "name")),
                organization=text(("org", org.id, "name")),
                description=text((sid, "description")),
                eligibility=text((sid, "eligibility")),
                application_process=text((sid, "application_process")),
                fees_description=text((sid, "fees_description")),
                is_free=service.is_free,
                no_documents_needed=service.no_documents_needed,
                status=service.status,
                is_sample=org.is_sample,
                assured_date=service.assured_date.isoformat() if service.assured_date else None,
                # Not "verified" while an import's change waits for the centre's check (issue 20).
                verified=formatting.date_long(service.assured_date, locale)
                if service.assured_date and not service.needs_review
                else "",
                needs=sorted(
                    (n.category_slug for n in by_service["needs"][sid]),
                    key=lambda s: order.get(s, 99),
                ),
                languages=(
                    languages := [
                        formatting.language_name(lang.language, locale) for lang in by_service["spoken"][sid]
                    ]
                ),
                languages_text=formatting.join(languages, locale) if languages else "",
                interpretation=text((sid, "interpretation_services")),  # before other_locales
                documents=[  # before other_locales too
                    DocumentPublic(text=text(("doc", d.id, "document")), link=_web(d.uri))
                    for d in by_service["documents"][sid]
                ],
                phones=[phone_public(p, text(("phone", p.id, "description"))) for p in plan.phones],
                locations=[
                    LocationPublic(
                        name=text(("loc", loc.id, "name")),
                        address=loc.address,
                        directions=text(("loc", loc.id, "directions")),
                        geo=_geo(loc, texts[("loc", loc.id, "name")].text or texts[(sid, "name")].text),
                        latitude=loc.latitude,
                        longitude=loc.longitude,
                        **extras.public(
                            loc, text, [lang.language for lang in by_service["spoken"][sid]], locale
                        ),
                        hours_of=at.hours_of,
                        week=week_table(at.slots, days, locale) if at.slots else [],
                        phones=[phone_public(p, text(("phone", p.id, "description"))) for p in at.phones],
                        reception=[
                            phone_public(p, text(("phone", p.id, "description"))) for p in at.reception
                        ],
                    )
                    for at, loc in ((at, at.location) for at in plan.places)
                ],
                slots=[(s.weekday, s.opens_at.strftime(HM), s.closes_at.strftime(HM)) for s in service_slots],
                exceptions=service_exceptions,
                week=week,
                times=times,
                other_locales=sorted(used - {locale}),
                fallback_note=_fallback_note(sorted(used - {locale}), locale),
                search=service.search_text,
                ages=ages.in_words(service.minimum_age, service.maximum_age, locale),
                url=_web(service.url),
                email=service.email if service.email and _EMAIL.match(service.email) else "",
                hours_note=catalogs.gettext(locale, plan.note) if plan.note else "",
            )
        )
    return views


def _web(link: str | None) -> str:
    """A link a page may open (http or https), else ""."""
    return link if link and _WEB.match(link) else ""


def _by_owner(rows: Sequence[Any]) -> dict[tuple[str, int], list[Any]]:
    grouped: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for row in rows:
        grouped[m.owners(row)].append(row)
    return grouped


def week_table(slots: Sequence[m.ScheduleSlot], days: Sequence[str], locale: str) -> list[DayHours]:
    """The hours table: each weekday's spans, "" when closed."""
    return [
        DayHours(
            day=name,
            hours=", ".join(_span(s.opens_at, s.closes_at, locale) for s in slots if s.weekday == wd),
        )
        for wd, name in enumerate(days)
    ]


def _fallback_note(others: list[str], locale: str) -> str:
    if not others:
        return ""
    names = formatting.join([formatting.language_name(tag, locale) for tag in others], locale)
    template = catalogs.gettext(
        locale, N_("Some of this text is not translated yet and is shown in {languages}.")
    )
    return template.format(languages=names)


def _need_order() -> list[str]:
    from rxapp.taxonomy import NEEDS

    return [need.slug for need in NEEDS]
