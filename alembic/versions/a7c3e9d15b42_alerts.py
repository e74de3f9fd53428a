"""Alerts: what changed today, for the whole centre or some services, translated like the directory

Revision ID: a7c3e9d15b42
Revises: e5f1a9c3d207
Create Date: 2026-12-03 15:20:00

Enum columns store member names. On PostgreSQL the existing enum types ``recordtype`` and
``auditaction`` get the new names (``ALTER TYPE ... ADD VALUE``, outside a transaction as
PostgreSQL asks); SQLite keeps enums as plain text and needs nothing for them.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "a7c3e9d15b42"
down_revision: Union[str, Sequence[str], None] = "e5f1a9c3d207"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

URGENCY = sa.Enum("URGENT", "INFO", name="alerturgency")
KIND = sa.Enum(
    "MESSAGE", "FULL_TONIGHT", "CLOSED_TODAY", "OFFICE_CLOSED", "VACCINATION", "SCAM", "ROAD_DANGER",
    name="alertkind",
)
WHEN = sa.DateTime(timezone=True)
ADDED = {"recordtype": ("ALERT",), "auditaction": ("ALERT", "WITHDRAW")}


def _text(length: int) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    """Create the alert and alertservice tables; new enum names on PostgreSQL."""
    if op.get_bind().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            for enum, names in ADDED.items():
                for name in names:
                    op.execute(f"ALTER TYPE {enum} ADD VALUE IF NOT EXISTS '{name}'")
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", _text(36), nullable=False),
        sa.Column("urgency", URGENCY, nullable=False),
        sa.Column("kind", KIND, nullable=False),
        sa.Column("starts_at", WHEN, nullable=False),
        sa.Column("ends_at", WHEN, nullable=False),
        sa.Column("source_locale", _text(35), nullable=False),
        sa.Column("title", _text(80), nullable=False),
        sa.Column("text", _text(500), nullable=False),
        sa.Column("text_versions", sa.JSON(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=True),
        sa.Column("posted_by", sa.Integer(), nullable=True),
        sa.Column("posted_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("withdrawn_at", WHEN, nullable=True),
        sa.Column("withdrawn_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index(op.f("ix_alert_ends_at"), "alert", ["ends_at"], unique=False)
    op.create_table(
        "alertservice",
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"]),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"]),
        sa.PrimaryKeyConstraint("alert_id", "service_id"),
    )
    op.create_index(op.f("ix_alertservice_service_id"), "alertservice", ["service_id"], unique=False)


def downgrade() -> None:
    """Drop the alert tables (PostgreSQL cannot drop an enum's value: they stay, unused)."""
    op.drop_index(op.f("ix_alertservice_service_id"), table_name="alertservice")
    op.drop_table("alertservice")
    op.drop_index(op.f("ix_alert_ends_at"), table_name="alert")
    op.drop_table("alert")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TYPE IF EXISTS alertkind")
        op.execute("DROP TYPE IF EXISTS alerturgency")
