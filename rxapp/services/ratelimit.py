"""Rate limits whose counters live in the database, so they hold across workers.

Keys are keyed hashes (HMAC with the installation's secret) of a device id, an address or a
staff account: the table never holds an address. Each limit counts attempts in fixed
windows (an hour, or a part of one); an attempt over the limit is refused with the seconds
until the window ends.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from rxapp.models import RateCounter

WINDOW = 3600  # seconds: limits are per hour unless they say otherwise


@dataclass(frozen=True)
class Limit:
    """At most ``allowed`` attempts per ``window`` seconds (an hour or a part of it) for one key."""

    key: str
    allowed: int
    window: int = WINDOW

    def __post_init__(self) -> None:
        if self.window <= 0 or WINDOW % self.window:
            raise ValueError(f"a window must divide the hour: {self.window}")

    def slot(self, moment: float) -> tuple[str, int, int]:
        """Where this limit counts at ``moment``: the stored key, the hour, the seconds left.

        A shorter window is a slot of the hour named in the key: the row's ``window`` stays the
        hour, so the hourly clean-ups (here and in the retention job) forget it on time.
        """
        part = int(moment // self.window)
        name = self.key if self.window == WINDOW else f"{self.key}/{part % (WINDOW // self.window)}"
        return name, int(moment // WINDOW), int((part + 1) * self.window - moment) + 1


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


@cache
def _upsert(dialect: str, rows: int) -> sa.Executable:
    """Add one to ``rows`` counters (creating each at one) and return them with their keys: one
    statement, one round trip to the database whatever the number of limits, built once."""
    table = RateCounter.__table__  # type: ignore[attr-defined]
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    values = [
        {"key": sa.bindparam(f"k{i}"), "window": sa.bindparam(f"w{i}"), "count": 1} for i in range(rows)
    ]
    return (
        insert(table)
        .values(values)
        .on_conflict_do_update(index_elements=["key", "window"], set_={"count": table.c.count + 1})
        .returning(table.c.key, table.c.count)
    )


def _bump(session: Session, slots: list[tuple[str, int]]) -> dict[str, int]:
    """Count one attempt in each (key, window) slot at once; each key's count after it."""
    if len(set(slots)) < len(slots):  # one statement may not touch a row twice (PostgreSQL)
        counts: dict[str, int] = {}
        for slot in slots:
            counts |= _bump(session, [slot])
        return counts
    statement = _upsert(session.get_bind().dialect.name, len(slots))
    params = {
        f"{kind}{i}": value for i, slot in enumerate(slots) for kind, value in zip("kw", slot, strict=True)
    }
    return {str(k): int(n) for k, n in session.execute(statement, params).all()}


# The share of counted attempts that also delete the windows that have ended (one DELETE): often
# enough to keep the table small, rarely enough to cost nothing. A test that counts statements sets 0.
SWEEP_CHANCE = 0.02


def check(*, session: Session, limits: Sequence[Limit], now: float | None = None) -> None:
    """``RateLimitedError`` if any limit is used up already; counts nothing and writes nothing.

    A read is cheap where a write is not (a commit waits for the disk): a flood that is over its
    limit costs one query per attempt.
    """
    moment = time.time() if now is None else now
    table = RateCounter.__table__  # type: ignore[attr-defined]
    wait = 0
    for limit in limits:
        name, window, left = limit.slot(moment)
        query = sa.select(table.c.count).where(table.c.key == name, table.c.window == window)
        if (session.execute(query).scalar() or 0) >= limit.allowed:
            wait = max(wait, left)
    if wait:
        raise RateLimitedError(wait)


def refund(*, session: Session, limits: Sequence[Limit], now: float) -> None:
    """Give back one attempt counted at ``now`` (e.g. a sign-in that succeeded: only failures count)."""
    table = RateCounter.__table__  # type: ignore[attr-defined]
    for limit in limits:
        name, window, _ = limit.slot(now)
        row = (table.c.key == name) & (table.c.window == window) & (table.c.count > 0)
        session.execute(sa.update(table).where(row).values(count=table.c.count - 1))
    session.commit()


def count(*, session: Session, limits: Sequence[Limit], now: float | None = None) -> int:
    """Count one attempt against every limit, uncommitted: 0, or the seconds to wait when one is
    exceeded (the caller commits or rolls back)."""
    moment = time.time() if now is None else now
    wait = 0
    slots = [limit.slot(moment) for limit in limits]
    counts = _bump(session, [(name, hour) for name, hour, _ in slots]) if slots else {}
    for limit, (name, _hour, left) in zip(limits, slots, strict=True):
        if counts[name] > limit.allowed:
            wait = max(wait, left)
    if random.random() < SWEEP_CHANCE:  # now and then, forget windows that have ended
        table = RateCounter.__table__  # type: ignore[attr-defined]
        session.execute(sa.delete(table).where(table.c.window < int(moment // WINDOW)))
    return wait


def hit(*, session: Session, limits: Sequence[Limit], now: float | None = None, commit: bool = True) -> None:
    """Count one attempt against every limit; ``RateLimitedError`` if any is exceeded.

    Refused attempts count too (committed), so hammering does not shorten the wait. An
    allowed attempt is committed with the caller's own write when ``commit`` is false.
    """
    wait = count(session=session, limits=limits, now=now)
    if wait:
        session.commit()
        raise RateLimitedError(wait)
    if commit:
        session.commit()
