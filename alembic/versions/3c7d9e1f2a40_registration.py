"""Registrations and rate-limit counters

Revision ID: 3c7d9e1f2a40
Revises: 8e2f4b6a9c01
Create Date: 2026-11-28 05:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "3c7d9e1f2a40"
down_revision: Union[str, Sequence[str], None] = "8e2f4b6a9c01"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

STATUS = sa.Enum("NEW", "WAITING", "IN_PROGRESS", "REFERRED", "CLOSED", name="registrationstatus")
CONTACT = sa.Enum("CALL", "WHATSAPP", "SMS", "DESK", name="contactmethod")


def upgrade() -> None:
    """Create registration and ratecounter."""
    op.create_table(
        "registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("draft_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("nationality", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("adults", sa.Integer(), nullable=True),
        sa.Column("children", sa.Integer(), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("has_whatsapp", sa.Boolean(), nullable=False),
        sa.Column("preferred_contact", CONTACT, nullable=True),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("locale", sqlmodel.sql.sqltypes.AutoString(length=35), nullable=False),
        sa.Column("consent_version", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("assisted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
        sa.UniqueConstraint("draft_id"),
    )
    op.create_index(op.f("ix_registration_status"), "registration", ["status"], unique=False)
    op.create_index(op.f("ix_registration_created_at"), "registration", ["created_at"], unique=False)
    op.create_table(
        "ratecounter",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("window", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window"),
    )


def downgrade() -> None:
    """Drop registration and ratecounter."""
    op.drop_table("ratecounter")
    op.drop_index(op.f("ix_registration_created_at"), table_name="registration")
    op.drop_index(op.f("ix_registration_status"), table_name="registration")
    op.drop_table("registration")
    STATUS.drop(op.get_bind(), checkfirst=True)
    CONTACT.drop(op.get_bind(), checkfirst=True)
