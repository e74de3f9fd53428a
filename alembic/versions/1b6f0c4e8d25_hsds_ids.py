"""HSDS ids: a stable UUID on every directory row exported as HSDS 3.0

Revision ID: 1b6f0c4e8d25
Revises: 9d4b7e2a1c63
Create Date: 2026-12-04 10:00:00

Adds ``uuid`` (unique, indexed) to organization, service, location, serviceatlocation, phone
and scheduleexception, and gives every existing row a fresh UUID 4: from here on a record keeps
its id across exports. Weekly slots, spoken languages and needs get no column: the desk replaces
those rows on every edit, so their HSDS ids are derived from natural keys instead
(``rxapp.services.hsds.ids``).
"""

from typing import Sequence, Union
from uuid import uuid4

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "1b6f0c4e8d25"
down_revision: Union[str, Sequence[str], None] = "9d4b7e2a1c63"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLES = ("organization", "service", "location", "serviceatlocation", "phone", "scheduleexception")


def upgrade() -> None:
    """Add and fill the uuid columns, then index them as unique.

    No batch mode (it copies and drops tables, which the foreign keys forbid once the directory
    has data, see c4e8a1f3b702): SQLite adds a NOT NULL column only with a default, so the
    column comes with ``''``, every row then gets its UUID, and PostgreSQL drops the default.
    SQLite keeps it, harmless: the models always set the id, and the unique index refuses a
    second ``''``.
    """
    bind = op.get_bind()
    for name in TABLES:
        op.add_column(
            name,
            sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False, server_default=""),
        )
        table = sa.table(name, sa.column("id", sa.Integer), sa.column("uuid", sa.String))
        ids = bind.execute(sa.select(table.c.id)).scalars().all()
        for row_id in ids:
            bind.execute(table.update().where(table.c.id == row_id).values(uuid=str(uuid4())))
        if bind.dialect.name == "postgresql":
            op.alter_column(name, "uuid", server_default=None)
        op.create_index(op.f(f"ix_{name}_uuid"), name, ["uuid"], unique=True)


def downgrade() -> None:
    """Drop the uuid columns (SQLite >= 3.35 drops a column in place)."""
    for name in reversed(TABLES):
        op.drop_index(op.f(f"ix_{name}_uuid"), table_name=name)
        op.drop_column(name, "uuid")
