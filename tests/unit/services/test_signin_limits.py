"""The pieces under the desk's sign-in limits (issue 16, item 1): the limits an attempt counts
against, and a password pool with a bound."""

from __future__ import annotations

import asyncio
import threading
from functools import partial

import pytest

from rxapp.services import hashing, signin
from tests.data import aio


def test_the_centre_network_gets_its_own_allowance_and_nothing_readable_is_kept() -> None:
    limits_for = partial(
        signin.limits_for, secret="s", connection="tok", per_connection=10, per_address=20, per_centre=100
    )
    outside = limits_for(address="203.0.113.7", centre_networks=["192.168.1.0/24"])
    inside = limits_for(address="192.168.1.7", centre_networks=["192.168.1.0/24"])
    assert [limit.allowed for limit in outside] == [10, 20]
    assert [limit.allowed for limit in inside] == [10, 100]
    assert not any("203.0.113.7" in limit.key or "tok" in limit.key.split(":")[1] for limit in outside)


def test_the_pool_refuses_beyond_its_bound_until_a_job_ends() -> None:
    """Issue 16, item 1: waiting password work is bounded; the next one is refused at once."""
    pool = hashing.HashPool(workers=1, waiting=1)
    release = threading.Event()

    async def scenario() -> list[str]:
        held = [asyncio.ensure_future(pool.run(release.wait, 10)) for _ in range(2)]
        while pool.taken < 2:
            await asyncio.sleep(0)
        with pytest.raises(hashing.BusyError):
            await pool.run(len, "refused")
        release.set()
        await asyncio.gather(*held)
        return [await pool.run(str.upper, "again")]

    assert aio.run(scenario()) == ["AGAIN"]
    assert pool.taken == 0


def test_a_caller_that_stops_waiting_leaves_its_job_counted_until_it_ends() -> None:
    """A cancelled sign-in's verification still holds its core: the bound counts it."""
    pool = hashing.HashPool(workers=1, waiting=0)
    release = threading.Event()

    async def scenario() -> None:
        job = asyncio.ensure_future(pool.run(release.wait, 10))
        while pool.taken < 1:
            await asyncio.sleep(0)
        job.cancel()
        with pytest.raises(hashing.BusyError):
            await pool.run(len, "refused")
        release.set()

    aio.run(scenario())
