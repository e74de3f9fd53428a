"""HSDS fields: a service's website, email, ages and interpretation; phone type and extension;
a location's type and address parts

Revision ID: 2f8b5d1e9a37
Revises: 6e9a2d4c7f18
Create Date: 2026-12-04 06:00:00

Every new column has a server default (or is nullable), so existing rows read as before: a
phone is a voice line, a place a physical one with no address parts (docs/hsds.md). Enum
columns store member names; PostgreSQL needs their types created before the columns.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = "2f8b5d1e9a37"
down_revision: Union[str, Sequence[str], None] = "6e9a2d4c7f18"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

PHONE_TYPE = sa.Enum("VOICE", "CELL", "TEXT", "FAX", "VIDEO", "PAGER", "TEXTPHONE", name="phonetype")
LOCATION_TYPE = sa.Enum("PHYSICAL", "POSTAL", "VIRTUAL", name="locationtype")


def _text(length: int | None = None) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=length) if length else sqlmodel.sql.sqltypes.AutoString()


def upgrade() -> None:
    """Add the columns in place (no batch mode: the foreign keys forbid copying the tables)."""
    bind = op.get_bind()
    PHONE_TYPE.create(bind, checkfirst=True)
    LOCATION_TYPE.create(bind, checkfirst=True)
    op.add_column(
        "service", sa.Column("interpretation_services", _text(), nullable=False, server_default="")
    )
    op.add_column("service", sa.Column("url", _text(300), nullable=True))
    op.add_column("service", sa.Column("email", _text(200), nullable=True))
    op.add_column("service", sa.Column("minimum_age", sa.Integer(), nullable=True))
    op.add_column("service", sa.Column("maximum_age", sa.Integer(), nullable=True))
    op.add_column("phone", sa.Column("type", PHONE_TYPE, nullable=False, server_default="VOICE"))
    op.add_column("phone", sa.Column("extension", sa.Integer(), nullable=True))
    op.add_column(
        "location", sa.Column("location_type", LOCATION_TYPE, nullable=False, server_default="PHYSICAL")
    )
    for name, length in (("city", 100), ("state_province", 100), ("postal_code", 20), ("country", 2)):
        op.add_column("location", sa.Column(name, _text(length), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop them (SQLite >= 3.35 drops a column in place), then the enum types."""
    for name in ("country", "postal_code", "state_province", "city", "location_type"):
        op.drop_column("location", name)
    for name in ("extension", "type"):
        op.drop_column("phone", name)
    for name in ("maximum_age", "minimum_age", "email", "url", "interpretation_services"):
        op.drop_column("service", name)
    bind = op.get_bind()
    LOCATION_TYPE.drop(bind, checkfirst=True)
    PHONE_TYPE.drop(bind, checkfirst=True)
