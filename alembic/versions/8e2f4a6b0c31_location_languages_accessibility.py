"""HSDS per place: the languages spoken at a location and its accessibility

Revision ID: 8e2f4a6b0c31
Revises: 7c1d3e5f9a20
Create Date: 2026-12-04 09:00:00

Adds ``locationlanguage`` (a place's languages, BCP 47, as ``servicelanguage`` is a service's)
and ``accessibility`` (a place's arrangements for people with disabilities, with translatable
``description`` and ``details``), and ``ACCESS`` to the translation's record types
(a PostgreSQL enum; on SQLite a plain string). docs/hsds.md.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "8e2f4a6b0c31"
down_revision: Union[str, Sequence[str], None] = "7c1d3e5f9a20"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _text(length: int | None = None) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    """Create both tables; let translations name accessibility texts."""
    if op.get_bind().dialect.name == "postgresql":
        # In the migration's transaction, which never uses the new value (as f3a8c2d61b94).
        op.execute("ALTER TYPE recordtype ADD VALUE IF NOT EXISTS 'ACCESS'")
    op.create_table(
        "locationlanguage",
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("language", _text(35), nullable=False),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"]),
        sa.PrimaryKeyConstraint("location_id", "language"),
    )
    op.create_table(
        "accessibility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", _text(36), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("description", _text(), nullable=False),
        sa.Column("details", _text(), nullable=False),
        sa.Column("url", _text(300), nullable=True),
        sa.Column("source_locale", _text(35), nullable=False),
        sa.Column("text_versions", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_accessibility_uuid"), "accessibility", ["uuid"], unique=True)
    op.create_index(op.f("ix_accessibility_location_id"), "accessibility", ["location_id"], unique=False)


def downgrade() -> None:
    """Drop both tables and the accessibility texts' translations (PostgreSQL keeps the enum
    value: it cannot drop one; nothing refers to it any more)."""
    op.execute(sa.text("DELETE FROM translation WHERE record_type = 'ACCESS'"))
    op.drop_index(op.f("ix_accessibility_location_id"), table_name="accessibility")
    op.drop_index(op.f("ix_accessibility_uuid"), table_name="accessibility")
    op.drop_table("accessibility")
    op.drop_table("locationlanguage")
