"""Rate limits: counted in the database (so every worker sees them), keyed by hashes."""

from __future__ import annotations

from functools import partial

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
    limits = partial(limits_for, secret="s", per_device=5, per_address=20, per_centre=300)
    outside = limits(device_id="d" * 10, address="203.0.113.7", centre_networks=["192.168.1.0/24"])
    inside = limits(device_id="d" * 10, address="192.168.1.40", centre_networks=["192.168.1.0/24"])
    staff = limits(device_id="", address="192.168.1.40", centre_networks=[], staff_id="7")
    assert [limit.allowed for limit in outside] == [5, 20]
    assert [limit.allowed for limit in inside] == [5, 300]
    assert [limit.allowed for limit in staff] == [300]


def test_a_malformed_address_is_in_no_network() -> None:
    assert not ratelimit.in_networks("not-an-ip", ["0.0.0.0/0"])
    assert ratelimit.in_networks("10.1.2.3", ["10.0.0.0/8"])


def test_a_ten_minute_limit_waits_for_its_own_window_not_the_hour(empty_engine: Engine) -> None:
    """Issue 16, item 1: a person held up by the sign-in limit waits minutes, not an hour."""
    limit = [ratelimit.Limit("signin-tab:x", 1, window=600)]
    with Session(empty_engine) as session:
        ratelimit.hit(session=session, limits=limit, now=NOW)
        with pytest.raises(ratelimit.RateLimitedError) as refused:
            ratelimit.hit(session=session, limits=limit, now=NOW + 1)
        ratelimit.hit(session=session, limits=limit, now=NOW + 600)  # the next window: afresh
        windows = set(session.exec(select(RateCounter.window)).all())
    assert refused.value.retry_after == int((NOW // 600 + 1) * 600 - NOW - 1) + 1
    assert windows == {int(NOW // 3600)}  # stored by the hour: the hourly clean-ups forget them


def test_a_window_must_divide_the_hour() -> None:
    with pytest.raises(ValueError, match="divide"):
        ratelimit.Limit("x", 1, window=700)


def test_the_check_refuses_a_used_up_limit_and_writes_nothing(empty_engine: Engine) -> None:
    """Issue 16, item 1: over the limit, an attempt costs a read (a write waits for the disk)."""
    limit = [ratelimit.Limit("signin-address:x", 2, window=600)]
    with Session(empty_engine) as session:
        ratelimit.check(session=session, limits=limit, now=NOW)  # nothing counted yet
        for _ in range(2):
            ratelimit.hit(session=session, limits=limit, now=NOW)
        with pytest.raises(ratelimit.RateLimitedError):
            ratelimit.check(session=session, limits=limit, now=NOW)
        assert not session.dirty and not session.new
        counts = session.exec(select(RateCounter.count)).all()
    assert counts == [2]


def test_a_refund_gives_back_one_attempt_and_never_goes_below_zero(empty_engine: Engine) -> None:
    limit = [ratelimit.Limit("signin-tab:x", 1, window=600)]
    with Session(empty_engine) as session:
        ratelimit.hit(session=session, limits=limit, now=NOW)
        ratelimit.refund(session=session, limits=limit, now=NOW)
        ratelimit.refund(session=session, limits=limit, now=NOW)
        ratelimit.check(session=session, limits=limit, now=NOW)
        assert session.exec(select(RateCounter.count)).all() == [0]


def test_the_sweep_forgets_the_windows_that_have_ended(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counters of past hours are deleted by the attempts themselves, now and then (no job)."""
    limit = [ratelimit.Limit("device:x", 5)]
    with Session(empty_engine) as session:
        monkeypatch.setattr(ratelimit, "SWEEP_CHANCE", 0.0)
        ratelimit.hit(session=session, limits=limit, now=NOW)
        ratelimit.hit(session=session, limits=limit, now=NOW + 3600)
        assert len(set(session.exec(select(RateCounter.window)).all())) == 2
        monkeypatch.setattr(ratelimit, "SWEEP_CHANCE", 1.0)
        ratelimit.hit(session=session, limits=limit, now=NOW + 3601)
        assert set(session.exec(select(RateCounter.window)).all()) == {int((NOW + 3600) // 3600)}
