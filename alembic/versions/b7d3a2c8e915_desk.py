"""The volunteer desk: staff, sessions, notes, status changes, referrals, audit, tallies

Revision ID: b7d3a2c8e915
Revises: 3c7d9e1f2a40
Create Date: 2026-12-01 16:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

from rxapp.services.text import normalize

revision: str = "b7d3a2c8e915"
down_revision: Union[str, Sequence[str], None] = "3c7d9e1f2a40"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_STATUSES = ("NEW", "WAITING", "IN_PROGRESS", "REFERRED", "CLOSED")
# The registration migration created this type on PostgreSQL already.
STATUS = sa.Enum(*_STATUSES, name="registrationstatus").with_variant(
    postgresql.ENUM(*_STATUSES, name="registrationstatus", create_type=False), "postgresql"
)
ACTION = sa.Enum(
    "QUEUE", "SEARCH", "OPEN", "EXPORT", "CREATE", "NOTE", "STATUS", "REFER", "MERGE", "DISMISS", "ERASE",
    "RETENTION", name="auditaction",
)
ROLE = sa.Enum("VOLUNTEER", "COORDINATOR", "TRANSLATOR", name="role")
REPORT = sa.Enum("OPEN", "RESOLVED", "DISMISSED", name="reportstatus")
WHEN = sa.DateTime(timezone=True)


def _text(length: int) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    """Create the desk's tables; give registrations a search key and a change time."""
    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("staff_username", _text(40), nullable=False),
        sa.Column("action", ACTION, nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("detail", _text(200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_auditentry_at"), "auditentry", ["at"], unique=False)
    op.create_index(op.f("ix_auditentry_record_id"), "auditentry", ["record_id"], unique=False)
    op.create_index(op.f("ix_auditentry_staff_id"), "auditentry", ["staff_id"], unique=False)
    op.create_table(
        "joblock",
        sa.Column("name", _text(40), nullable=False),
        sa.Column("holder", _text(80), nullable=False),
        sa.Column("until", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "staffuser",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", _text(40), nullable=False),
        sa.Column("display_name", _text(80), nullable=False),
        sa.Column("role", ROLE, nullable=False),
        sa.Column("password_hash", _text(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", WHEN, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "tally",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", _text(20), nullable=False),
        sa.Column("key", _text(80), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "metric", "key"),
    )
    op.create_table(
        "duplicatedismissal",
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["first_id"], ["registration.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["second_id"], ["registration.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("first_id", "second_id"),
    )
    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", _text(1000), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["staffuser.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["registration_id"], ["registration.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_note_registration_id"), "note", ["registration_id"], unique=False)
    op.create_table(
        "staffsession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", _text(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("last_seen_at", WHEN, nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["staffuser.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(op.f("ix_staffsession_user_id"), "staffsession", ["user_id"], unique=False)
    op.create_table(
        "statuschange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("from_status", STATUS, nullable=False),
        sa.Column("to_status", STATUS, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["staffuser.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["registration_id"], ["registration.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_statuschange_registration_id"), "statuschange", ["registration_id"], unique=False)
    op.create_table(
        "directoryreport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("problem", _text(40), nullable=False),
        sa.Column("comment", _text(500), nullable=False),
        sa.Column("locale", _text(35), nullable=False),
        sa.Column("status", REPORT, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("handled_by", sa.Integer(), nullable=True),
        sa.Column("handled_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(["handled_by"], ["staffuser.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_directoryreport_service_id"), "directoryreport", ["service_id"], unique=False)
    op.create_index(op.f("ix_directoryreport_status"), "directoryreport", ["status"], unique=False)
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("service_name", _text(200), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("consented", sa.Boolean(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["staffuser.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["registration_id"], ["registration.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_referral_registration_id"), "referral", ["registration_id"], unique=False)
    with op.batch_alter_table("registration") as batch:
        batch.add_column(sa.Column("name_key", _text(100), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("updated_at", WHEN, nullable=False, server_default=sa.text("CURRENT_TIMESTAMP"))
        )
    registration = sa.table("registration", sa.column("id", sa.Integer), sa.column("name", sa.String))
    bind = op.get_bind()
    for row in bind.execute(sa.select(registration.c.id, registration.c.name)).all():
        bind.execute(
            sa.text("UPDATE registration SET name_key = :key, updated_at = created_at WHERE id = :id"),
            {"key": normalize(row.name)[:100], "id": row.id},
        )
    with op.batch_alter_table("registration") as batch:
        batch.alter_column("name_key", server_default=None)
        batch.alter_column("updated_at", server_default=None)
    op.create_index(op.f("ix_registration_updated_at"), "registration", ["updated_at"], unique=False)


def downgrade() -> None:
    """Drop the desk's tables and the registration columns."""
    op.drop_index(op.f("ix_registration_updated_at"), table_name="registration")
    with op.batch_alter_table("registration") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("name_key")
    for table in (
        "referral", "directoryreport", "statuschange", "staffsession", "note", "duplicatedismissal", "tally",
        "staffuser", "joblock", "auditentry",
    ):  # fmt: skip
        op.drop_table(table)
    for kind in (ACTION, ROLE, REPORT):
        kind.drop(op.get_bind(), checkfirst=True)
