"""HSDS import: where a record came from, and whether a coordinator has checked it since

Revision ID: 6e9a2d4c7f18
Revises: 1b6f0c4e8d25
Create Date: 2026-12-04 12:00:00

Adds ``source`` to organization and service (the file or name an HSDS import read it from; empty
for what the desk typed) and ``needs_review`` to service (set by an import that creates or
changes it, cleared by the desk's "verify").
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "6e9a2d4c7f18"
down_revision: Union[str, Sequence[str], None] = "1b6f0c4e8d25"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the columns in place (no batch mode: the foreign keys forbid copying the tables)."""
    for name in ("organization", "service"):
        op.add_column(
            name,
            sa.Column(
                "source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False, server_default=""
            ),
        )
    op.add_column(
        "service", sa.Column("needs_review", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    """Drop them (SQLite >= 3.35 drops a column in place)."""
    op.drop_column("service", "needs_review")
    for name in ("service", "organization"):
        op.drop_column(name, "source")
