"""Why a backup or a restore was refused: one problem, one sentence for the operator."""

from __future__ import annotations

from enum import StrEnum


class BackupProblem(StrEnum):
    """What went wrong, for tests and callers that act on it."""

    NO_DATABASE = "no_database"
    NO_TOOL = "no_tool"
    VERSION_MISMATCH = "version_mismatch"
    TOOL_FAILED = "tool_failed"
    BAD_RECIPIENT = "bad_recipient"
    BAD_IDENTITY = "bad_identity"
    NEEDS_IDENTITY = "needs_identity"
    WRONG_KEY = "wrong_key"
    NOT_A_BACKUP = "not_a_backup"
    KIND_MISMATCH = "kind_mismatch"
    NOT_EMPTY = "not_empty"
    EXISTS = "exists"
    CANNOT_WRITE = "cannot_write"
    NEWER_VERSION = "newer_version"


class BackupError(Exception):
    """A refusal; ``str(error)`` is the one-line message, ``problem`` says which."""

    def __init__(self, problem: BackupProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem
