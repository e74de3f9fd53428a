"""Important numbers: the centre's list of numbers on the route, translatable like services

Revision ID: f3a8c2d61b94
Revises: a7c3e9d15b42
Create Date: 2026-12-03 15:30:00

Adds the ``importantnumber`` table, ``NUMBER`` to the translation's record types and to the
audit log's actions (PostgreSQL enums; on SQLite they are plain strings).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "f3a8c2d61b94"
down_revision: Union[str, Sequence[str], None] = "a7c3e9d15b42"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

GROUP = sa.Enum("EMERGENCY", "PROTECTION", "CONSULATE", "FAMILY", "CENTRE", name="numbergroup")


def _text(length: int) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    """Create importantnumber; let translations and the audit log name it."""
    if op.get_bind().dialect.name == "postgresql":
        # In the migration's transaction (PostgreSQL >= 12), which never uses the new values:
        # Reflex's runner gives Alembic no transaction of its own to step out of.
        op.execute("ALTER TYPE recordtype ADD VALUE IF NOT EXISTS 'NUMBER'")
        op.execute("ALTER TYPE auditaction ADD VALUE IF NOT EXISTS 'NUMBER'")
    op.create_table(
        "importantnumber",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", _text(80), nullable=False),
        sa.Column("name", _text(200), nullable=False),
        sa.Column("purpose", _text(500), nullable=False),
        sa.Column("hours", _text(200), nullable=False),
        sa.Column("always_open", sa.Boolean(), nullable=False),
        sa.Column("phones", sa.JSON(), nullable=True),
        sa.Column("whatsapp", sa.Boolean(), nullable=False),
        sa.Column("whatsapp_number", _text(20), nullable=False),
        sa.Column("group", GROUP, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("source_locale", _text(35), nullable=False),
        sa.Column("text_versions", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_importantnumber_slug"), "importantnumber", ["slug"], unique=True)


def downgrade() -> None:
    """Drop importantnumber and its translations (PostgreSQL keeps the enum values: it cannot
    drop one; nothing refers to them any more)."""
    op.execute(sa.text("DELETE FROM translation WHERE record_type = 'NUMBER'"))
    op.drop_index(op.f("ix_importantnumber_slug"), table_name="importantnumber")
    op.drop_table("importantnumber")
    GROUP.drop(op.get_bind(), checkfirst=True)
