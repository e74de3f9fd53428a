"""Backups of the database, their age limit, and their restore into an empty database.

SQLite: the online backup API gives a consistent copy while the app writes through its
write-ahead log. PostgreSQL: ``pg_dump`` (``rxapp.services.backup_pg``). A backup may be
encrypted to age recipients (public keys): the server writes backups it cannot read, and only
the operator's identity (private key) decrypts them, here or with the standard ``age`` tool.
Erasure and retention at the desk cannot reach a copy, so a backup is deleted once it is older
than the retention period (``prune``): the consent text promises the records go by then.
Restoring is ``rxapp.services.restore``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Sequence
from contextlib import closing, suppress
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy.engine import Engine

from rxapp.services import backup_pg
from rxapp.services.backup_errors import BackupError, BackupProblem
from rxapp.services.clock import as_utc


class Kind(StrEnum):
    """Which database a backup is of; the value is the file's extension."""

    SQLITE = "sqlite3"
    POSTGRESQL = "pgdump"


_MAGIC = {Kind.SQLITE: b"SQLite format 3\x00", Kind.POSTGRESQL: b"PGDMP"}
_AGE = b"age-encryption.org/v1\n"
AGE_SUFFIX = ".age"
_PARTIAL = ".partial"
_STAMP = "%Y%m%dT%H%M%SZ"
# Only files this module names are ever deleted: paso-<UTC time>.<kind>[.age][.partial].
_NAME = re.compile(r"^paso-(\d{8}T\d{6}Z)\.(?:sqlite3|pgdump)(?:\.age)?(?:\.partial)?$")


def kind_of(bind: Engine) -> Kind:
    """The kind of backup this database makes."""
    return Kind.SQLITE if bind.url.get_backend_name() == "sqlite" else Kind.POSTGRESQL


def file_name(kind: Kind, made: dt.datetime, *, encrypted: bool) -> str:
    """``paso-20261203T092828Z.sqlite3`` (``.age`` appended when encrypted)."""
    return f"paso-{as_utc(made):{_STAMP}}.{kind.value}{AGE_SUFFIX if encrypted else ''}"


def made_at(path: Path) -> dt.datetime | None:
    """When a backup was made, from its name; None for a file that is not one of ours."""
    found = _NAME.match(path.name)
    if not found:
        return None
    return dt.datetime.strptime(found.group(1), _STAMP).replace(tzinfo=dt.UTC)


def prune(*, folder: Path, days: int, now: dt.datetime) -> list[Path]:
    """Delete the backups in ``folder`` made more than ``days`` ago; the deleted paths."""
    if not folder.is_dir():
        return []
    cutoff = as_utc(now) - dt.timedelta(days=days)
    removed = []
    for path in sorted(folder.iterdir()):
        made = made_at(path)
        if made is not None and made < cutoff and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def recipients(text: str) -> list[Any]:
    """Age recipients from ``age1...`` public keys separated by commas or spaces."""
    found = []
    for key in re.split(r"[,\s]+", text.strip()):
        if not key:
            continue
        try:
            found.append(pyrage.x25519.Recipient.from_str(key))
        except pyrage.RecipientError as error:
            raise BackupError(
                BackupProblem.BAD_RECIPIENT,
                f"PASO_BACKUP_RECIPIENT: {key[:12]}… is not an age public key (age1…, from age-keygen): {error}",
            ) from error
    return found


def identities(path: Path) -> list[Any]:
    """The age identities (``AGE-SECRET-KEY-1…`` lines) of a key file as ``age-keygen`` writes it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise BackupError(BackupProblem.BAD_IDENTITY, f"cannot read the key file {path}: {error}") from error
    found = []
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            try:
                found.append(pyrage.x25519.Identity.from_str(line.strip()))
            except pyrage.IdentityError as error:  # the line itself is a secret: not shown
                raise BackupError(
                    BackupProblem.BAD_IDENTITY,
                    f"{path}, line {number}: not an age identity (AGE-SECRET-KEY-1…)",
                ) from error
    if not found:
        raise BackupError(BackupProblem.BAD_IDENTITY, f"{path} holds no age identity (AGE-SECRET-KEY-1…)")
    return found


def sqlite_path(bind: Engine) -> Path:
    """The database file of an SQLite engine."""
    name = bind.url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(BackupProblem.NO_DATABASE, f"not an SQLite file: {bind.url}")
    return Path(name)


def _sqlite_dump(bind: Engine) -> bytes:
    """A consistent copy of the whole file, taken in one step while the app may be writing."""
    path = sqlite_path(bind)
    if not path.is_file():
        raise BackupError(BackupProblem.NO_DATABASE, f"no database at {path}: nothing to back up")
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    with closing(source), closing(sqlite3.connect(":memory:")) as copy:
        source.backup(copy)  # one step: a writer cannot make it start over
        data = bytearray(copy.serialize())
    # The copy says "write-ahead log" like its source; mark it a plain rollback-journal file so
    # it opens on its own (no -wal or -shm beside it), even from read-only media.
    if data[18:20] == b"\x02\x02":
        data[18:20] = b"\x01\x01"
    return bytes(data)


def _write(path: Path, data: bytes) -> None:
    """Write owner-only (0600), under a temporary name renamed at the end: no half backup."""
    if path.exists():
        raise BackupError(BackupProblem.EXISTS, f"{path} exists already: try again in a second")
    partial = path.with_name(path.name + _PARTIAL)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, 0o600)  # O_CREAT's mode is not applied to a file left by a crash
        os.replace(partial, path)
    except OSError as error:  # a full disk, a folder that is a file, a read-only mount
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise BackupError(
            BackupProblem.CANNOT_WRITE, f"cannot write {path}: {error.strerror or error}. No backup was kept."
        ) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def create(
    *, bind: Engine, folder: Path, now: dt.datetime, to: Sequence[Any] = (), pg_bin: Path | None = None
) -> Path:
    """Back up the whole database into ``folder``, encrypted to the recipients ``to`` if any."""
    kind = kind_of(bind)
    data = _sqlite_dump(bind) if kind is Kind.SQLITE else backup_pg.dump(bind, pg_bin)
    if to:  # in memory: the plain copy never touches the disk
        data = pyrage.encrypt(data, list(to))
    path = folder / file_name(kind, now, encrypted=bool(to))
    _write(path, data)
    return path


def read(path: Path, keys: Sequence[Any] = ()) -> tuple[Kind, bytes]:
    """The kind and plain bytes of a backup file, decrypted with the identities ``keys``."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BackupError(BackupProblem.NOT_A_BACKUP, f"cannot read {path}: {error}") from error
    if data.startswith(_AGE):
        if not keys:
            raise BackupError(
                BackupProblem.NEEDS_IDENTITY,
                f"{path.name} is encrypted: give --identity KEYFILE (the key whose public "
                "half is PASO_BACKUP_RECIPIENT). Nothing was changed.",
            )
        try:
            data = pyrage.decrypt(data, list(keys))
        except pyrage.DecryptError as error:
            raise BackupError(
                BackupProblem.WRONG_KEY,
                f"cannot decrypt {path.name} with that key ({error}): it was encrypted to "
                "another one, or the file is damaged. Nothing was changed.",
            ) from error
    for kind, magic in _MAGIC.items():
        if data.startswith(magic):
            return kind, data
    raise BackupError(BackupProblem.NOT_A_BACKUP, f"{path.name} is not a Paso backup. Nothing was changed.")
