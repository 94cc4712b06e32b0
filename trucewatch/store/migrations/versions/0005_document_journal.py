"""The document journal: deletions and corrections of stored documents, with what they were.

Revision ID: 0005
Revises: 0006 (chained after the head on main at merge time)
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The table may already exist when a script created it with metadata.create_all().
    if "document_journal" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "document_journal",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("events_before", sa.Integer(), nullable=False),
        sa.Column("events_after", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_document_journal"),
    )
    op.create_index("ix_document_journal_document_id", "document_journal", ["document_id"])


def downgrade() -> None:
    op.drop_table("document_journal")
