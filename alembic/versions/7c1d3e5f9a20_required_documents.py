"""HSDS required_document: the documents to bring to use a service, translatable like phones

Revision ID: 7c1d3e5f9a20
Revises: 4a6e8c2b1d57
Create Date: 2026-12-04 10:00:00

Adds the ``requireddocument`` table and ``DOCUMENT`` to the translation's record types
(a PostgreSQL enum; on SQLite a plain string).
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "7c1d3e5f9a20"
down_revision: Union[str, Sequence[str], None] = "4a6e8c2b1d57"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _text(length: int) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    """Create requireddocument; let translations name it."""
    if op.get_bind().dialect.name == "postgresql":
        # In the migration's transaction, which never uses the new value (as f3a8c2d61b94).
        op.execute("ALTER TYPE recordtype ADD VALUE IF NOT EXISTS 'DOCUMENT'")
    op.create_table(
        "requireddocument",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", _text(36), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("document", _text(300), nullable=False),
        sa.Column("uri", _text(300), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_locale", _text(35), nullable=False),
        sa.Column("text_versions", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_requireddocument_uuid"), "requireddocument", ["uuid"], unique=True)
    op.create_index(op.f("ix_requireddocument_service_id"), "requireddocument", ["service_id"], unique=False)


def downgrade() -> None:
    """Drop requireddocument and its translations (PostgreSQL keeps the enum value)."""
    op.execute(sa.text("DELETE FROM translation WHERE record_type = 'DOCUMENT'"))
    op.drop_index(op.f("ix_requireddocument_service_id"), table_name="requireddocument")
    op.drop_index(op.f("ix_requireddocument_uuid"), table_name="requireddocument")
    op.drop_table("requireddocument")
