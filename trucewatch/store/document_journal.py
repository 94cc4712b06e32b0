"""The journal of changes made to stored documents after ingest: deletions, corrections by hand,
and re-ingests whose metadata changed.

A monitor's record is evidence: when a report is removed or its date corrected, the record keeps
who-knows-what-was-there (the document as it was, its event count, the reason), so a later
reader can see why the numbers moved. Migration 0005 creates the table.
"""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.store.schema import metadata

ACTIONS = ("delete", "correct", "reingest")

document_journal = sa.Table(
    "document_journal",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String(64), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),  # one of ACTIONS
    sa.Column("before", sa.JSON, nullable=False),  # the document's fields before (text too, for delete)
    sa.Column("after", sa.JSON, nullable=True),  # the changed fields after (None for delete)
    sa.Column("events_before", sa.Integer, nullable=False),
    sa.Column("events_after", sa.Integer, nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
