"""The database server is down: the operator's commands say so and what to check, in one line,
and never advise `make migrate` (issue 16: `make run` ended in a raw traceback, and `check-db`
advised migrating a server that was not running)."""

from __future__ import annotations

import socket

import pytest

from rxapp import cli
from rxapp.services.db import make_engine


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket closes


@pytest.mark.parametrize("command", ["setup", "migrate", "check-db", "sample", "retention"])
def test_a_database_server_that_does_not_answer_is_named_not_migrated(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    down = make_engine(f"postgresql+psycopg://paso:secret@127.0.0.1:{_closed_port()}/paso?connect_timeout=2")
    monkeypatch.setattr(cli, "engine", lambda: down)
    assert cli.main([command]) == 1
    said = capsys.readouterr().err
    assert "Cannot reach the database server at postgresql+psycopg://paso:***@127.0.0.1" in said
    assert "Traceback" not in said and "make migrate" not in said and "secret" not in said
    assert len(said.strip().splitlines()) == 1
