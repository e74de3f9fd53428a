"""Rate limits whose counters live in the database, so they hold across workers.

Keys are keyed hashes (HMAC with the installation's secret) of a device id, an address or a
staff account: the table never holds an address. Each limit counts attempts in fixed
windows; an attempt over the limit is refused with the seconds until the window ends.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from rxapp.models import RateCounter

WINDOW = 3600  # seconds: limits are per hour


@dataclass(frozen=True)
class Limit:
    """At most ``allowed`` attempts per hour for one key."""

    key: str
    allowed: int


class RateLimitedError(Exception):
    """Too many attempts; ``retry_after`` seconds until the window ends."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited for {retry_after} s")
        self.retry_after = retry_after


def key(secret: str, kind: str, value: str) -> str:
    """The stored form of a key: a keyed hash, so addresses and device ids are not kept."""
    digest = hmac.new(secret.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:40]}"


def in_networks(address: str, networks: Iterable[str]) -> bool:
    """Whether an address belongs to one of the networks (CIDR); false for a malformed address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in networks)


def _bump(session: Session, name: str, window: int) -> int:
    table = RateCounter.__table__  # type: ignore[attr-defined]
    where = sa.and_(table.c.key == name, table.c.window == window)
    updated = session.execute(sa.update(table).where(where).values(count=table.c.count + 1))
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        try:
            with session.begin_nested():
                session.execute(sa.insert(table).values(key=name, window=window, count=1))
        except IntegrityError:  # another worker inserted it first
            session.execute(sa.update(table).where(where).values(count=table.c.count + 1))
    return int(session.execute(sa.select(table.c.count).where(where)).scalar_one())


def hit(*, session: Session, limits: Sequence[Limit], now: float | None = None, commit: bool = True) -> None:
    """Count one attempt against every limit; ``RateLimitedError`` if any is exceeded.

    Refused attempts count too (committed), so hammering does not shorten the wait. An
    allowed attempt is committed with the caller's own write when ``commit`` is false.
    """
    moment = time.time() if now is None else now
    wait = 0
    window = int(moment // WINDOW)
    for limit in limits:
        if _bump(session, limit.key, window) > limit.allowed:
            wait = int((window + 1) * WINDOW - moment) + 1
    if random.random() < 0.02:  # now and then, forget windows that have ended
        table = RateCounter.__table__  # type: ignore[attr-defined]
        session.execute(sa.delete(table).where(table.c.window < window))
    if wait:
        session.commit()
        raise RateLimitedError(wait)
    if commit:
        session.commit()
