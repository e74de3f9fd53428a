"""Rate limits: counted in the database (so every worker sees them), keyed by hashes."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import RateCounter
from rxapp.services import ratelimit
from rxapp.services.registration import limits_for

NOW = 1_790_000_000.0  # some instant, 2026


def test_the_limit_refuses_the_attempt_after_the_last_allowed(empty_engine: Engine) -> None:
    limit = [ratelimit.Limit("device:x", 2)]
    with Session(empty_engine) as session:
        ratelimit.hit(session=session, limits=limit, now=NOW)
        ratelimit.hit(session=session, limits=limit, now=NOW + 1)
        with pytest.raises(ratelimit.RateLimitedError) as refused:
            ratelimit.hit(session=session, limits=limit, now=NOW + 2)
    window_end = (int(NOW // 3600) + 1) * 3600
    assert 0 < refused.value.retry_after <= window_end - NOW + 1


def test_a_new_window_starts_afresh(empty_engine: Engine) -> None:
    limit = [ratelimit.Limit("device:x", 1)]
    with Session(empty_engine) as session:
        ratelimit.hit(session=session, limits=limit, now=NOW)
        ratelimit.hit(session=session, limits=limit, now=NOW + 3600)


def test_counters_are_shared_by_separate_sessions(empty_engine: Engine) -> None:
    """Two workers are two sessions on one database: the second sees the first's count."""
    limit = [ratelimit.Limit("address:x", 1)]
    with Session(empty_engine) as first:
        ratelimit.hit(session=first, limits=limit, now=NOW)
    with Session(empty_engine) as second, pytest.raises(ratelimit.RateLimitedError):
        ratelimit.hit(session=second, limits=limit, now=NOW)


def test_no_address_or_device_id_is_stored(empty_engine: Engine) -> None:
    limits = limits_for(
        secret="s3cret", device_id="device-123456", address="203.0.113.7", centre_networks=[],
        per_device=5, per_address=20, per_centre=300,
    )  # fmt: skip
    with Session(empty_engine) as session:
        ratelimit.hit(session=session, limits=limits, now=NOW)
        keys = session.exec(select(RateCounter.key)).all()
    assert len(keys) == 2
    assert not any("203.0.113.7" in k or "device-123456" in k for k in keys)


def test_the_centre_network_and_staff_get_the_generous_limit() -> None:
    common = {"secret": "s", "per_device": 5, "per_address": 20, "per_centre": 300}
    outside = limits_for(
        device_id="d" * 10, address="203.0.113.7", centre_networks=["192.168.1.0/24"], **common
    )
    inside = limits_for(
        device_id="d" * 10, address="192.168.1.40", centre_networks=["192.168.1.0/24"], **common
    )
    staff = limits_for(device_id="", address="192.168.1.40", centre_networks=[], staff_id="7", **common)
    assert [limit.allowed for limit in outside] == [5, 20]
    assert [limit.allowed for limit in inside] == [5, 300]
    assert [limit.allowed for limit in staff] == [300]


def test_a_malformed_address_is_in_no_network() -> None:
    assert not ratelimit.in_networks("not-an-ip", ["0.0.0.0/0"])
    assert ratelimit.in_networks("10.1.2.3", ["10.0.0.0/8"])
