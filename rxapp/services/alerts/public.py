"""Alerts as people read them, in one locale: the index's list (the contract the public pages
and the feeds read), and the desk's lists of current, scheduled and ended alerts.

A free-text alert's title and text follow the content fallback chain
(``rxapp.services.localize``): until a locale has its translation, the alert carries the
source text and ``lang`` names the language shown, as a service's texts do, so an urgent alert
is never held back by translation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from rxapp import models as m
from rxapp.services.alerts.posting import ends_of
from rxapp.services.alerts.templates import TEMPLATES, render
from rxapp.services.clock import as_utc, day_start
from rxapp.services.localize import localize

NEWS_DAYS = 30  # ended alerts stay on the news page (and in the index) this long


@dataclass(frozen=True)
class AlertView:
    """One alert in one locale."""

    id: str  # the public id
    urgency: m.AlertUrgency
    kind: m.AlertKind
    title: str
    text: str
    lang: str  # the language of what is shown (another than the page's on fallback)
    starts: dt.datetime
    ends: dt.datetime  # its end, or when it was withdrawn
    services: list[str]  # slugs; [] the whole centre
    service_names: list[str]  # in the locale, for the desk
    posted: dt.datetime
    updated: dt.datetime  # its last edit (feeds)
    withdrawn: bool

    def document(self) -> dict[str, Any]:
        """The index's entry for it (the contract of issue 18; keep it, or say so)."""
        return {
            "id": self.id,
            "urgency": self.urgency.value,
            "kind": self.kind.value,
            "title": self.title,
            "text": self.text,
            "lang": self.lang,
            "starts": stamp(self.starts),
            "ends": stamp(self.ends),
            "services": self.services,
            "posted": stamp(self.posted),
        }


def stamp(moment: dt.datetime) -> str:
    """An instant as the index writes it: "2026-12-03T16:00:00Z"."""
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def views(*, session: Session, alerts: Sequence[m.Alert], locale: str) -> list[AlertView]:
    """The alerts in ``locale``, in the order given (three queries, whatever their number)."""
    ids = [a.id for a in alerts if a.id is not None]
    linked: dict[int, list[m.Service]] = defaultdict(list)
    rows = session.exec(
        select(m.AlertService.alert_id, m.Service)
        .join(m.Service, col(m.Service.id) == m.AlertService.service_id)
        .where(col(m.AlertService.alert_id).in_(ids))
        .order_by(m.Service.slug)
    ).all()
    for alert_id, service in rows:
        linked[alert_id].append(service)
    services = list({s.id: s for group in linked.values() for s in group}.values())
    names = localize(session, services, locale)
    texts = localize(session, list(alerts), locale)
    found: list[AlertView] = []
    for alert in alerts:
        assert alert.id is not None
        mine = linked.get(alert.id, [])
        called = [names[(s.id, "name")].text for s in mine if s.id is not None]
        title, text = texts[(alert.id, "title")], texts[(alert.id, "text")]
        if alert.kind in TEMPLATES:
            shown = [text] if text.text else []
            params = alert.params or {}
            words = render(
                alert.kind,
                locale,
                service=called[0] if called else "",
                what=text.text,
                date=params.get("date", ""),
                place=params.get("place", ""),
                office=params.get("office", ""),
            )
            title_text, body = words, ""
        else:
            shown = [t for t in (title, text) if t.text]
            title_text, body = title.text, text.text
        others = [t.locale for t in shown if t.locale != locale]
        found.append(
            AlertView(
                id=alert.public_id,
                urgency=alert.urgency,
                kind=alert.kind,
                title=title_text,
                text=body,
                lang=others[0] if others else locale,
                starts=as_utc(alert.starts_at),
                ends=ends_of(alert),
                services=[s.slug for s in mine],
                service_names=called,
                posted=as_utc(alert.posted_at),
                updated=as_utc(alert.updated_at),
                withdrawn=alert.withdrawn_at is not None,
            )
        )
    return found


def cutoff(since: str, tz: ZoneInfo) -> dt.datetime:
    """The oldest end the index keeps, for a snapshot of the day after ``since`` (the cache's
    day: yesterday's date): the start of the day ``NEWS_DAYS`` before today, at the centre."""
    today = dt.date.fromisoformat(since) + dt.timedelta(days=1)
    return day_start(today - dt.timedelta(days=NEWS_DAYS), tz)


def shown_since(oldest: dt.datetime) -> Any:
    """Alerts ending from ``oldest`` on and not withdrawn before they started (never shown)."""
    return (col(m.Alert.ends_at) >= oldest) & or_(
        col(m.Alert.withdrawn_at).is_(None),
        (col(m.Alert.withdrawn_at) >= oldest) & (col(m.Alert.withdrawn_at) > col(m.Alert.starts_at)),
    )


def index_alerts(*, session: Session, locale: str, oldest: dt.datetime) -> list[dict[str, Any]]:
    """The index's ``alerts``: those not ended and those ended since ``oldest``, newest first."""
    query = (
        select(m.Alert)
        .where(shown_since(oldest))
        .order_by(col(m.Alert.posted_at).desc(), col(m.Alert.id).desc())
    )
    return [
        view.document() for view in views(session=session, alerts=session.exec(query).all(), locale=locale)
    ]


@dataclass(frozen=True)
class DeskLists:
    """What the desk's Alerts page lists."""

    current: list[AlertView]
    scheduled: list[AlertView]
    ended: list[AlertView]  # in the last NEWS_DAYS days, newest end first


def desk_lists(*, session: Session, locale: str, now: dt.datetime) -> DeskLists:
    """Current, scheduled and recently ended alerts, in the desk's language."""
    query = select(m.Alert).where(shown_since(now - dt.timedelta(days=NEWS_DAYS)))
    shown = views(
        session=session, alerts=session.exec(query.order_by(col(m.Alert.starts_at))).all(), locale=locale
    )
    return DeskLists(
        current=[v for v in shown if v.starts <= now < v.ends],
        scheduled=[v for v in shown if now < v.starts and now < v.ends],
        ended=sorted((v for v in shown if v.ends <= now), key=lambda v: v.ends, reverse=True),
    )


def current(*, session: Session, locale: str, now: dt.datetime) -> list[AlertView]:
    """The alerts showing now (started, not ended, not withdrawn), newest first (the feeds)."""
    query = (
        select(m.Alert)
        .where(col(m.Alert.starts_at) <= now, col(m.Alert.ends_at) > now, col(m.Alert.withdrawn_at).is_(None))
        .order_by(col(m.Alert.posted_at).desc(), col(m.Alert.id).desc())
    )
    return views(session=session, alerts=session.exec(query).all(), locale=locale)


@dataclass(frozen=True)
class Showing:
    """An alert showing now on a service (the desk's directory list)."""

    kind: m.AlertKind
    id: str  # the public id
    ends: dt.datetime


def showing_on_services(*, session: Session, now: dt.datetime) -> dict[int, list[Showing]]:
    """Per service id, the alerts showing on it now."""
    rows = session.exec(
        select(m.AlertService.service_id, m.Alert)
        .join(m.Alert, col(m.Alert.id) == m.AlertService.alert_id)
        .where(col(m.Alert.starts_at) <= now, col(m.Alert.ends_at) > now, col(m.Alert.withdrawn_at).is_(None))
        .order_by(col(m.Alert.posted_at))
    ).all()
    found: dict[int, list[Showing]] = defaultdict(list)
    for service_id, alert in rows:
        found[service_id].append(Showing(alert.kind, alert.public_id, as_utc(alert.ends_at)))
    return dict(found)
