"""Storage tables for commitments and their latest assessments (migration 0007).

Commitments are kept whole as JSON (the record comes back exactly as it went in) with the columns
a SQL user filters by; hand-written ones stay until their file is loaded again, extracted ones are
rebuilt from the events at every check.
"""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.store.schema import metadata

commitments = sa.Table(
    "commitments", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("origin", sa.String(16), nullable=False),  # extracted | hand-written
    sa.Column("source", sa.Text, nullable=True),  # the statement's incident id, or the YAML file
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("party", sa.String(200), nullable=True),  # the party key; null: unidentified
    sa.Column("starts", sa.DateTime, nullable=False),  # local time of the pledge, naive
    sa.Column("ends", sa.DateTime, nullable=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_commitments_starts", "starts"),
)

commitment_checks = sa.Table(
    "commitment_checks", metadata,
    sa.Column("commitment_id", sa.String(40), primary_key=True),
    sa.Column("verdict", sa.String(24), nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
)

OUR_TABLES = [commitments, commitment_checks]
