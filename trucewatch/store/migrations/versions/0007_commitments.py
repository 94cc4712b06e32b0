"""Commitments (pledges by one party) and their latest assessments.

Revision ID: 0007
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0002"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return name not in sa.inspect(op.get_bind()).get_table_names()


def upgrade() -> None:
    # Tables may already exist when a script created them with ensure_tables() before migrating.
    if _missing("commitments"):
        op.create_table(
            "commitments",
            sa.Column("id", sa.String(40), primary_key=True),
            sa.Column("origin", sa.String(16), nullable=False),
            sa.Column("source", sa.Text, nullable=True),
            sa.Column("kind", sa.String(40), nullable=False),
            sa.Column("party", sa.String(200), nullable=True),
            sa.Column("starts", sa.DateTime, nullable=False),
            sa.Column("ends", sa.DateTime, nullable=True),
            sa.Column("data", sa.JSON, nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_commitments_starts", "commitments", ["starts"])
    if _missing("commitment_checks"):
        op.create_table(
            "commitment_checks",
            sa.Column("commitment_id", sa.String(40), primary_key=True),
            sa.Column("verdict", sa.String(24), nullable=False),
            sa.Column("as_of", sa.Date, nullable=False),
            sa.Column("data", sa.JSON, nullable=False),
            sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        )


def downgrade() -> None:
    for name in ("commitment_checks", "commitments"):
        op.drop_table(name)
