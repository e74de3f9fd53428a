"""The volunteer desk: the queue, one person's record, and what volunteers do to it.

Plain functions, ``Session`` in, frozen views out (``record_views``, re-exported here). Every
change moves ``Registration.updated_at`` and commits: the tablets poll ``queue_version``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from rxapp.models import (
    Appointment,
    Call,
    DuplicateDismissal,
    Note,
    Organization,
    PersonalKey,
    Referral,
    Registration,
    RegistrationStatus,
    Service,
    ServiceCategory,
    ServiceStatus,
    StaffUser,
    StatusChange,
    utcnow,
)
from rxapp.services.clock import as_utc
from rxapp.services.localize import localize
from rxapp.services.record_views import (
    DeskError,
    DeskProblem,
    DuplicateView,
    NoteView,
    QueueItem,
    RecordView,
    ReferralChoice,
    ReferralView,
    StatusView,
)
from rxapp.services.retention import forget_on_disk
from rxapp.services.text import normalize

__all__ = [  # noqa: RUF022 - in the order of the file
    "DeskError", "DeskProblem", "DuplicateView", "NoteView", "QueueItem", "RecordView", "ReferralChoice",
    "ReferralView", "StatusView",
    "queue", "queue_version", "find_reference", "record", "add_note", "set_status", "refer",
    "referral_choices", "distance", "similar_names", "duplicates", "dismiss_duplicate", "MergeWords", "merge",
]  # fmt: skip

NOTE_MAX = 1000
REFERRAL_NOTE_MAX = 500
_CLOSED = RegistrationStatus.CLOSED

# -- the queue ---------------------------------------------------------------------------


def _compact_code(text: str) -> str:
    """``mtz-7k4q``, ``MTZ 7K4Q``, ``mtz7k4q`` -> ``MTZ7K4Q``: what a reference is compared as."""
    return normalize(text).replace(" ", "").upper()


def _code_matches(compact: str) -> sa.ColumnElement[bool]:
    """The reference in full (prefix and dash optional) or only its code after the dash."""
    reference = col(Registration.reference)
    return sa.or_(func.replace(reference, "-", "") == compact, reference.endswith(f"-{compact}"))


def _day_bounds(now: dt.datetime, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The start and end, in UTC, of the centre's local day that holds ``now``."""
    today = as_utc(now).astimezone(tz).date()
    start = dt.datetime.combine(today, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def queue(
    *,
    session: Session,
    now: dt.datetime,
    tz: ZoneInfo,
    query: str = "",
    status: RegistrationStatus | None = None,
    limit: int = 200,
) -> list[QueueItem]:
    """Open registrations and today's closed ones, longest waiting first and closed last;
    a query (name or reference code) searches every registration instead."""
    statement = select(Registration)
    key, compact = normalize(query), _compact_code(query)
    if key:
        statement = statement.where(
            sa.or_(col(Registration.name_key).contains(key, autoescape=True), _code_matches(compact))
        )
    else:
        start, end = _day_bounds(now, tz)
        closed_today = sa.and_(col(Registration.updated_at) >= start, col(Registration.updated_at) < end)
        statement = statement.where(sa.or_(col(Registration.status) != _CLOSED, closed_today))
    if status is not None:
        statement = statement.where(col(Registration.status) == status)
    closed_last = sa.case((col(Registration.status) == _CLOSED, 1), else_=0)
    statement = statement.order_by(closed_last, col(Registration.created_at), col(Registration.id))
    rows = session.exec(statement.limit(limit))
    return [QueueItem.model_validate(row, from_attributes=True) for row in rows]


def queue_version(*, session: Session) -> str:
    """A fingerprint of the registrations that changes with any creation, change or deletion."""
    count, newest, last_id = session.exec(
        select(func.count(), func.max(Registration.updated_at), func.max(Registration.id))
    ).one()
    return f"{count}:{as_utc(newest).isoformat() if newest else ''}:{last_id or 0}"


def find_reference(*, session: Session, code: str) -> int | None:
    """The registration a typed or scanned reference code names, if any."""
    compact = _compact_code(code)
    if not compact:
        return None
    found = session.exec(select(Registration.id).where(_code_matches(compact)).order_by(col(Registration.id)))
    return found.first()


# -- one record --------------------------------------------------------------------------


def _get(session: Session, registration_id: int) -> Registration:
    found = session.get(Registration, registration_id)
    if found is None:
        raise DeskError(DeskProblem.NOT_FOUND)
    return found


def record(*, session: Session, registration_id: int) -> RecordView | None:
    """One registration with its notes, status history, referrals and possible duplicates."""
    row = session.get(Registration, registration_id)
    if row is None:
        return None
    names = {user.id: user.display_name for user in session.exec(select(StaffUser))}
    notes = session.exec(
        select(Note)
        .where(Note.registration_id == registration_id)
        .order_by(col(Note.created_at), col(Note.id))
    )
    changes = session.exec(
        select(StatusChange)
        .where(StatusChange.registration_id == registration_id)
        .order_by(col(StatusChange.created_at), col(StatusChange.id))
    )
    referrals = session.exec(
        select(Referral, Service.slug)
        .outerjoin(Service, col(Referral.service_id) == col(Service.id))
        .where(Referral.registration_id == registration_id)
        .order_by(col(Referral.created_at), col(Referral.id))
    )
    return RecordView(
        **row.model_dump(),
        notes=[NoteView(**note.model_dump(), author=names.get(note.author_id, "")) for note in notes],
        history=[StatusView(**step.model_dump(), author=names.get(step.author_id, "")) for step in changes],
        referrals=[
            ReferralView(**referral.model_dump(), service_slug=slug, author=names.get(referral.author_id, ""))
            for referral, slug in referrals
        ],
        duplicates=duplicates(session=session, registration_id=registration_id),
    )


# -- what volunteers do ------------------------------------------------------------------


def _touch(session: Session, row: Registration, now: dt.datetime) -> None:
    row.updated_at = as_utc(now)
    session.add(row)
    session.commit()


def add_note(*, session: Session, registration_id: int, author_id: int, text: str, now: dt.datetime) -> None:
    """Add a note (1 to 1000 characters once stripped) to a registration."""
    row = _get(session, registration_id)
    text = text.strip()
    if not text:
        raise DeskError(DeskProblem.NOTE_EMPTY)
    if len(text) > NOTE_MAX:
        raise DeskError(DeskProblem.NOTE_TOO_LONG)
    session.add(Note(registration_id=registration_id, author_id=author_id, text=text, created_at=as_utc(now)))
    _touch(session, row, now)


def _move(
    session: Session, row: Registration, to: RegistrationStatus, author_id: int, now: dt.datetime
) -> None:
    """Set the status, with a step in the history when it changes."""
    assert row.id is not None  # loaded from the database
    if row.status != to:
        session.add(
            StatusChange(
                registration_id=row.id,
                author_id=author_id,
                from_status=row.status,
                to_status=to,
                created_at=as_utc(now),
            )
        )
        row.status = to


def set_status(
    *,
    session: Session,
    registration_id: int,
    author_id: int,
    status: RegistrationStatus,
    now: dt.datetime,
    warn_unreferred: bool = False,
) -> None:
    """Move a registration to another status, kept in its history (the same status: nothing happens).

    ``warn_unreferred``: refuse (NO_REFERRAL) to close a record with no referral, so the desk
    asks the volunteer first; they confirm by calling again without it.
    """
    row = _get(session, registration_id)
    if row.status == status:
        return
    if warn_unreferred and status == _CLOSED:
        referred = session.exec(select(Referral.id).where(Referral.registration_id == registration_id))
        if referred.first() is None:
            raise DeskError(DeskProblem.NO_REFERRAL)
    _move(session, row, status, author_id, now)
    _touch(session, row, now)


def refer(
    *,
    session: Session,
    registration_id: int,
    author_id: int,
    service_slug: str,
    consented: bool,
    now: dt.datetime,
    note: str = "",
) -> None:
    """Refer the person, who agreed, to a service; an open record becomes REFERRED.

    ``note``: for the person, in their language, shown on their own page (at most 500).
    """
    row = _get(session, registration_id)
    if not consented:
        raise DeskError(DeskProblem.CONSENT_REQUIRED)
    note = note.strip()
    if len(note) > REFERRAL_NOTE_MAX:
        raise DeskError(DeskProblem.NOTE_TOO_LONG)
    service = session.exec(select(Service).where(Service.slug == service_slug)).first()
    if service is None:
        raise DeskError(DeskProblem.UNKNOWN_SERVICE)
    referral = Referral(
        registration_id=registration_id,
        service_id=service.id,
        service_name=service.name,  # as named today: the service may be renamed or go
        author_id=author_id,
        consented=True,
        created_at=as_utc(now),
        note=note,
    )
    session.add(referral)
    if row.status != _CLOSED:
        _move(session, row, RegistrationStatus.REFERRED, author_id, now)
    _touch(session, row, now)


def referral_choices(*, session: Session, locale: str, needs: Sequence[str] = ()) -> list[ReferralChoice]:
    """The services one can be referred to, named in ``locale`` with their organisation:
    those answering most of ``needs`` (the person's) first, then by name."""
    open_statuses = [ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED]
    services = session.exec(select(Service).where(col(Service.status).in_(open_statuses))).all()
    organizations = session.exec(
        select(Organization).where(col(Organization.id).in_({s.organization_id for s in services}))
    ).all()
    answered: dict[int, set[str]] = {}
    for service_id, slug in session.exec(
        select(ServiceCategory.service_id, ServiceCategory.category_slug).where(
            col(ServiceCategory.category_slug).in_(list(needs))
        )
    ):
        answered.setdefault(service_id, set()).add(slug)
    names, owners = localize(session, services, locale), localize(session, organizations, locale)
    choices = [
        ReferralChoice(
            slug=service.slug,
            name=names[(service.id, "name")].text,
            organization=owners[(service.organization_id, "name")].text,
            matches=len(answered.get(service.id, ())),
            temporarily_closed=service.status == ServiceStatus.TEMPORARILY_CLOSED,
        )
        for service in services
        if service.id is not None
    ]
    return sorted(choices, key=lambda c: (-c.matches, normalize(c.name), normalize(c.organization), c.slug))


# -- duplicates --------------------------------------------------------------------------


def distance(first: str, second: str) -> int:
    """The Levenshtein distance: how many letters to insert, delete or replace."""
    previous = list(range(len(second) + 1))
    for i, left in enumerate(first, start=1):
        current = [i]
        for j, right in enumerate(second, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right)))
        previous = current
    return previous[-1]


def similar_names(first: str, second: str) -> bool:
    """The same name, one inside the other as whole words, or (5 letters and more) 1-2 typos apart."""
    shorter, longer = sorted((normalize(first), normalize(second)), key=len)
    if not shorter:
        return False
    # Whole words: "Ana" inside "Mariana" would flag every Mariana of the same country.
    if f" {shorter} " in f" {longer} ":
        return True
    return len(shorter) >= 5 and len(longer) - len(shorter) <= 2 and distance(shorter, longer) <= 2


def duplicates(*, session: Session, registration_id: int) -> list[DuplicateView]:
    """Other records with a similar name and the same phone or nationality, unless dismissed."""
    row = session.get(Registration, registration_id)
    if row is None or (row.phone is None and row.nationality is None):
        return []
    phone, nationality = col(Registration.phone), col(Registration.nationality)
    same = sa.or_(
        sa.and_(phone.is_not(None), phone == row.phone),
        sa.and_(nationality.is_not(None), nationality == row.nationality),
    )
    candidates = session.exec(select(Registration).where(col(Registration.id) != registration_id, same))
    first, second = col(DuplicateDismissal.first_id), col(DuplicateDismissal.second_id)
    pairs = session.exec(
        select(first, second).where(sa.or_(first == registration_id, second == registration_id))
    )
    dismissed = {low + high - registration_id for low, high in pairs}  # the other one of each pair
    found = [
        DuplicateView(
            **other.model_dump(), reason="phone" if row.phone and other.phone == row.phone else "nationality"
        )
        for other in candidates
        if other.id not in dismissed and similar_names(row.name_key or row.name, other.name_key or other.name)
    ]
    return sorted(found, key=lambda view: (view.reason != "phone", view.created_at, view.id))


def _pair(first: int, second: int) -> tuple[int, int]:
    if first == second:
        raise DeskError(DeskProblem.SAME_RECORD)
    return min(first, second), max(first, second)


def dismiss_duplicate(
    *, session: Session, registration_id: int, other_id: int, now: dt.datetime | None = None
) -> None:
    """Remember that two records are different people: neither is offered as the other's duplicate."""
    first_id, second_id = _pair(registration_id, other_id)
    _suggested(session, registration_id, other_id)
    rows = [_get(session, first_id), _get(session, second_id)]
    if session.get(DuplicateDismissal, (first_id, second_id)) is None:
        session.add(DuplicateDismissal(first_id=first_id, second_id=second_id))
    for row in rows:  # both records' duplicate lists change
        row.updated_at = as_utc(now or utcnow())
        session.add(row)
    session.commit()


def _suggested(session: Session, registration_id: int, other_id: int) -> None:
    """Refuse to merge or dismiss a record that is not one of this record's possible duplicates:
    merging deletes a record, which only a suggested duplicate (or a coordinator's erasure) may."""
    if other_id not in {d.id for d in duplicates(session=session, registration_id=registration_id)}:
        raise DeskError(DeskProblem.NOT_A_DUPLICATE)


_FILLED = ("nationality", "adults", "children", "phone", "preferred_contact", "message")
_KEPT_APART = ("name", "phone", "nationality", "message")  # when both differ: drop's value goes in the note


@dataclass(frozen=True)
class MergeWords:
    """The words of the note a merge leaves, in the desk's language (the page translates them;
    the note is stored as written, like any note)."""

    heading: str = "Merged {code} into this record"
    labels: Mapping[str, str] = field(default_factory=dict)  # field -> its label
    show: Callable[[str, Any], str] = lambda _field, value: str(value)  # a kept value as words


def merge(
    *,
    session: Session,
    keep_id: int,
    drop_id: int,
    author_id: int,
    now: dt.datetime,
    words: MergeWords | None = None,
) -> None:
    """Fold one record into another (the same person): its history moves over, then it is deleted."""
    words = words or MergeWords()
    _pair(keep_id, drop_id)
    _suggested(session, keep_id, drop_id)
    keep, drop = _get(session, keep_id), _get(session, drop_id)
    lines = [words.heading.replace("{code}", drop.reference)]
    for name in _KEPT_APART:
        ours, theirs = getattr(keep, name), getattr(drop, name)
        if ours and theirs and ours != theirs:
            lines.append(f"{words.labels.get(name, name)}: {words.show(name, theirs)}")
    # The person's appointments, calls and keys to their own page follow them: a phone holding
    # the dropped record's secret opens the kept record, which is the same person.
    for table in (Note, StatusChange, Referral, Appointment, Call, PersonalKey):
        session.exec(
            sa.update(table).where(col(table.registration_id) == drop_id).values(registration_id=keep_id)
        )
    if not keep.phone and drop.phone:
        keep.has_whatsapp = drop.has_whatsapp
    for name in _FILLED:
        if getattr(keep, name) in (None, "") and getattr(drop, name) not in (None, ""):
            setattr(keep, name, getattr(drop, name))
    keep.needs = list(dict.fromkeys([*keep.needs, *drop.needs]))
    keep.languages = list(dict.fromkeys([*keep.languages, *drop.languages]))
    text = "\n".join(lines)[:NOTE_MAX]
    session.add(Note(registration_id=keep_id, author_id=author_id, text=text, created_at=as_utc(now)))
    session.delete(drop)
    _touch(session, keep, now)
    forget_on_disk(session)  # the dropped record's bytes leave SQLite's write-ahead log too
