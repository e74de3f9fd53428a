"""Posting, editing and withdrawing alerts, and the one-tap states of a service.

Each function is one save: it checks the input against the directory and the clock, writes
the alert with its texts' versions (``content.set_source_texts``: an edited text's
translations become outdated), writes the audit row, moves the directory revision once (the
index's alerts change; no service's fragments do, so cards are not rebuilt) and commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, delete, select

from rxapp import models as m
from rxapp.services import audit, content, hours, views_places
from rxapp.services.alerts.inputs import MAX_DAYS, AlertError, AlertInput, AlertProblem, QuickState
from rxapp.services.alerts.templates import TEMPLATES
from rxapp.services.audit import Actor
from rxapp.services.clock import as_utc, day_start, local_day


def ends_of(alert: m.Alert) -> dt.datetime:
    """When an alert stops showing: its end, or when it was withdrawn if earlier (UTC)."""
    end = as_utc(alert.ends_at)
    return min(end, as_utc(alert.withdrawn_at)) if alert.withdrawn_at else end


def _utc(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A time typed at the desk (the centre's wall clock when naive) in UTC."""
    return as_utc(moment.replace(tzinfo=tz) if moment.tzinfo is None else moment)


def next_opening(
    *, session: Session, service_id: int, kind: m.AlertKind, now: dt.datetime, tz: ZoneInfo
) -> dt.datetime:
    """When a quick state ends: the service's next opening (its weekly slots and dated
    exceptions) after the one it is about (UTC). "Full tonight" is about the opening under way,
    or else the next one (a shelter full at 14:00 is full for its 19:00 opening); "closed
    today" about today's, so it ends at the first opening on a later day. No hours, or none
    within a week: the end of today at the centre."""
    today = local_day(now, tz)
    at = as_utc(now).astimezone(tz).replace(tzinfo=None)
    # Its own hours, else its places' (views_places): as its "open now" says.
    slots = [
        hours.Slot(s.weekday, s.opens_at, s.closes_at)
        for s in views_places.opening_slots(session, service_id)
    ]
    exceptions = [
        hours.DatedHours(e.date, e.closed, e.opens_at, e.closes_at)
        for e in session.exec(select(m.ScheduleException).where(m.ScheduleException.service_id == service_id))
    ]
    spans = hours.intervals(slots, exceptions, today - hours.DAY, hours.LOOKAHEAD_DAYS + 1)
    if kind is m.AlertKind.FULL_TONIGHT:
        starts = [start for start, end in spans if end > at][1:]  # after the current or next one
    else:
        starts = [start for start, _end in spans if start.date() > today]
    return _utc(starts[0], tz) if starts else day_start(today + hours.DAY, tz)


def _services(session: Session, slugs: Sequence[str]) -> list[m.Service]:
    if not slugs:
        return []
    found = {s.slug: s for s in session.exec(select(m.Service).where(col(m.Service.slug).in_(list(slugs))))}
    if len(found) != len(slugs):
        raise AlertError(AlertProblem.NOT_FOUND, "services")
    return [found[slug] for slug in slugs]


def _required(data: AlertInput) -> None:
    template = TEMPLATES.get(data.kind)
    blanks = template.blanks if template else ("title",)
    for blank in blanks:
        field = "text" if blank == "what" else blank
        if blank == "service":
            if len(data.services) != 1:
                raise AlertError(AlertProblem.ONE_SERVICE, "services")
        elif not getattr(data, field):
            raise AlertError(AlertProblem.REQUIRED, field)


def _when(
    session: Session,
    data: AlertInput,
    services: list[m.Service],
    start: dt.datetime,
    now: dt.datetime,
    tz: ZoneInfo,
) -> tuple[dt.datetime, dt.datetime, str]:
    """Start, end, and the field a wrong end is about."""
    template = TEMPLATES.get(data.kind)
    if data.ends_at is not None:
        end, field = _utc(data.ends_at, tz), "ends_at"
    elif template is None:
        raise AlertError(AlertProblem.REQUIRED, "ends_at")
    elif template.days:
        end, field = start + dt.timedelta(days=template.days), "ends_at"
    elif data.date is not None:
        end, field = day_start(data.date + hours.DAY, tz), "date"
    else:
        assert services and services[0].id is not None
        which = services[0].id
        end = next_opening(session=session, service_id=which, kind=data.kind, now=max(now, start), tz=tz)
        field = "ends_at"
    if end <= now:
        raise AlertError(AlertProblem.ALREADY_ENDED, field)
    if end <= start:
        raise AlertError(AlertProblem.ENDS_BEFORE_START, field)
    if end - start > dt.timedelta(days=MAX_DAYS):
        raise AlertError(AlertProblem.TOO_FAR, field)
    return start, end, field


def _write(
    session: Session,
    alert: m.Alert,
    data: AlertInput,
    *,
    start: dt.datetime | None,
    actor: Actor,
    now: dt.datetime,
    tz: ZoneInfo,
) -> m.Alert:
    """Check ``data`` and write it onto ``alert``, its services, the audit log and the revision."""
    _required(data)
    services = _services(session, data.services)
    begins = _utc(data.starts_at, tz) if data.starts_at is not None else (start or now)
    alert.starts_at, alert.ends_at, _field = _when(session, data, services, begins, now, tz)
    template = TEMPLATES.get(data.kind)
    alert.kind = data.kind
    alert.urgency = data.urgency or (template.urgency if template else m.AlertUrgency.INFO)
    alert.source_locale = data.source_locale
    blanks = template.blanks if template else ()
    alert.params = {
        **({"date": data.date.isoformat()} if "date" in blanks and data.date else {}),
        **{name: getattr(data, name) for name in ("place", "office") if name in blanks},
    }
    texts = {"title": data.title, "text": data.text} if template is None else {"title": "", "text": data.text}
    if template is not None and "what" not in blanks:
        texts["text"] = ""
    content.set_source_texts(alert, texts)
    alert.updated_at = now
    session.add(alert)
    session.flush()
    assert alert.id is not None
    session.exec(delete(m.AlertService).where(col(m.AlertService.alert_id) == alert.id))
    for service in services:
        assert service.id is not None
        session.add(m.AlertService(alert_id=alert.id, service_id=service.id))
    return _committed(session, alert, m.AuditAction.ALERT, actor, now)


def post(*, session: Session, data: AlertInput, actor: Actor, now: dt.datetime, tz: ZoneInfo) -> m.Alert:
    """Post a new alert (start empty: now); it shows on public pages at the next index."""
    alert = m.Alert(
        urgency=m.AlertUrgency.INFO,
        kind=data.kind,
        starts_at=now,
        ends_at=now,
        posted_by=actor.staff_id,
        posted_at=now,
    )
    return _write(session, alert, data, start=None, actor=actor, now=now, tz=tz)


def find(session: Session, public_id: str) -> m.Alert:
    """An alert by its public id."""
    alert = session.exec(select(m.Alert).where(m.Alert.public_id == public_id)).first()
    if alert is None:
        raise AlertError(AlertProblem.NOT_FOUND)
    return alert


def edit(
    *, session: Session, public_id: str, data: AlertInput, actor: Actor, now: dt.datetime, tz: ZoneInfo
) -> m.Alert:
    """Change an alert that has not ended (start empty: keep it)."""
    alert = find(session, public_id)
    if ends_of(alert) <= now:
        raise AlertError(AlertProblem.ENDED)
    return _write(session, alert, data, start=as_utc(alert.starts_at), actor=actor, now=now, tz=tz)


def withdraw(*, session: Session, public_id: str, actor: Actor, now: dt.datetime) -> m.Alert:
    """End an alert now ("end now"); its end becomes now on public pages and in the news."""
    alert = find(session, public_id)
    if ends_of(alert) <= now:
        raise AlertError(AlertProblem.ENDED)
    alert.withdrawn_at, alert.withdrawn_by, alert.updated_at = now, actor.staff_id, now
    session.add(alert)
    return _committed(session, alert, m.AuditAction.WITHDRAW, actor, now)


def _committed(
    session: Session, alert: m.Alert, action: m.AuditAction, actor: Actor, now: dt.datetime
) -> m.Alert:
    """Audit the change, move the directory's revision (the public index shows it) and commit."""
    audit.record(
        session=session, actor=actor, action=action, detail=f"{alert.kind.value} {alert.public_id}",
        now=now, commit=False,
    )  # fmt: skip
    content.bump_revision(session)
    session.commit()
    session.refresh(alert)
    return alert


def active_on(session: Session, service_id: int, kind: m.AlertKind, now: dt.datetime) -> m.Alert | None:
    """The alert of this kind showing now on this one service, if any."""
    query = (
        select(m.Alert)
        .join(m.AlertService, col(m.AlertService.alert_id) == m.Alert.id)
        .where(m.AlertService.service_id == service_id, m.Alert.kind == kind, col(m.Alert.ends_at) > now)
        .where(col(m.Alert.withdrawn_at).is_(None), col(m.Alert.starts_at) <= now)
    )
    return session.exec(query).first()


def quick_state(
    *, session: Session, data: QuickState, actor: Actor, now: dt.datetime, tz: ZoneInfo
) -> m.Alert:
    """One tap: the service is full tonight, or closed today, until its next opening. A second
    tap while it shows posts nothing new."""
    service = session.get(m.Service, data.service_id)
    if service is None:
        raise AlertError(AlertProblem.NOT_FOUND)
    showing = active_on(session, data.service_id, data.kind, now)
    if showing is not None:
        return showing
    wanted = AlertInput(kind=data.kind, services=[service.slug])  # no text: its words are the catalogs'
    return post(session=session, data=wanted, actor=actor, now=now, tz=tz)
