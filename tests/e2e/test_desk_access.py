"""Every desk event handler, called over the websocket as a browser would, by someone who may
not use it: an anonymous client, and a volunteer where a coordinator is required. Each call
is refused: no personal data comes back and nothing is written."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from rxapp.access import ANY_ROLE, OPEN, RULES
from rxapp.desk.session import DeskState
from rxapp.models import AuditAction, Role, utcnow
from rxapp.services import auth, records, registration
from rxapp.settings import get_settings
from tests.data.aio import run
from tests.data.socket import Client

pytestmark = pytest.mark.e2e

SECRET_NAME = "Zacarías Secreto"
SECRET_PHONE = "+50499998888"
SECRET_NOTE = "nota privada sobre la familia"
VOLUNTEER = ("vale", "Vale Voluntaria", "ruta-segura-2026")


def volunteer_may(cls: type[DeskState], name: str) -> bool:
    """What the access table (rxapp/access.py RULES) lets a volunteer call."""
    return RULES[f"{cls.__name__}.{name}"] in (OPEN, ANY_ROLE, Role.VOLUNTEER)


UNWRITTEN = {"staffsession", "ratecounter", "alembic_version"}  # sign-in bookkeeping only


def handlers() -> list[tuple[type[DeskState], str, inspect.Signature]]:
    """Every event handler defined on DeskState and its substates (Reflex's own ``setvar``
    sets a var of the caller's own state only: it reads nothing from the database)."""
    import rxapp.rxapp  # noqa: F401 - defines every page's state

    found, pending = [], [DeskState]
    while pending:
        cls = pending.pop()
        pending.extend(cls.get_substates())  # type: ignore[arg-type]
        for name, handler in cls.event_handlers.items():
            if name in cls.__dict__ and not name.startswith("_") and name != "setvar":
                found.append((cls, name, inspect.signature(handler.fn)))
    return found


def _snake(cls: type[DeskState]) -> str:
    return cls.get_name().split("___")[-1].lstrip("_")


def _arguments(signature: inspect.Signature, ids: dict[str, int]) -> dict[str, Any]:
    """Arguments that would do something if the caller were allowed."""
    form = {
        "username": "nadie", "password": "wrong-password-123", "display_name": "Intrusa", "role": "coordinator",
        "user_id": ids["volunteer"], "old": VOLUNTEER[2], "new": "otra-clave-larga-1", "text": SECRET_NOTE,
        "service": "paso-orientacion-inicial", "consented": True, "query": "Zacar", "code": ids["reference"],
        "confirm": ids["reference"], "start": "2026-01-01", "end": "2026-12-31", "draft_id": uuid.uuid4().hex,
        "device_id": "", "locale": "es", "name": "Intrusa", "needs": ["food"], "consent": True,
        "phone": "99998888", "nationality": "HN",
    }  # fmt: skip
    values: dict[str, Any] = {}
    for name, parameter in list(signature.parameters.items())[1:]:
        kind = str(parameter.annotation)
        if "dict" in kind:
            values[name] = form
        elif "int" in kind:
            values[name] = ids["record"] if name != "user_id" else ids["volunteer"]
        elif "bool" in kind:
            values[name] = True
        else:
            values[name] = "closed"
    return values


def _digest(engine: Engine) -> dict[str, list[Any]]:
    """Every row of every table but the sign-in bookkeeping."""
    with engine.connect() as connection:
        return {
            table.name: sorted(map(repr, connection.execute(sa.select(table)).all()))
            for table in SQLModel.metadata.sorted_tables
            if table.name not in UNWRITTEN
        }


@pytest.fixture(scope="module")
def ids(app_db: Engine) -> Iterator[dict[str, Any]]:
    """A registration with a note, and a volunteer account, in the server's database."""
    data, problems = registration.validate(
        {
            "draft_id": uuid.uuid4().hex,
            "device_id": "",
            "locale": "es",
            "name": SECRET_NAME,
            "needs": ["food"],
            "phone": SECRET_PHONE,
            "nationality": "HN",
            "consent": True,
        }
    )
    assert data is not None, problems
    with Session(app_db) as session:
        reference = registration.create_registration(session=session, data=data, prefix="MTZ")
        record = records.find_reference(session=session, code=reference)
        assert record is not None
        user = auth.create_user(
            session=session,
            username=VOLUNTEER[0],
            display_name=VOLUNTEER[1],
            role=Role.VOLUNTEER,
            password=VOLUNTEER[2],
        )
        assert user.id is not None
        records.add_note(
            session=session, registration_id=record, author_id=user.id, text=SECRET_NOTE, now=utcnow()
        )
        yield {"record": record, "reference": reference, "volunteer": user.id}


def _secrets_in(text: str) -> list[str]:
    return [
        s
        for s in (SECRET_NAME, SECRET_PHONE, SECRET_NOTE, SECRET_NAME.encode("unicode_escape").decode())
        if s in text
    ]


def test_an_anonymous_client_gets_nothing_and_changes_nothing(
    app_url: str, app_db: Engine, ids: dict[str, Any]
) -> None:
    before = _digest(app_db)

    async def calls() -> dict[str, str]:
        seen = {}
        async with Client(app_url) as client:
            for cls, name, signature in handlers():
                seen[f"{_snake(cls)}.{name}"] = await client.call(cls, name, _arguments(signature, ids))
        return seen

    seen = run(calls())
    assert len(seen) >= 25, sorted(seen)
    leaks = {name: _secrets_in(text) for name, text in seen.items() if _secrets_in(text)}
    assert leaks == {}
    assert _digest(app_db) == before


def test_a_volunteer_cannot_do_what_needs_a_coordinator(
    app_url: str, app_db: Engine, ids: dict[str, Any]
) -> None:
    from rxapp.desk.queue.state import QueueState

    async def calls() -> tuple[dict[str, str], dict[str, str]]:
        seen, on_record = {}, {}
        async with Client(app_url) as first, Client(app_url) as second:
            # Signed in on a page that loads nothing for a volunteer (a page's load event is
            # answered after the call that chained it).
            client = await first.sign_in(VOLUNTEER[0], VOLUNTEER[2])
            reading = await second.sign_in(VOLUNTEER[0], VOLUNTEER[2])
            for tab in (client, reading):
                signed = await tab.call(DeskState, "check", {}, path="/es/desk/staff")
                assert '"role_rx_state_": "volunteer"' in signed
            # A volunteer may open a record; what only a coordinator may do to it is refused.
            opened = await reading.call(QueueState, "open", {"record_id": ids["record"]})
            assert SECRET_NAME in opened
            for cls, name, signature in handlers():
                if volunteer_may(cls, name):
                    continue
                arguments = _arguments(signature, ids)
                if cls is QueueState:
                    on_record[name] = await reading.call(cls, name, arguments)
                else:
                    seen[f"{_snake(cls)}.{name}"] = await client.call(cls, name, arguments)
            await client.__aexit__()
            await reading.__aexit__()
        return seen, on_record

    before = _digest(app_db)
    seen, on_record = run(calls())
    assert {
        "staff_state.add",
        "staff_state.set_active",
        "audit_state.load",
        "figures_state.load",
    } <= set(seen)
    assert set(on_record) == {"erase_record", "export_record"}
    leaks = {name: _secrets_in(text) for name, text in seen.items() if _secrets_in(text)}
    assert leaks == {}
    assert not [name for name, text in on_record.items() if "download" in text or "_download" in text]
    # Nothing written: no account, no erasure (the record and its note are still there).
    after = _digest(app_db)
    assert {k: v for k, v in after.items() if k != "auditentry"} == {
        k: v for k, v in before.items() if k != "auditentry"
    }
    assert [row for row in after["auditentry"] if row not in before["auditentry"] and "OPEN" not in row] == []


def test_the_queue_writes_one_audit_row_per_view(app_url: str, app_db: Engine, ids: dict[str, Any]) -> None:
    """Showing a queue of several records is one read of the queue, not one per record; a
    search that shows a record is a read of that record."""
    from rxapp.desk.queue.state import QueueState

    def rows() -> list[tuple[AuditAction, int | None]]:
        with app_db.connect() as connection:
            table = SQLModel.metadata.tables["auditentry"]
            found = connection.execute(sa.select(table.c.action, table.c.record_id).order_by(table.c.id))
            return [(AuditAction(action), record) for action, record in found]

    twin_form = {
        "draft_id": uuid.uuid4().hex,
        "device_id": "",
        "locale": "es",
        "name": "Zacarias Secreto",
        "needs": ["health"],
        "phone": SECRET_PHONE,
        "nationality": "HN",
        "consent": True,
    }
    data, _problems = registration.validate(twin_form)
    assert data is not None
    with Session(app_db) as session:
        twin = records.find_reference(
            session=session, code=registration.create_registration(session=session, data=data, prefix="MTZ")
        )
        shown = len(records.queue(session=session, now=utcnow(), tz=get_settings().tz))
    assert shown >= 1

    async def calls() -> None:
        async with Client(app_url) as first:
            client = await first.sign_in(VOLUNTEER[0], VOLUNTEER[2])
            signed = await client.call(DeskState, "check", {}, path="/es/desk/staff")  # loads no queue
            assert '"role_rx_state_": "volunteer"' in signed
            start = len(rows())
            loaded = await client.call(QueueState, "load", {})
            assert SECRET_NAME in loaded
            # A queue view is one row, however many records it shows.
            assert rows()[start:] == [(AuditAction.QUEUE, None)]
            start = len(rows())
            await client.call(QueueState, "search", {"form": {"query": "zacarias"}})  # accents ignored
            # One row per record the search shows: "Zacarías" and "Zacarias".
            assert rows()[start:] == [(AuditAction.SEARCH, ids["record"]), (AuditAction.SEARCH, twin)]
            # Opening a record that has a possible duplicate shows that other person too.
            start = len(rows())
            opened = await client.call(QueueState, "open", {"record_id": ids["record"]})
            assert "Zacarias Secreto" in opened  # the duplicate, offered
            assert rows()[start:] == [(AuditAction.OPEN, ids["record"]), (AuditAction.SEARCH, twin)]
            await client.__aexit__()

    run(calls())
