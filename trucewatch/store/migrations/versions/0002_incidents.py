"""Incidents, their mentions, aliases, the manual-operation journal, and truce findings.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return name not in sa.inspect(op.get_bind()).get_table_names()


def upgrade() -> None:
    # Tables may already exist when a script created them with ensure_tables() before migrating.
    if _missing("incidents"):
        op.create_table(
            "incidents",
            sa.Column("id", sa.String(40), primary_key=True),
            sa.Column("family", sa.String(64), nullable=False),
            sa.Column("type", sa.String(64), nullable=False),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("start", sa.Date, nullable=True),
            sa.Column("end", sa.Date, nullable=True),
            sa.Column("time_precision", sa.String(16), nullable=False),
            sa.Column("lat", sa.Float, nullable=True),
            sa.Column("lon", sa.Float, nullable=True),
            sa.Column("place", sa.Text, nullable=True),
            sa.Column("country", sa.String(3), nullable=True),
            sa.Column("place_precision", sa.String(16), nullable=True),
            sa.Column("independent_sources", sa.Integer, nullable=False),
            sa.Column("documents", sa.Integer, nullable=False),
            sa.Column("act_disputed", sa.Boolean, nullable=False),
            sa.Column("data", sa.JSON, nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_incidents_start", "incidents", ["start"])
    if _missing("incident_mentions"):
        op.create_table(
            "incident_mentions",
            sa.Column("event_id", sa.String(200), primary_key=True),
            sa.Column("incident_id", sa.String(40), nullable=False),
            sa.Column("document_id", sa.String(64), nullable=False),
        )
        op.create_index("ix_incident_mentions_incident_id", "incident_mentions", ["incident_id"])
    if _missing("incident_aliases"):
        op.create_table(
            "incident_aliases",
            sa.Column("alias", sa.String(40), primary_key=True),
            sa.Column("incident_id", sa.String(40), nullable=False),
        )
    if _missing("incident_journal"):
        op.create_table(
            "incident_journal",
            sa.Column("op_id", sa.String(32), primary_key=True),
            sa.Column("seq", sa.Integer, nullable=False),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("args", sa.JSON, nullable=False),
            sa.Column("created", sa.String(40), nullable=False),
            sa.Column("undone", sa.Boolean, nullable=False),
        )
    if _missing("findings"):
        op.create_table(
            "findings",
            sa.Column("truce", sa.String(200), primary_key=True),
            sa.Column("incident_id", sa.String(40), primary_key=True),
            sa.Column("verdict", sa.String(32), nullable=False),
            sa.Column("data", sa.JSON, nullable=False),
            sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        )


def downgrade() -> None:
    for name in ("findings", "incident_journal", "incident_aliases", "incident_mentions", "incidents"):
        op.drop_table(name)
