"""A posted alert as the desk's edit form shows it, and the form sent back as ``AlertInput``.

What an edit may change (decided for issue 18): the urgency, the start and the end, and the
words the coordinator wrote (a free-text alert's title and text, a template's free phrase).
Its template, its services and the template's blanks stay: an alert about another service or
another day is another alert, so the desk ends this one and posts that one (the public news
then shows both, as happened). The source language stays too: an edited text's translations
become outdated (``content.set_source_texts``), which is what translators need to see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services.alerts.posting import find
from rxapp.services.alerts.templates import TEMPLATES
from rxapp.services.clock import as_utc

WALL_CLOCK = "%Y-%m-%dT%H:%M"  # what an <input type="datetime-local"> holds


@dataclass(frozen=True)
class AlertDraft:
    """An alert's fields as strings for a form; ``has_title``/``has_text``: which words it has."""

    id: str
    kind: str
    urgency: str
    starts_at: str
    ends_at: str
    title: str
    text: str
    has_title: bool
    has_text: bool


def draft(*, session: Session, public_id: str, tz: ZoneInfo) -> AlertDraft:
    """The alert's editable fields, its times on the centre's wall clock (raises AlertError)."""
    alert = find(session, public_id)
    template = TEMPLATES.get(alert.kind)
    return AlertDraft(
        id=alert.public_id,
        kind=alert.kind.value,
        urgency=alert.urgency.value,
        starts_at=_wall(alert.starts_at, tz),
        ends_at=_wall(alert.ends_at, tz),
        title=alert.title,
        text=alert.text,
        has_title=template is None,
        has_text=template is None or "what" in template.blanks,
    )


def edited(session: Session, public_id: str, form: Mapping[str, Any]) -> dict[str, Any]:
    """``form`` (the edit form's urgency, times and words) completed with what an edit keeps,
    for ``AlertInput``: the template, services, blanks and source language (raises AlertError)."""
    alert = find(session, public_id)
    slugs = session.exec(
        select(m.Service.slug)
        .join(m.AlertService, col(m.AlertService.service_id) == m.Service.id)
        .where(m.AlertService.alert_id == alert.id)
        .order_by(col(m.Service.slug))
    ).all()
    template = TEMPLATES.get(alert.kind)
    kept: dict[str, Any] = {
        "kind": alert.kind.value,
        "services": list(slugs),
        "source_locale": alert.source_locale,
        **{name: alert.params[name] for name in ("date", "place", "office") if name in alert.params},
    }
    words = ("title", "text") if template is None else ("text",) if "what" in template.blanks else ()
    sent = {
        name: form[name]
        for name in ("urgency", "starts_at", "ends_at", *words)
        if isinstance(form.get(name), str)
    }
    return {**sent, **kept}


def _wall(moment: dt.datetime, tz: ZoneInfo) -> str:
    return as_utc(moment).astimezone(tz).strftime(WALL_CLOCK)
