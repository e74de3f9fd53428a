"""HSDS per place: phones and weekly slots of one place of a service, or of a place itself; a
slot's validity dates and description

Revision ID: 4a6e8c2b1d57
Revises: 2f8b5d1e9a37
Create Date: 2026-12-04 06:20:00

A phone or slot has exactly one owner: ``service_id`` (as every existing row), else
``service_at_location_id`` or ``location_id``, so ``service_id`` becomes nullable. SQLite cannot
alter a column in place: batch mode copies ``phone`` and ``scheduleslot``, which no other table
refers to, so the copy is allowed with foreign keys on (docs/hsds.md).
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "4a6e8c2b1d57"
down_revision: Union[str, Sequence[str], None] = "2f8b5d1e9a37"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OWNERS = (("service_at_location_id", "serviceatlocation"), ("location_id", "location"))


def _owners(table: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.alter_column("service_id", existing_type=sa.Integer(), nullable=True)
        for column, target in OWNERS:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{table}_{column}", target, [column], ["id"])
            batch.create_index(f"ix_{table}_{column}", [column], unique=False)
        if table == "scheduleslot":
            batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
            batch.add_column(sa.Column("valid_to", sa.Date(), nullable=True))
            batch.add_column(
                sa.Column(
                    "description",
                    sqlmodel.sql.sqltypes.AutoString(length=300),
                    nullable=False,
                    server_default="",
                )
            )


def upgrade() -> None:
    """Owners and slot fields on both tables; existing rows keep their service."""
    _owners("phone")
    _owners("scheduleslot")


def downgrade() -> None:
    """Drop the rows of a place (they have no service), then the columns."""
    for table in ("phone", "scheduleslot"):
        op.execute(sa.text(f"DELETE FROM {table} WHERE service_id IS NULL"))
        with op.batch_alter_table(table) as batch:
            if table == "scheduleslot":
                for column in ("description", "valid_to", "valid_from"):
                    batch.drop_column(column)
            for column, _target in reversed(OWNERS):
                batch.drop_index(f"ix_{table}_{column}")
                batch.drop_constraint(f"fk_{table}_{column}", type_="foreignkey")
                batch.drop_column(column)
            batch.alter_column("service_id", existing_type=sa.Integer(), nullable=False)
