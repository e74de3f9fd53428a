"""Staff accounts, sign-in with a lockout counted in the database, and server-held desk sessions.

The browser keeps only a random token; the table keeps its SHA-256. A session locks when the
desk is left idle (the same person types the password again) and ends after ``max_seconds``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from rxapp.models import Role, StaffSession, StaffUser
from rxapp.services.clock import as_utc

MIN_PASSWORD = 10
FREE_ATTEMPTS = 5  # consecutive failures that cost nothing
BASE_DELAY = 30  # seconds; doubles with each failure after the free ones
MAX_DELAY = 15 * 60
USERNAME = re.compile(r"[a-z0-9._-]{3,40}")
DISPLAY_NAME_MAX = 80
DESK_COOKIE = "paso_desk"  # holds the token of the browser's desk session (SameSite=Strict)
# What each role may do besides its own: a coordinator runs the desk, so does volunteer work,
# and edits the directory, translations included (the translator's desk is theirs too).
_ALSO = {Role.COORDINATOR: {Role.VOLUNTEER, Role.TRANSLATOR}}
# The order of ``list_staff``: the people to ask first come first.
_RANK = {Role.COORDINATOR: 0, Role.VOLUNTEER: 1, Role.TRANSLATOR: 2}

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_dummy_hash: str | None = None
_USERS = StaffUser.__table__  # type: ignore[attr-defined]
_SESSIONS = StaffSession.__table__  # type: ignore[attr-defined]


class AuthProblem(StrEnum):
    """Why a sign-in, session or account change was refused (worded for people in the UI)."""

    BAD_CREDENTIALS = "bad_credentials"
    LOCKED_OUT = "locked_out"
    WEAK_PASSWORD = "weak_password"
    USERNAME_TAKEN = "username_taken"
    USERNAME_INVALID = "username_invalid"
    SAME_PASSWORD = "same_password"
    NOT_ALLOWED = "not_allowed"
    SESSION_LOCKED = "session_locked"
    SESSION_ENDED = "session_ended"
    BUSY = "busy"  # too many sign-ins at once: password work is refused, not queued


class AuthError(Exception):
    """A refusal; ``retry_after`` is the seconds to wait when the account is locked."""

    def __init__(self, problem: AuthProblem, retry_after: int = 0) -> None:
        super().__init__(f"{problem}" + (f" (retry after {retry_after} s)" if retry_after else ""))
        self.problem = problem
        self.retry_after = retry_after


@dataclass(frozen=True)
class Staff:
    """The signed-in person behind a desk session."""

    user_id: int
    username: str
    display_name: str
    role: Role
    session_id: int

    def can(self, role: Role) -> bool:
        """Whether this person may do what ``role`` does."""
        return role == self.role or role in _ALSO.get(self.role, set())


def use_fast_hashing(fast: bool = True) -> None:
    """Cheap hashing parameters, for tests only (``fast=False``: the real ones again)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1) if fast else PasswordHasher()
    _dummy_hash = None


def hash_password(password: str) -> str:
    """An argon2id hash of the password, with its own salt and parameters."""
    return _hasher.hash(password)


def verify_password(hash_: str, password: str) -> bool:
    """Whether the password matches the hash (false for a malformed hash)."""
    try:
        return _hasher.verify(hash_, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password(password: str, *, username: str = "") -> None:
    """``WEAK_PASSWORD`` when too short, the username itself or one character repeated."""
    if len(password) < MIN_PASSWORD or password.casefold() == username.casefold() or len(set(password)) == 1:
        raise AuthError(AuthProblem.WEAK_PASSWORD)


def normalize_username(raw: str) -> str:
    """The stored form of a username (lower case); ``USERNAME_INVALID`` if not allowed."""
    name = raw.strip().lower()
    if not USERNAME.fullmatch(name):
        raise AuthError(AuthProblem.USERNAME_INVALID)
    return name


def create_user(
    *, session: Session, username: str, display_name: str, role: Role, password: str
) -> StaffUser:
    """A new active account; ``USERNAME_TAKEN``, ``USERNAME_INVALID`` or ``WEAK_PASSWORD``."""
    name = normalize_username(username)
    shown = display_name.strip()
    if not 1 <= len(shown) <= DISPLAY_NAME_MAX:  # the enum has no problem of its own for it
        raise AuthError(AuthProblem.USERNAME_INVALID)
    check_password(password, username=name)
    user = StaffUser(username=name, display_name=shown, role=role, password_hash=hash_password(password))
    session.add(user)
    try:  # the unique index decides, so two coordinators adding the same name at once get one
        session.commit()
    except IntegrityError:
        session.rollback()
        raise AuthError(AuthProblem.USERNAME_TAKEN) from None
    session.refresh(user)
    return user


def _set_user(session: Session, user_id: int, **values: object) -> None:
    session.execute(sa.update(_USERS).where(_USERS.c.id == user_id).values(**values))


def _check(session: Session, user: StaffUser, password: str, now: dt.datetime) -> None:
    """The lockout, then the password; a failure is counted in the row and committed."""
    assert user.id is not None
    if user.locked_until is not None and as_utc(user.locked_until) > now:
        wait = math.ceil((as_utc(user.locked_until) - now).total_seconds())
        verify_password(_decoy(), password)  # as long as a real check: timing tells nothing
        raise AuthError(AuthProblem.LOCKED_OUT, retry_after=wait)
    if verify_password(user.password_hash, password):
        if user.failed_attempts or user.locked_until is not None:
            _set_user(session, user.id, failed_attempts=0, locked_until=None)
        if _hasher.check_needs_rehash(user.password_hash):  # parameters were raised since
            _set_user(session, user.id, password_hash=hash_password(password))
        session.commit()
        return
    # Incremented in SQL: two workers failing at once both count.
    bump = sa.update(_USERS).where(_USERS.c.id == user.id)
    bump = bump.values(failed_attempts=_USERS.c.failed_attempts + 1).returning(_USERS.c.failed_attempts)
    failures = int(session.execute(bump).scalar_one())
    delay = 0
    if failures > FREE_ATTEMPTS:
        delay = min(BASE_DELAY * 2 ** min(failures - FREE_ATTEMPTS, 10), MAX_DELAY)
        _set_user(session, user.id, locked_until=now + dt.timedelta(seconds=delay))
    session.commit()
    raise AuthError(AuthProblem.BAD_CREDENTIALS, retry_after=delay)


def _decoy() -> str:
    """A hash of nothing anyone knows, verified when there is no real one to check."""
    global _dummy_hash
    _dummy_hash = _dummy_hash or hash_password(secrets.token_urlsafe(16))
    return _dummy_hash


def authenticate(*, session: Session, username: str, password: str, now: dt.datetime) -> StaffUser:
    """The account these credentials open; ``BAD_CREDENTIALS`` or ``LOCKED_OUT``.

    A wrong password that starts a lockout is ``BAD_CREDENTIALS`` with ``retry_after`` set.
    """
    now = as_utc(now)
    query = select(StaffUser).where(StaffUser.username == username.strip().lower())
    user = session.exec(query.execution_options(populate_existing=True)).first()
    if user is None or not user.active:
        # Pay for one verification anyway: the time taken must not tell which usernames exist.
        verify_password(user.password_hash if user else _decoy(), password)
        raise AuthError(AuthProblem.BAD_CREDENTIALS)
    _check(session, user, password, now)
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(*, session: Session, user: StaffUser, now: dt.datetime) -> str:
    """A new desk session for the user; its token (only the token's hash is stored)."""
    assert user.id is not None
    token = secrets.token_urlsafe(32)
    now = as_utc(now)
    session.add(StaffSession(token_hash=_digest(token), user_id=user.id, created_at=now, last_seen_at=now))
    session.commit()
    return token


# A sign-in happens over the websocket, but only an HTTP response can set an HttpOnly cookie:
# the sign-in opens the session under a one-time ticket that the page hands to
# ``POST /api/desk/session``, which swaps it for the cookie's token (issue 16, item 6). The
# ticket is stored under another digest, so it never works as a cookie, and the token never
# passes through the page's scripts.
HANDOVER_SECONDS = 60


def _ticket_digest(ticket: str) -> str:
    return hashlib.sha256(b"paso-desk-ticket\0" + ticket.encode()).hexdigest()


def open_handover(*, session: Session, user: StaffUser, now: dt.datetime) -> str:
    """A new desk session that no cookie opens yet; the one-time ticket to hand it to one."""
    assert user.id is not None
    ticket = secrets.token_urlsafe(32)
    now = as_utc(now)
    row = StaffSession(token_hash=_ticket_digest(ticket), user_id=user.id, created_at=now, last_seen_at=now)
    session.add(row)
    session.commit()
    return ticket


def hand_over(*, session: Session, ticket: str, now: dt.datetime) -> str | None:
    """The cookie token for a ticket of the last ``HANDOVER_SECONDS``, once; None otherwise."""
    token = secrets.token_urlsafe(32)
    since = as_utc(now) - dt.timedelta(seconds=HANDOVER_SECONDS)
    # One UPDATE: of two requests with the same ticket (two workers), one finds the row.
    swap = sa.update(_SESSIONS).where(
        _SESSIONS.c.token_hash == _ticket_digest(ticket),
        _SESSIONS.c.ended_at.is_(None),
        _SESSIONS.c.created_at >= since,
    )
    swapped = session.connection().execute(swap.values(token_hash=_digest(token))).rowcount
    session.commit()
    return token if swapped == 1 else None


def _find(session: Session, token: str) -> tuple[StaffSession, StaffUser] | None:
    """The open session of this token and its active user."""
    query = select(StaffSession, StaffUser).join(StaffUser).where(StaffSession.token_hash == _digest(token))
    found = session.exec(query.execution_options(populate_existing=True)).first()
    if found is None or found[0].ended_at is not None or not found[1].active:
        return None
    return found


def _staff(row: StaffSession, user: StaffUser) -> Staff:
    assert row.id is not None and user.id is not None
    return Staff(user.id, user.username, user.display_name, user.role, row.id)


def _open(session: Session, token: str, now: dt.datetime, max_seconds: int) -> tuple[StaffSession, StaffUser]:
    """The session and its user, or ``SESSION_ENDED`` (ending it once it is too old)."""
    found = _find(session, token)
    if found is None:
        raise AuthError(AuthProblem.SESSION_ENDED)
    row, user = found
    if (now - as_utc(row.created_at)).total_seconds() > max_seconds:
        row.ended_at = now
        session.commit()
        raise AuthError(AuthProblem.SESSION_ENDED)
    return row, user


def current(
    *, session: Session, token: str, now: dt.datetime, idle_seconds: int, max_seconds: int, touch: bool = True
) -> Staff:
    """Who is at this desk; ``SESSION_LOCKED`` when idle too long, ``SESSION_ENDED`` when over.

    ``touch=False`` (the desk's background refresh) checks without counting as activity.
    """
    now = as_utc(now)
    row, user = _open(session, token, now, max_seconds)
    if row.locked or (now - as_utc(row.last_seen_at)).total_seconds() > idle_seconds:
        row.locked = True
        session.commit()
        raise AuthError(AuthProblem.SESSION_LOCKED)
    if touch:
        row.last_seen_at = now
        session.commit()
    return _staff(row, user)


def peek(*, session: Session, token: str) -> Staff | None:
    """Whose session this is, for the lock screen; touches nothing. None if over."""
    found = _find(session, token)
    return _staff(*found) if found else None


def lock(*, session: Session, token: str) -> None:
    """Lock the desk now (the person stepped away)."""
    found = _find(session, token)
    if found:
        found[0].locked = True
        session.commit()


def unlock(*, session: Session, token: str, password: str, now: dt.datetime, max_seconds: int) -> Staff:
    """Reopen a locked desk with the password of the person who signed in, and only theirs."""
    now = as_utc(now)
    row, user = _open(session, token, now, max_seconds)
    _check(session, user, password, now)  # counts toward the same lockout as signing in
    row.locked, row.last_seen_at = False, now
    session.commit()
    return _staff(row, user)


def _end(session: Session, which: sa.ColumnElement[bool], now: dt.datetime) -> None:
    query = sa.update(_SESSIONS).where(which, _SESSIONS.c.ended_at.is_(None))
    session.execute(query.values(ended_at=as_utc(now)))
    session.commit()


def end_session(*, session: Session, token: str, now: dt.datetime) -> None:
    """Sign out; a second call or an unknown token does nothing."""
    _end(session, _SESSIONS.c.token_hash == _digest(token), now)


def end_sessions_of(*, session: Session, user_id: int, now: dt.datetime) -> None:
    """Sign a person out of every desk."""
    _end(session, _SESSIONS.c.user_id == user_id, now)


def _user(session: Session, user_id: int) -> StaffUser:
    # Fresh from the row: another worker may have changed it since this session loaded it.
    query = select(StaffUser).where(StaffUser.id == user_id).execution_options(populate_existing=True)
    user = session.exec(query).first()
    if user is None:
        raise AuthError(AuthProblem.NOT_ALLOWED)
    return user


def change_password(
    *, session: Session, user_id: int, old: str, new: str, now: dt.datetime | None = None
) -> None:
    """A person changes their own password, knowing the old one.

    Wrong old passwords count toward the same lockout as signing in: an unlocked tablet is
    no place to guess someone's password without limit.
    """
    user = _user(session, user_id)
    _check(session, user, old, as_utc(now or dt.datetime.now(dt.UTC)))
    check_password(new, username=user.username)
    if new == old:
        raise AuthError(AuthProblem.SAME_PASSWORD)
    user.password_hash = hash_password(new)
    session.commit()


def reset_password(*, session: Session, user_id: int, new: str, now: dt.datetime) -> None:
    """A coordinator sets someone's password: the lockout is cleared and their desks signed out."""
    user = _user(session, user_id)
    check_password(new, username=user.username)
    user.password_hash, user.failed_attempts, user.locked_until = hash_password(new), 0, None
    session.commit()
    end_sessions_of(session=session, user_id=user_id, now=now)


def set_active(*, session: Session, user_id: int, active: bool, now: dt.datetime) -> None:
    """Enable or disable an account; disabling signs it out. The last coordinator stays."""
    user = _user(session, user_id)
    last = user.active and user.role == Role.COORDINATOR and count_coordinators(session=session) == 1
    if last and not active:
        raise AuthError(AuthProblem.NOT_ALLOWED)  # nobody would be left to manage the desk
    user.active = active
    session.commit()
    if not active:
        end_sessions_of(session=session, user_id=user_id, now=now)


def list_staff(*, session: Session) -> list[StaffUser]:
    """Every account, coordinators first, then by name."""
    users = session.exec(select(StaffUser)).all()
    return sorted(users, key=lambda user: (_RANK[user.role], user.display_name.casefold(), user.username))


def count_coordinators(*, session: Session) -> int:
    """How many active coordinators there are."""
    query = select(func.count()).where(StaffUser.role == Role.COORDINATOR, col(StaffUser.active))
    return session.exec(query.select_from(StaffUser)).one()


def purge_sessions(*, session: Session, now: dt.datetime, max_seconds: int) -> int:
    """Delete sessions that ended or outlived ``max_seconds``; how many."""
    cutoff = as_utc(now) - dt.timedelta(seconds=max_seconds)
    over = sa.or_(_SESSIONS.c.ended_at.is_not(None), _SESSIONS.c.created_at < cutoff)
    deleted = session.connection().execute(sa.delete(_SESSIONS).where(over)).rowcount
    session.commit()
    return deleted
