"""Translations keep the source text they were made from (shown to translators when it changed)

Revision ID: 5a1c0e7d2b13
Revises: d0110c269708
Create Date: 2026-11-28 02:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "5a1c0e7d2b13"
down_revision: Union[str, Sequence[str], None] = "d0110c269708"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add translation.source_text."""
    with op.batch_alter_table("translation") as batch:
        batch.add_column(sa.Column("source_text", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop translation.source_text."""
    with op.batch_alter_table("translation") as batch:
        batch.drop_column("source_text")
