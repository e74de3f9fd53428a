"""Search: a coordinator's keywords per service, search keys instead of the term table,
and the registrations' name keys folded by the new rules (Arabic letter variants)

Revision ID: c4e8a1f3b702
Revises: b7d3a2c8e915
Create Date: 2026-12-02 17:00:00

Services' search keys are recomputed after every migration by ``rxapp.cli migrate``
(``content.reindex_outdated``): they depend on code and catalogs, not only on the schema.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

from rxapp.services.text import normalize

revision: str = "c4e8a1f3b702"
down_revision: Union[str, Sequence[str], None] = "b7d3a2c8e915"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _refold_names() -> None:
    registration = sa.table("registration", sa.column("id", sa.Integer), sa.column("name", sa.String))
    bind = op.get_bind()
    for row in bind.execute(sa.select(registration.c.id, registration.c.name)).all():
        bind.execute(
            sa.text("UPDATE registration SET name_key = :key WHERE id = :id"),
            {"key": normalize(row.name)[:100], "id": row.id},
        )


def upgrade() -> None:
    """Add service.keywords, drop serviceterm, refold the name keys.

    No batch mode: on SQLite it copies and drops the service table, which the other tables'
    foreign keys forbid once the directory has data. The column keeps its server default.
    """
    op.add_column(
        "service",
        sa.Column("keywords", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False, server_default=""),
    )
    op.drop_index(op.f("ix_serviceterm_term"), table_name="serviceterm")
    op.drop_table("serviceterm")
    _refold_names()


def downgrade() -> None:
    """Restore the term table (empty: reload or edit a service to refill it) and drop keywords."""
    op.create_table(
        "serviceterm",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=64).with_variant(sa.String(64, collation="C"), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"]),
        sa.PrimaryKeyConstraint("service_id", "term"),
    )
    op.create_index(op.f("ix_serviceterm_term"), "serviceterm", ["term"], unique=False)
    op.drop_column("service", "keywords")
