"""Each service carries the directory revision that last changed it (incremental snapshots)

Revision ID: e5f1a9c3d207
Revises: c4e8a1f3b702
Create Date: 2026-12-03 12:40:00

Existing services get revision 0: a snapshot built before it was there is rebuilt whole once.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "e5f1a9c3d207"
down_revision: Union[str, Sequence[str], None] = "c4e8a1f3b702"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add service.revision and its index.

    No batch mode: on SQLite it copies and drops the service table, which the other tables'
    foreign keys forbid once the directory has data (see c4e8a1f3b702).
    """
    op.add_column("service", sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
    op.create_index(op.f("ix_service_revision"), "service", ["revision"], unique=False)


def downgrade() -> None:
    """Drop service.revision (SQLite >= 3.35 drops a column in place)."""
    op.drop_index(op.f("ix_service_revision"), table_name="service")
    op.drop_column("service", "revision")
