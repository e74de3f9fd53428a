"""Personal follow-up: keys to a person's own page, appointments, calls to a desk, the display
key, a referral's note for the person and the desk's follow-up date

Revision ID: 9d4b7e2a1c63
Revises: f3a8c2d61b94
Create Date: 2026-12-03 19:00:00

New columns are added without batch mode: on SQLite it copies and drops the table, which the
other tables' foreign keys forbid once there is data (see c4e8a1f3b702). The text columns keep
their server default so existing rows get "". The audit log's new action names go into the
PostgreSQL enum inside the migration's transaction, as the alerts' did.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "9d4b7e2a1c63"
down_revision: Union[str, Sequence[str], None] = "f3a8c2d61b94"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KIND = sa.Enum("SECRET", "TOKEN", name="keykind")
WHEN = sa.DateTime(timezone=True)
ACTIONS = ("TOKEN", "REVOKE", "CALL", "SEND", "APPOINT", "FOLLOWUP", "DISPLAY")


def _text(length: int) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _person() -> sa.Column:
    return sa.Column("registration_id", sa.Integer(), nullable=False)


def _of_person() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["registration_id"], ["registration.id"], ondelete="CASCADE")


def upgrade() -> None:
    """Create personal_key, appointment, call and displaykey; add the new columns."""
    if op.get_bind().dialect.name == "postgresql":
        # In the migration's transaction (PostgreSQL >= 12), which never uses the new values.
        for name in ACTIONS:
            op.execute(f"ALTER TYPE auditaction ADD VALUE IF NOT EXISTS '{name}'")
    op.create_table(
        "personal_key",
        sa.Column("id", sa.Integer(), nullable=False),
        _person(),
        sa.Column("digest", _text(64), nullable=False),
        sa.Column("kind", KIND, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=True),
        sa.Column("used_at", WHEN, nullable=True),
        sa.Column("revoked_at", WHEN, nullable=True),
        _of_person(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )
    op.create_index(op.f("ix_personal_key_registration_id"), "personal_key", ["registration_id"], unique=False)
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        _person(),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("place", _text(200), nullable=False),
        sa.Column("starts_at", WHEN, nullable=False),
        sa.Column("bring", _text(300), nullable=False),
        sa.Column("note", _text(500), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["staffuser.id"], ondelete="SET NULL"),
        _of_person(),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_appointment_registration_id"), "appointment", ["registration_id"], unique=False)
    op.create_index(op.f("ix_appointment_starts_at"), "appointment", ["starts_at"], unique=False)
    op.create_table(
        "call",
        sa.Column("id", sa.Integer(), nullable=False),
        _person(),
        sa.Column("reference", _text(12), nullable=False),
        sa.Column("desk", sa.Integer(), nullable=False),
        sa.Column("called_at", WHEN, nullable=False),
        _of_person(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_call_registration_id"), "call", ["registration_id"], unique=False)
    op.create_index(op.f("ix_call_called_at"), "call", ["called_at"], unique=False)
    op.create_table(
        "displaykey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", _text(64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.add_column("referral", sa.Column("note", _text(500), nullable=False, server_default=""))
    op.add_column("registration", sa.Column("follow_up_on", sa.Date(), nullable=True))
    op.add_column("registration", sa.Column("follow_up_note", _text(500), nullable=False, server_default=""))
    op.create_index(op.f("ix_registration_follow_up_on"), "registration", ["follow_up_on"], unique=False)


def downgrade() -> None:
    """Drop the follow-up tables and columns (PostgreSQL keeps the audit enum's new values: it
    cannot drop one, and the audit rows that name them outlive the records)."""
    op.drop_index(op.f("ix_registration_follow_up_on"), table_name="registration")
    with op.batch_alter_table("registration") as batch:
        batch.drop_column("follow_up_note")
        batch.drop_column("follow_up_on")
    with op.batch_alter_table("referral") as batch:
        batch.drop_column("note")
    op.drop_table("displaykey")
    op.drop_index(op.f("ix_call_called_at"), table_name="call")
    op.drop_index(op.f("ix_call_registration_id"), table_name="call")
    op.drop_table("call")
    op.drop_index(op.f("ix_appointment_starts_at"), table_name="appointment")
    op.drop_index(op.f("ix_appointment_registration_id"), table_name="appointment")
    op.drop_table("appointment")
    op.drop_index(op.f("ix_personal_key_registration_id"), table_name="personal_key")
    op.drop_table("personal_key")
    KIND.drop(op.get_bind(), checkfirst=True)
