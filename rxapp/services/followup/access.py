"""The person's page is opened by a secret, never by the reference code.

The code (MTZ-7K4Q) is said out loud in the waiting room; the page is reached only with a
256-bit secret (``secrets.token_urlsafe(32)``) that lives on the person's phone. Secrets and
tokens are stored only as their SHA-256: a copy of the database opens nobody's page.

- The phone that registered itself gets a secret in the registration's answer
  (``rxapp/registration/submission.py``); a walk-in registered on the desk's shared tablet
  never does (the tablet must keep nothing personal).
- Any phone can get one by claiming a one-time token (``issue_token``) the desk shows as a QR
  or sends by WhatsApp/SMS: valid 7 days, claimed once, then it is spent.
- The desk's "revoke phone access" (``revoke_all``) ends every secret and unspent token of a
  record; erasure and retention delete them with the record.

A token that is used, expired, revoked or unknown, and a secret that is unknown, revoked or
erased, all fail the same way (``AccessDeniedError`` / ``None``): an answer never tells which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.models import AuditAction, KeyKind, PersonalKey, Registration
from rxapp.services import audit
from rxapp.services.clock import as_utc
from rxapp.services.followup.inputs import record_of

SECRET_BYTES = 32  # 256 bits, 43 URL-safe characters
TOKEN_DAYS = 7
# Live secrets per record at most: a phone that resends its registration (its answer lost on
# the way) gets a fresh secret each time; the oldest beyond this end, so rows cannot pile up.
LIVE_SECRETS_MAX = 5
_KEY = PersonalKey.__table__  # type: ignore[attr-defined]


class AccessDeniedError(Exception):
    """The token is unknown, used, expired or revoked: one error for all, on purpose."""


def new_secret() -> str:
    """A fresh random secret (or token): 256 bits, URL-safe."""
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    """What is stored of a secret or token: its SHA-256, in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def add_key(
    session: Session,
    *,
    registration_id: int,
    secret: str,
    kind: KeyKind,
    now: dt.datetime,
    expires_at: dt.datetime | None = None,
) -> None:
    """Store a key's digest, uncommitted (one Core statement: registration's hot path uses it)."""
    session.execute(
        sa.insert(_KEY).values(
            registration_id=registration_id,
            digest=digest(secret),
            kind=kind,
            created_at=as_utc(now),
            expires_at=expires_at and as_utc(expires_at),
        )
    )


def _live(kind: KeyKind) -> sa.ColumnElement[bool]:
    return sa.and_(_KEY.c.kind == kind, _KEY.c.revoked_at.is_(None))


def issue_secret(
    *,
    session: Session,
    registration_id: int,
    now: dt.datetime,
    secret: str | None = None,
    commit: bool = True,
) -> str:
    """Store a new secret for a record and return it: the only time it is seen.

    ``secret``: one made beforehand (``new_secret``). The oldest live secrets beyond
    ``LIVE_SECRETS_MAX`` are revoked.
    """
    secret = secret or new_secret()
    add_key(session, registration_id=registration_id, secret=secret, kind=KeyKind.SECRET, now=now)
    live = session.execute(
        sa.select(_KEY.c.id)
        .where(_KEY.c.registration_id == registration_id, _live(KeyKind.SECRET))
        .order_by(_KEY.c.created_at.desc(), _KEY.c.id.desc())
    ).scalars()
    older = list(live)[LIVE_SECRETS_MAX:]
    if older:
        session.execute(sa.update(_KEY).where(_KEY.c.id.in_(older)).values(revoked_at=as_utc(now)))
    if commit:
        session.commit()
    return secret


def issue_token(
    *, session: Session, registration_id: int, actor: audit.Actor, now: dt.datetime, commit: bool = True
) -> str:
    """A one-time token for the record (the desk's QR, or the link in a sending), valid
    ``TOKEN_DAYS`` days; audited. Returned once: only its digest is kept.

    ``FollowUpError(NOT_FOUND)`` when the record is gone.
    """
    record_of(session, registration_id)
    token = new_secret()
    expires = as_utc(now) + dt.timedelta(days=TOKEN_DAYS)
    add_key(
        session,
        registration_id=registration_id,
        secret=token,
        kind=KeyKind.TOKEN,
        now=now,
        expires_at=expires,
    )
    audit.record(
        session=session,
        actor=actor,
        action=AuditAction.TOKEN,
        record_id=registration_id,
        now=now,
        commit=False,
    )
    if commit:
        session.commit()
    return token


def claim(*, session: Session, token: str, now: dt.datetime) -> str:
    """Spend a token for a new secret of its record; ``AccessDeniedError`` otherwise.

    One conditional UPDATE spends it: of two phones claiming the same token at once, one wins.
    """
    moment = as_utc(now)
    spent = session.execute(
        sa.update(_KEY)
        .where(
            _KEY.c.digest == digest(token),
            _live(KeyKind.TOKEN),
            _KEY.c.used_at.is_(None),
            _KEY.c.expires_at > moment,
        )
        .values(used_at=moment)
        .returning(_KEY.c.registration_id)
    ).first()
    if spent is None:
        session.rollback()
        raise AccessDeniedError
    return issue_secret(session=session, registration_id=spent.registration_id, now=now)


def resolve(*, session: Session, secret: str) -> Registration | None:
    """The record a secret opens; None for an unknown, revoked or erased one (or a token)."""
    if not secret:
        return None
    return session.exec(
        select(Registration)
        .join(PersonalKey, col(PersonalKey.registration_id) == col(Registration.id))
        .where(
            PersonalKey.digest == digest(secret),
            PersonalKey.kind == KeyKind.SECRET,
            col(PersonalKey.revoked_at).is_(None),
        )
    ).first()


def revoke_all(*, session: Session, registration_id: int, actor: audit.Actor, now: dt.datetime) -> int:
    """The desk's "revoke phone access": every live secret and unspent token of the record
    ends; audited with how many. Returns how many ended (``FollowUpError`` when it is gone)."""
    record_of(session, registration_id)
    ended = (
        session.connection()
        .execute(
            sa.update(_KEY)
            .where(_KEY.c.registration_id == registration_id, _KEY.c.revoked_at.is_(None))
            .values(revoked_at=as_utc(now))
        )
        .rowcount
    )
    audit.record(
        session=session,
        actor=actor,
        action=AuditAction.REVOKE,
        record_id=registration_id,
        detail=str(ended),
        now=now,
        commit=False,
    )
    session.commit()
    return int(ended)
