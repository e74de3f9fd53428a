"""Translations carry an "unreviewed" flag (drafts no native speaker checked yet)

Revision ID: 8e2f4b6a9c01
Revises: 5a1c0e7d2b13
Create Date: 2026-11-28 02:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "8e2f4b6a9c01"
down_revision: Union[str, Sequence[str], None] = "5a1c0e7d2b13"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add translation.unreviewed."""
    with op.batch_alter_table("translation") as batch:
        batch.add_column(sa.Column("unreviewed", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Drop translation.unreviewed."""
    with op.batch_alter_table("translation") as batch:
        batch.drop_column("unreviewed")
