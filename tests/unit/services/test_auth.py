"""Staff sign-in: argon2id hashes, a lockout kept in the database, desk sessions that lock and end."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import cli
from rxapp.models import Role, StaffSession, StaffUser
from rxapp.services import auth
from rxapp.services.auth import AuthError, AuthProblem
from rxapp.services.db import make_engine

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
OTHER = "another staple phrase"
IDLE, MAX = 15 * 60, 12 * 3600


@pytest.fixture(autouse=True)
def _fast_hashing() -> None:
    auth.use_fast_hashing()


def _add(engine: Engine, username: str = "ana", role: Role = Role.VOLUNTEER, password: str = PASSWORD) -> int:
    with Session(engine) as session:
        user = auth.create_user(
            session=session, username=username, display_name=username.title(), role=role, password=password
        )
        assert user.id is not None
        return user.id


def _sign_in(
    engine: Engine, password: str = PASSWORD, *, at: dt.datetime = NOW, username: str = "ana"
) -> None:
    with Session(engine) as session:
        auth.authenticate(session=session, username=username, password=password, now=at)


def _refused(engine: Engine, password: str = OTHER, *, at: dt.datetime = NOW) -> AuthError:
    with pytest.raises(AuthError) as refused:
        _sign_in(engine, password, at=at)
    return refused.value


def _row(engine: Engine, user_id: int) -> StaffUser:
    with Session(engine) as session:
        user = session.get(StaffUser, user_id)
        assert user is not None
        return user


def _desk(engine: Engine, username: str = "ana", at: dt.datetime = NOW) -> str:
    """A token for a signed-in desk."""
    with Session(engine) as session:
        user = auth.authenticate(session=session, username=username, password=PASSWORD, now=at)
        return auth.open_session(session=session, user=user, now=at)


def _current(engine: Engine, token: str, at: dt.datetime) -> auth.Staff:
    with Session(engine) as session:
        return auth.current(session=session, token=token, now=at, idle_seconds=IDLE, max_seconds=MAX)


def _problem_of_current(engine: Engine, token: str, at: dt.datetime) -> AuthProblem:
    with pytest.raises(AuthError) as refused:
        _current(engine, token, at)
    return refused.value.problem


def _unlock(engine: Engine, token: str, password: str, at: dt.datetime) -> auth.Staff:
    with Session(engine) as session:
        return auth.unlock(session=session, token=token, password=password, now=at, max_seconds=MAX)


# Passwords and usernames


def test_hashes_are_argon2id_salted_and_never_hold_the_password() -> None:
    first, second = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and first != second
    assert PASSWORD not in first
    assert auth.verify_password(first, PASSWORD) and not auth.verify_password(first, OTHER)


def test_a_malformed_hash_verifies_nothing() -> None:
    assert not auth.verify_password("not a hash", PASSWORD)


@pytest.mark.parametrize(
    ("password", "username"),
    [("short pw", ""), ("x" * 9, ""), ("aaaaaaaaaaaa", ""), ("Coordinator.Ana", "coordinator.ana")],
)
def test_weak_passwords_are_refused(password: str, username: str) -> None:
    with pytest.raises(AuthError) as refused:
        auth.check_password(password, username=username)
    assert refused.value.problem == AuthProblem.WEAK_PASSWORD


def test_ten_characters_are_enough() -> None:
    auth.check_password("abcdefghij", username="ana")


@pytest.mark.parametrize(("raw", "stored"), [(" Ana.M ", "ana.m"), ("desk_2-b", "desk_2-b"), ("abc", "abc")])
def test_usernames_are_stored_lower_case(raw: str, stored: str) -> None:
    assert auth.normalize_username(raw) == stored


@pytest.mark.parametrize("raw", ["ab", "x" * 41, "ana maria", "ana@centro", "josé", ""])
def test_invalid_usernames_are_refused(raw: str) -> None:
    with pytest.raises(AuthError) as refused:
        auth.normalize_username(raw)
    assert refused.value.problem == AuthProblem.USERNAME_INVALID


def test_a_username_is_taken_whatever_its_case(empty_engine: Engine) -> None:
    _add(empty_engine, "ana.m")
    with pytest.raises(AuthError) as refused:
        _add(empty_engine, "ANA.M")
    assert refused.value.problem == AuthProblem.USERNAME_TAKEN


def test_the_display_name_is_stripped_and_required(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        user = auth.create_user(
            session=session, username="ana", display_name="  Ana M. ", role=Role.VOLUNTEER, password=PASSWORD
        )
        assert user.display_name == "Ana M."
        with pytest.raises(AuthError):
            auth.create_user(
                session=session, username="bea", display_name="  ", role=Role.VOLUNTEER, password=PASSWORD
            )


# Signing in and the lockout


def test_the_right_password_signs_in(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    with Session(empty_engine) as session:
        user = auth.authenticate(session=session, username=" Ana ", password=PASSWORD, now=NOW)
        assert user.id == user_id


@pytest.mark.parametrize(
    ("username", "password", "active"),
    [("ana", OTHER, True), ("nobody", PASSWORD, True), ("ana", PASSWORD, False)],
    ids=["wrong password", "unknown user", "inactive user"],
)
def test_wrong_unknown_and_inactive_are_the_same_error(
    empty_engine: Engine, username: str, password: str, active: bool
) -> None:
    user_id = _add(empty_engine)
    _add(empty_engine, "coord", Role.COORDINATOR)  # so that "ana" may be deactivated
    with Session(empty_engine) as session:
        auth.set_active(session=session, user_id=user_id, active=active, now=NOW)
    with Session(empty_engine) as session, pytest.raises(AuthError) as refused:
        auth.authenticate(session=session, username=username, password=password, now=NOW)
    assert (refused.value.problem, refused.value.retry_after) == (AuthProblem.BAD_CREDENTIALS, 0)


def test_an_unknown_username_still_costs_one_verification(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Otherwise the time a refusal takes tells which usernames exist."""
    calls: list[str] = []
    verify = auth.verify_password

    def counted(hash_: str, password: str) -> bool:
        calls.append(hash_)
        return verify(hash_, password)

    monkeypatch.setattr(auth, "verify_password", counted)
    with pytest.raises(AuthError):
        _sign_in(empty_engine, username="nobody")
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


def test_five_failures_are_free_the_sixth_locks_for_a_minute(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    for _ in range(auth.FREE_ATTEMPTS):
        assert _refused(empty_engine).retry_after == 0
    assert _row(empty_engine, user_id).locked_until is None
    sixth = _refused(empty_engine)
    assert (sixth.problem, sixth.retry_after) == (AuthProblem.BAD_CREDENTIALS, 60)
    during = _refused(empty_engine, at=NOW + dt.timedelta(seconds=20))
    assert (during.problem, during.retry_after) == (AuthProblem.LOCKED_OUT, 40)


def test_each_further_failure_doubles_the_wait_up_to_fifteen_minutes(empty_engine: Engine) -> None:
    _add(empty_engine)
    at = NOW
    for _ in range(auth.FREE_ATTEMPTS):
        _refused(empty_engine, at=at)
    waits = []
    for _ in range(7):
        waits.append(_refused(empty_engine, at=at).retry_after)
        at += dt.timedelta(seconds=waits[-1])  # exactly when the lock ends: allowed again
    assert waits == [60, 120, 240, 480, 900, 900, 900]


def test_the_right_password_is_refused_while_locked(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    for _ in range(auth.FREE_ATTEMPTS + 1):
        _refused(empty_engine)
    assert _refused(empty_engine, PASSWORD).problem == AuthProblem.LOCKED_OUT
    assert _row(empty_engine, user_id).failed_attempts == auth.FREE_ATTEMPTS + 1  # not counted either


def test_after_the_wait_the_right_password_signs_in_and_resets_the_count(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    for _ in range(auth.FREE_ATTEMPTS + 1):
        _refused(empty_engine)
    _sign_in(empty_engine, at=NOW + dt.timedelta(minutes=1))
    row = _row(empty_engine, user_id)
    assert (row.failed_attempts, row.locked_until) == (0, None)


def test_a_success_starts_the_free_failures_afresh(empty_engine: Engine) -> None:
    _add(empty_engine)
    for _ in range(auth.FREE_ATTEMPTS):
        _refused(empty_engine)
    _sign_in(empty_engine)
    for _ in range(auth.FREE_ATTEMPTS):
        assert _refused(empty_engine).retry_after == 0


def test_the_lockout_holds_across_workers(empty_engine: Engine) -> None:
    """Two engines on one database file are two workers: the count is in the row, not in memory."""
    _add(empty_engine)
    other = make_engine(str(empty_engine.url))
    try:
        for attempt in range(auth.FREE_ATTEMPTS + 1):
            _refused(empty_engine if attempt % 2 else other)
        assert _refused(other, PASSWORD).problem == AuthProblem.LOCKED_OUT
    finally:
        other.dispose()


def test_a_session_that_loaded_the_row_earlier_sees_the_lock(empty_engine: Engine) -> None:
    """A stale copy of the row in a long-lived session must not let a locked account in."""
    _add(empty_engine)
    with Session(empty_engine) as stale:
        auth.authenticate(session=stale, username="ana", password=PASSWORD, now=NOW)
        for _ in range(auth.FREE_ATTEMPTS + 1):
            _refused(empty_engine)
        with pytest.raises(AuthError) as refused:
            auth.authenticate(session=stale, username="ana", password=PASSWORD, now=NOW)
    assert refused.value.problem == AuthProblem.LOCKED_OUT


def test_failures_add_to_the_row_not_to_a_stale_copy(empty_engine: Engine) -> None:
    """The counter is incremented in SQL: a worker holding an old copy of the row still adds one."""
    user_id = _add(empty_engine)
    with Session(empty_engine) as stale:
        user = stale.get(StaffUser, user_id)
        assert user is not None and user.failed_attempts == 0
        for _ in range(3):
            _refused(empty_engine)
        with pytest.raises(AuthError):
            auth.authenticate(session=stale, username="ana", password=OTHER, now=NOW)
    assert _row(empty_engine, user_id).failed_attempts == 4


def test_a_hash_made_with_older_parameters_is_upgraded_at_sign_in(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_id = _add(empty_engine)
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=2, memory_cost=8, parallelism=1))
    _sign_in(empty_engine)
    assert "t=2" in _row(empty_engine, user_id).password_hash
    _sign_in(empty_engine)


# Desk sessions


def test_only_the_token_hash_is_stored(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    with Session(empty_engine) as session:
        row = session.exec(select(StaffSession)).one()
        stored = row.model_dump()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in stored.values()}
    assert len(token) >= 43  # 32 random bytes


def test_the_token_says_who_is_at_the_desk(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    token = _desk(empty_engine)
    staff = _current(empty_engine, token, NOW + dt.timedelta(minutes=5))
    assert (staff.user_id, staff.username, staff.display_name, staff.role) == (
        user_id,
        "ana",
        "Ana",
        Role.VOLUNTEER,
    )


def test_activity_keeps_the_desk_open(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    for minutes in (10, 20, 30, 40):
        _current(empty_engine, token, NOW + dt.timedelta(minutes=minutes))


def test_an_unknown_token_is_an_ended_session(empty_engine: Engine) -> None:
    assert _problem_of_current(empty_engine, "made-up", NOW) == AuthProblem.SESSION_ENDED


def test_an_idle_desk_locks_and_stays_locked(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    later = NOW + dt.timedelta(seconds=IDLE + 1)
    assert _problem_of_current(empty_engine, token, later) == AuthProblem.SESSION_LOCKED
    assert _problem_of_current(empty_engine, token, later) == AuthProblem.SESSION_LOCKED


def test_the_same_persons_password_unlocks(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    later = NOW + dt.timedelta(seconds=IDLE + 1)
    _problem_of_current(empty_engine, token, later)
    assert _unlock(empty_engine, token, PASSWORD, later).username == "ana"
    assert _current(empty_engine, token, later + dt.timedelta(minutes=1)).username == "ana"


def test_another_staff_members_password_does_not_unlock(empty_engine: Engine) -> None:
    _add(empty_engine)
    _add(empty_engine, "bea", password=OTHER)
    token = _desk(empty_engine)
    with Session(empty_engine) as session:
        auth.lock(session=session, token=token)
    with pytest.raises(AuthError) as refused:
        _unlock(empty_engine, token, OTHER, NOW)
    assert refused.value.problem == AuthProblem.BAD_CREDENTIALS
    assert _problem_of_current(empty_engine, token, NOW) == AuthProblem.SESSION_LOCKED


def test_guessing_at_the_lock_screen_counts_toward_the_lockout(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    for _ in range(auth.FREE_ATTEMPTS + 1):
        with pytest.raises(AuthError):
            _unlock(empty_engine, token, OTHER, NOW)
    with pytest.raises(AuthError) as refused:
        _unlock(empty_engine, token, PASSWORD, NOW)
    assert refused.value.problem == AuthProblem.LOCKED_OUT


def test_the_lock_screen_can_name_the_person_without_touching_the_session(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    with Session(empty_engine) as session:
        staff = auth.peek(session=session, token=token)
        assert staff is not None and staff.display_name == "Ana"
        assert auth.peek(session=session, token="made-up") is None
    # peek did not count as activity: the desk still locks from the sign-in time
    later = NOW + dt.timedelta(seconds=IDLE + 1)
    assert _problem_of_current(empty_engine, token, later) == AuthProblem.SESSION_LOCKED


def test_twelve_hours_end_the_session_even_when_active(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    for minutes in range(10, 12 * 60 + 1, 10):  # someone at the desk all day long
        _current(empty_engine, token, NOW + dt.timedelta(minutes=minutes))
    assert _problem_of_current(empty_engine, token, NOW + dt.timedelta(seconds=MAX + 1)) == (
        AuthProblem.SESSION_ENDED
    )
    with Session(empty_engine) as session:
        assert session.exec(select(StaffSession)).one().ended_at is not None
        assert auth.peek(session=session, token=token) is None


def test_an_expired_session_cannot_be_unlocked(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    with pytest.raises(AuthError) as refused:
        _unlock(empty_engine, token, PASSWORD, NOW + dt.timedelta(seconds=MAX + 1))
    assert refused.value.problem == AuthProblem.SESSION_ENDED


def test_signing_out_ends_the_session_and_twice_is_fine(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    with Session(empty_engine) as session:
        auth.end_session(session=session, token=token, now=NOW)
        auth.end_session(session=session, token=token, now=NOW)
        auth.end_session(session=session, token="made-up", now=NOW)
    assert _problem_of_current(empty_engine, token, NOW) == AuthProblem.SESSION_ENDED


def test_naive_datetimes_from_the_database_are_utc(empty_engine: Engine) -> None:
    """SQLite returns naive datetimes; they must compare with an aware ``now``."""
    _add(empty_engine)
    token = _desk(empty_engine)
    with Session(empty_engine) as session:
        assert session.exec(select(StaffSession)).one().created_at.tzinfo is None  # as SQLite gives it
    elsewhere = (NOW + dt.timedelta(minutes=1)).astimezone(dt.timezone(dt.timedelta(hours=-6)))
    assert _current(empty_engine, token, elsewhere).username == "ana"


# Account administration


def test_deactivating_ends_the_persons_sessions(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    _add(empty_engine, "coord", Role.COORDINATOR)
    tokens = [_desk(empty_engine), _desk(empty_engine)]
    with Session(empty_engine) as session:
        auth.set_active(session=session, user_id=user_id, active=False, now=NOW)
    assert {_problem_of_current(empty_engine, token, NOW) for token in tokens} == {AuthProblem.SESSION_ENDED}


def test_the_last_active_coordinator_cannot_be_deactivated(empty_engine: Engine) -> None:
    user_id = _add(empty_engine, "coord", Role.COORDINATOR)
    with Session(empty_engine) as session, pytest.raises(AuthError) as refused:
        auth.set_active(session=session, user_id=user_id, active=False, now=NOW)
    assert refused.value.problem == AuthProblem.NOT_ALLOWED


def test_a_reset_clears_the_lockout_and_signs_the_person_out(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    token = _desk(empty_engine)
    for _ in range(auth.FREE_ATTEMPTS + 1):
        _refused(empty_engine)
    with Session(empty_engine) as session:
        auth.reset_password(session=session, user_id=user_id, new=OTHER, now=NOW)
    _sign_in(empty_engine, OTHER)
    assert _problem_of_current(empty_engine, token, NOW) == AuthProblem.SESSION_ENDED


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (OTHER, "a brand new phrase", AuthProblem.BAD_CREDENTIALS),
        (PASSWORD, "short", AuthProblem.WEAK_PASSWORD),
        (PASSWORD, "ANA", AuthProblem.WEAK_PASSWORD),
        (PASSWORD, PASSWORD, AuthProblem.SAME_PASSWORD),
    ],
)
def test_change_password_rules(empty_engine: Engine, old: str, new: str, problem: AuthProblem) -> None:
    user_id = _add(empty_engine)
    with Session(empty_engine) as session, pytest.raises(AuthError) as refused:
        auth.change_password(session=session, user_id=user_id, old=old, new=new)
    assert refused.value.problem == problem
    _sign_in(empty_engine)  # unchanged


def test_after_a_change_only_the_new_password_signs_in(empty_engine: Engine) -> None:
    user_id = _add(empty_engine)
    with Session(empty_engine) as session:
        auth.change_password(session=session, user_id=user_id, old=PASSWORD, new="a brand new phrase")
    _sign_in(empty_engine, "a brand new phrase")
    assert _refused(empty_engine, PASSWORD).problem == AuthProblem.BAD_CREDENTIALS


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        (Role.COORDINATOR, Role.COORDINATOR, True),
        (Role.COORDINATOR, Role.VOLUNTEER, True),
        (Role.COORDINATOR, Role.TRANSLATOR, True),  # coordinators edit translations too
        (Role.VOLUNTEER, Role.VOLUNTEER, True),
        (Role.VOLUNTEER, Role.COORDINATOR, False),
        (Role.VOLUNTEER, Role.TRANSLATOR, False),
        (Role.TRANSLATOR, Role.TRANSLATOR, True),
        (Role.TRANSLATOR, Role.VOLUNTEER, False),
        (Role.TRANSLATOR, Role.COORDINATOR, False),
    ],
)
def test_what_each_role_can_do(role: Role, needed: Role, allowed: bool) -> None:
    assert auth.Staff(1, "x", "X", role, 1).can(needed) is allowed


def test_staff_are_listed_by_role_then_name(empty_engine: Engine) -> None:
    for username, role in [("zoe", Role.VOLUNTEER), ("tom", Role.TRANSLATOR), ("yan", Role.COORDINATOR)]:
        _add(empty_engine, username, role)
    _add(empty_engine, "abe", Role.VOLUNTEER)
    with Session(empty_engine) as session:
        assert [user.username for user in auth.list_staff(session=session)] == ["yan", "abe", "zoe", "tom"]


def test_only_active_coordinators_are_counted(empty_engine: Engine) -> None:
    _add(empty_engine, "yan", Role.COORDINATOR)
    second = _add(empty_engine, "uma", Role.COORDINATOR)
    _add(empty_engine, "abe", Role.VOLUNTEER)
    with Session(empty_engine) as session:
        assert auth.count_coordinators(session=session) == 2
        auth.set_active(session=session, user_id=second, active=False, now=NOW)
        assert auth.count_coordinators(session=session) == 1


def test_housekeeping_deletes_ended_and_old_sessions_only(empty_engine: Engine) -> None:
    _add(empty_engine)
    old, ended, _kept = (
        _desk(empty_engine, at=NOW - dt.timedelta(hours=13)),
        _desk(empty_engine),
        _desk(empty_engine),
    )
    with Session(empty_engine) as session:
        auth.end_session(session=session, token=ended, now=NOW)
        assert auth.purge_sessions(session=session, now=NOW, max_seconds=MAX) == 2
        assert len(session.exec(select(StaffSession)).all()) == 1
    assert _problem_of_current(empty_engine, old, NOW) == AuthProblem.SESSION_ENDED


# The operator command


@pytest.fixture
def cli_engine(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setattr(cli, "engine", lambda: empty_engine)
    yield empty_engine


def test_create_coordinator_makes_an_active_coordinator(empty_engine: Engine) -> None:
    assert cli.create_coordinator(empty_engine, "Marta", "Marta R.", PASSWORD) == "coordinator marta created"
    with Session(empty_engine) as session:
        user = session.exec(select(StaffUser)).one()
    assert (user.username, user.display_name, user.role, user.active) == (
        "marta",
        "Marta R.",
        Role.COORDINATOR,
        True,
    )
    _sign_in(empty_engine, username="marta")


def test_the_command_reads_the_password_from_the_environment(
    cli_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PASO_NEW_PASSWORD", PASSWORD)
    assert cli.main(["create-coordinator", "marta", "--name", "Marta R."]) == 0
    assert capsys.readouterr().out.strip() == "coordinator marta created"
    _sign_in(cli_engine, username="marta")


def test_the_command_asks_twice_and_refuses_a_mismatch(
    cli_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PASO_NEW_PASSWORD", raising=False)
    typed = iter([PASSWORD, OTHER])
    monkeypatch.setattr(cli, "getpass", lambda prompt: next(typed))
    assert cli.main(["create-coordinator", "marta"]) == 1
    assert "differ" in capsys.readouterr().err
    with Session(cli_engine) as session:
        assert session.exec(select(StaffUser)).first() is None


@pytest.mark.parametrize(
    ("password", "message"), [("short", "too weak"), (PASSWORD, "taken")], ids=["weak", "taken"]
)
def test_the_command_explains_a_refusal(
    cli_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password: str,
    message: str,
) -> None:
    _add(cli_engine, "marta", Role.COORDINATOR)
    monkeypatch.setenv("PASO_NEW_PASSWORD", password)
    assert cli.main(["create-coordinator", "marta"]) == 1
    assert message in capsys.readouterr().err


def test_the_background_refresh_does_not_keep_an_idle_desk_open(empty_engine: Engine) -> None:
    _add(empty_engine)
    token = _desk(empty_engine)
    with Session(empty_engine) as session:
        for seconds in range(0, IDLE, max(1, IDLE // 4)):
            at = NOW + dt.timedelta(seconds=seconds)
            auth.current(
                session=session, token=token, now=at, idle_seconds=IDLE, max_seconds=MAX, touch=False
            )
    assert (
        _problem_of_current(empty_engine, token, NOW + dt.timedelta(seconds=IDLE + 1))
        == AuthProblem.SESSION_LOCKED
    )


def test_guessing_the_old_password_at_an_open_desk_locks_the_account(empty_engine: Engine) -> None:
    """Bug: changing one's own password checked the old one without the sign-in lockout."""
    user_id = _add(empty_engine)
    problems = []
    with Session(empty_engine) as session:
        for _ in range(auth.FREE_ATTEMPTS + 2):
            with pytest.raises(AuthError) as refused:
                auth.change_password(
                    session=session, user_id=user_id, old="guess-guess-1", new=OTHER, now=NOW
                )
            problems.append(refused.value.problem)
        with pytest.raises(AuthError) as locked:  # even the right old password waits now
            auth.change_password(session=session, user_id=user_id, old=PASSWORD, new=OTHER, now=NOW)
    assert problems[-1] == AuthProblem.LOCKED_OUT
    assert locked.value.problem == AuthProblem.LOCKED_OUT
