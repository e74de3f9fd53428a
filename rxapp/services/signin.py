"""Sign-in attempts limited per address and per connection, checked before any hashing.

The account lockout (``auth``) counts a known account's failures; unknown user names never
locked anything, so a script could make the server verify passwords for ever (issue 16,
item 1). Here every attempt counts against its connection (the browser tab) and its address
whatever the user name, in the database so the limit holds across workers. The count is
checked first, with a read only: over the limit, an attempt costs one query and no hash. A
sign-in that succeeds gives its attempt back: only failures count.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.services import hashing, ratelimit
from rxapp.services.auth import AuthError, AuthProblem
from rxapp.services.ratelimit import Limit, in_networks, key

# Limits count failures in windows of ten minutes: a person who mistyped waits minutes, not
# the rest of an hour; a script is stopped within seconds all the same.
WINDOW = 600

P = ParamSpec("P")
T = TypeVar("T")


def limits_for(
    *,
    secret: str,
    address: str,
    connection: str,
    centre_networks: Sequence[str],
    per_connection: int,
    per_address: int,
    per_centre: int,
) -> list[Limit]:
    """The limits one sign-in (or unlock) attempt counts against.

    On the centre's own network every tablet may share one address: that address gets the
    generous allowance, and each tab still its own per-connection limit.
    """
    shared = in_networks(address, centre_networks)
    return [
        Limit(key(secret, "signin-tab", connection), per_connection, WINDOW),
        Limit(key(secret, "signin-address", address), per_centre if shared else per_address, WINDOW),
    ]


async def attempt(check: Callable[[], T], *, bind: Engine, limits: Sequence[Limit]) -> T:
    """Count an attempt, then run ``check`` (which verifies a password) in the hashing pool.

    ``LOCKED_OUT`` with the seconds to wait, before any hashing, when a limit is used up;
    ``BUSY`` when the pool is full. Refused and failed attempts stay counted.
    """
    moment = time.time()
    try:
        with Session(bind) as session:
            ratelimit.check(session=session, limits=limits, now=moment)
            ratelimit.hit(session=session, limits=limits, now=moment)  # counted before the hash
    except ratelimit.RateLimitedError as error:
        raise AuthError(AuthProblem.LOCKED_OUT, retry_after=error.retry_after) from None
    result = await hashed(check)
    with Session(bind) as session:
        ratelimit.refund(session=session, limits=limits, now=moment)
    return result


async def hashed(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn`` (it hashes or verifies a password) in the hashing pool; ``BUSY`` when it is full."""
    try:
        return await hashing.run(fn, *args, **kwargs)
    except hashing.BusyError:
        raise AuthError(AuthProblem.BUSY) from None
