"""Appointments the desk sets for a person, and the note a volunteer writes on a referral for
the person (both shown on the person's page, in the words the volunteer wrote them).

Each change moves the record's ``updated_at`` (other tablets refresh) and writes its audit row.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from rxapp.models import Appointment, AuditAction, Referral, Registration, Service
from rxapp.services import audit
from rxapp.services.clock import as_utc, day_start
from rxapp.services.followup.inputs import (
    AppointmentInput,
    FollowUpError,
    FollowUpProblem,
    check_note,
    commit_change,
    record_of,
)
from rxapp.services.localize import localize
from rxapp.services.record_views import Utc

FAR = dt.timedelta(days=366)  # an appointment further ahead is a typo in the year


class AppointmentView(BaseModel):
    """An appointment as the desk lists it: ``starts_at`` in UTC; ``service_name`` in the
    desk's locale ("" for a place); ``code`` and ``name`` of the person (desk-only data)."""

    model_config = ConfigDict(frozen=True)

    id: int
    registration_id: int
    code: str
    name: str
    starts_at: Utc
    service_slug: str | None
    service_name: str
    place: str
    bring: str
    note: str


def add(
    *,
    session: Session,
    registration_id: int,
    data: AppointmentInput,
    actor: audit.Actor,
    now: dt.datetime,
    tz: ZoneInfo,
) -> int:
    """Store an appointment (``starts_at`` read as the centre's wall-clock time); its id.

    Refused (``FollowUpError``): the record is gone (NOT_FOUND), an unknown service slug
    (UNKNOWN_SERVICE on ``service``), a time already past (PAST) or over a year ahead
    (TOO_FAR) on ``starts_at``. Audited as ``APPOINT`` "add <id>".
    """
    row = record_of(session, registration_id)
    assert data.starts_at is not None  # AppointmentInput requires it
    starts = as_utc(data.starts_at.replace(tzinfo=tz))
    if starts < as_utc(now):
        raise FollowUpError(FollowUpProblem.PAST, "starts_at")
    if starts > as_utc(now) + FAR:
        raise FollowUpError(FollowUpProblem.TOO_FAR, "starts_at")
    service_id = None
    if data.service:
        service_id = session.exec(select(Service.id).where(Service.slug == data.service)).first()
        if service_id is None:
            raise FollowUpError(FollowUpProblem.UNKNOWN_SERVICE, "service")
    appointment = Appointment(
        registration_id=registration_id,
        service_id=service_id,
        place=data.place,
        starts_at=starts,
        bring=data.bring,
        note=data.note,
        author_id=actor.staff_id,
        created_at=as_utc(now),
    )
    session.add(appointment)
    session.flush()
    assert appointment.id is not None
    commit_change(
        session, row, actor=actor, action=AuditAction.APPOINT, detail=f"add {appointment.id}", now=now
    )
    return appointment.id


def remove(
    *, session: Session, registration_id: int, appointment_id: int, actor: audit.Actor, now: dt.datetime
) -> bool:
    """Delete one of this record's appointments; False when it is not there (any more)."""
    row = record_of(session, registration_id)
    found = session.get(Appointment, appointment_id)
    if found is None or found.registration_id != registration_id:
        return False
    session.delete(found)
    commit_change(
        session, row, actor=actor, action=AuditAction.APPOINT, detail=f"remove {appointment_id}", now=now
    )
    return True


Listed = Select[Appointment, Registration]


def _views(session: Session, statement: Listed, locale: str) -> list[AppointmentView]:
    rows = session.exec(statement).all()
    services = session.exec(
        select(Service).where(col(Service.id).in_({a.service_id for a, _ in rows if a.service_id}))
    ).all()
    names = localize(session, services, locale)
    by_id = {s.id: s for s in services}
    views = []
    for appointment, person in rows:
        service = by_id.get(appointment.service_id)
        views.append(
            AppointmentView(
                id=appointment.id,
                registration_id=person.id,
                code=person.reference,
                name=person.name,
                starts_at=appointment.starts_at,
                service_slug=service.slug if service else None,
                service_name=names[(service.id, "name")].text if service and service.id else "",
                place=appointment.place,
                bring=appointment.bring,
                note=appointment.note,
            )
        )
    return views


def _listed() -> Listed:
    return (
        select(Appointment, Registration)
        .join(Registration, col(Registration.id) == col(Appointment.registration_id))
        .order_by(col(Appointment.starts_at), col(Appointment.id))
    )


def appointments_on(*, session: Session, day: dt.date, tz: ZoneInfo, locale: str) -> list[AppointmentView]:
    """Every appointment of one local day at the centre, earliest first (the desk's day list)."""
    start, end = day_start(day, tz), day_start(day + dt.timedelta(days=1), tz)
    statement = _listed().where(col(Appointment.starts_at) >= start, col(Appointment.starts_at) < end)
    return _views(session, statement, locale)


def appointments_of(
    *, session: Session, registration_id: int, locale: str, since: dt.datetime | None = None
) -> list[AppointmentView]:
    """One record's appointments, earliest first; from ``since`` on when given."""
    statement = _listed().where(col(Appointment.registration_id) == registration_id)
    if since is not None:
        statement = statement.where(col(Appointment.starts_at) >= as_utc(since))
    return _views(session, statement, locale)


def set_referral_note(
    *,
    session: Session,
    registration_id: int,
    referral_id: int,
    note: str,
    actor: audit.Actor,
    now: dt.datetime,
) -> None:
    """Write (or, with "", remove) a referral's note for the person: up to 500 characters, in
    the person's language. Audited as ``REFER`` "note <referral id>"."""
    row = record_of(session, registration_id)
    referral = session.get(Referral, referral_id)
    if referral is None or referral.registration_id != registration_id:
        raise FollowUpError(FollowUpProblem.NOT_FOUND, "referral")
    referral.note = check_note(note)
    session.add(referral)
    commit_change(session, row, actor=actor, action=AuditAction.REFER, detail=f"note {referral_id}", now=now)
