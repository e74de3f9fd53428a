"""A service's HSDS ``alert``: the alerts in force that name it, worded as the public pages word
them, in the export's locale (docs/hsds.md, "Alerts").

Only alerts that name the service: a centre-wide alert (no service named) is about the centre
("the office is closed today", "a scam is going round"), not about each partner's service, and
stays in the alerts feeds (``/api/alerts/<locale>/feed.json``). An alert is in force from its
start until its end or its withdrawal; the read API keys its answers on which ones are
(``in_force_key``), since one starts or ends by the clock, without an edit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.i18n import catalogs, formatting
from rxapp.services.alerts.public import AlertView, views


def in_force(now: dt.datetime) -> Any:
    """The SQL condition of an alert showing at ``now`` (started, not ended, not withdrawn)."""
    return (
        (col(m.Alert.starts_at) <= now) & (col(m.Alert.ends_at) > now) & col(m.Alert.withdrawn_at).is_(None)
    )


def in_force_key(session: Session, now: dt.datetime) -> tuple[int, ...]:
    """The ids of the alerts in force at ``now``: what the exported ``alert`` texts depend on
    besides the directory's revision (posting, editing or withdrawing one moves the revision)."""
    query = select(m.Alert.id).where(in_force(now)).order_by(col(m.Alert.id))
    return tuple(i for i in session.exec(query).all() if i is not None)


def wording(view: AlertView, locale: str, tz: ZoneInfo) -> str:
    """One alert as the public pages show it: its title, its text, and when it holds."""
    # The pages' msgid (rxapp/components/alerts.py): no new string to translate.
    when = catalogs.gettext(locale, "From {start} to {end}").format(
        start=formatting.datetime_short(view.starts.astimezone(tz), locale),
        end=formatting.datetime_short(view.ends.astimezone(tz), locale),
    )
    return "\n".join(part for part in (view.title, view.text, when) if part)


def by_service(
    session: Session, service_ids: Sequence[int], *, locale: str, tz: ZoneInfo, now: dt.datetime
) -> dict[int, str]:
    """Per service id, its ``alert``: its alerts in force, newest first, a blank line between
    them; a service with none is left out (one query when no alert concerns the batch)."""
    rows = session.exec(
        select(m.AlertService.service_id, m.Alert)
        .join(m.Alert, col(m.Alert.id) == m.AlertService.alert_id)
        .where(col(m.AlertService.service_id).in_(service_ids), in_force(now))
        .order_by(col(m.Alert.posted_at).desc(), col(m.Alert.id).desc())
    ).all()
    if not rows:
        return {}
    alerts = list({alert.id: alert for _, alert in rows}.values())
    worded = {
        view.id: wording(view, locale, tz) for view in views(session=session, alerts=alerts, locale=locale)
    }
    found: dict[int, list[str]] = defaultdict(list)
    for service_id, alert in rows:
        found[service_id].append(worded[alert.public_id])
    return {service_id: "\n\n".join(texts) for service_id, texts in found.items()}
