"""PostgreSQL's side of backups: ``pg_dump`` (custom format) and ``pg_restore``, run as tools.

The client tools must be at least as new as the server: ``pg_dump`` refuses a newer server,
and ``pg_restore`` cannot read a dump made by a newer ``pg_dump``. Both are checked first and
named in the message, with the Debian package to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from rxapp.services.backup_errors import BackupError, BackupProblem

_TIMEOUT = 3600  # seconds: a dump that takes longer than this is stuck, not slow


def _tool(name: str, pg_bin: Path | None) -> str:
    """The tool's path, from ``pg_bin`` when given, else from PATH."""
    found = shutil.which(name, path=str(pg_bin)) if pg_bin else shutil.which(name)
    if not found:
        where = f" in {pg_bin}" if pg_bin else ""
        raise BackupError(
            BackupProblem.NO_TOOL,
            f"{name} not found{where}: install PostgreSQL's client tools (Debian: postgresql-client) "
            "or set PASO_PG_BIN to their folder. Nothing was changed.",
        )
    return found


def client_major(tool: str) -> int:
    """The major version of a client tool: 15 from ``pg_dump (PostgreSQL) 15.20 (Debian ...)``."""
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False, timeout=60)
    found = re.search(r"\)\s*(\d+)", out.stdout)
    if not found:
        raise BackupError(
            BackupProblem.TOOL_FAILED, f"cannot read {tool}'s version in {out.stdout.strip()!r}"
        )
    return int(found.group(1))


def server_major(bind: Engine) -> int:
    """The major version of the server behind ``bind``."""
    with bind.connect() as connection:
        return int(str(connection.execute(sa.text("SHOW server_version_num")).scalar())) // 10000


def _check_versions(tool: str, bind: Engine) -> None:
    client, server = client_major(tool), server_major(bind)
    if client < server:
        name = Path(tool).name
        raise BackupError(
            BackupProblem.VERSION_MISMATCH,
            f"{name} {client} cannot work with a PostgreSQL {server} server: install its client "
            f"tools (Debian: postgresql-client-{server}) and set PASO_PG_BIN=/usr/lib/postgresql/{server}/bin. "
            "Nothing was changed.",
        )


def _connection(bind: Engine) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password, and an environment that holds it (not in ``ps``)."""
    url = bind.url
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str], data: bytes | None = None) -> bytes:
    done = subprocess.run(command, input=data, capture_output=True, env=env, check=False, timeout=_TIMEOUT)
    if done.returncode != 0:
        lines = [line for line in done.stderr.decode(errors="replace").splitlines() if line.strip()]
        first = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "")
        raise BackupError(
            BackupProblem.TOOL_FAILED,
            f"{Path(command[0]).name} failed (exit {done.returncode}): {first.strip()}. Nothing was changed.",
        )
    return done.stdout


def dump(bind: Engine, pg_bin: Path | None) -> bytes:
    """The whole database as a ``pg_dump`` custom-format archive (compressed)."""
    tool = _tool("pg_dump", pg_bin)
    _check_versions(tool, bind)
    uri, env = _connection(bind)
    return _run([tool, "--format=custom", "--no-password", "--dbname", uri], env)


def load(bind: Engine, archive: bytes, pg_bin: Path | None) -> None:
    """Restore a custom-format archive in one transaction: all of it or nothing."""
    tool = _tool("pg_restore", pg_bin)
    _check_versions(tool, bind)
    uri, env = _connection(bind)
    bind.dispose()
    # --clean --if-exists: a migrated but empty database already has the tables (the caller
    # checked that they hold no rows). Owners and grants are the old server's, not ours.
    command = [tool, "--no-owner", "--no-privileges", "--clean", "--if-exists", "--single-transaction"]
    _run([*command, "--exit-on-error", "--no-password", "--dbname", uri], env, data=archive)
