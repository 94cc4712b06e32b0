"""Truce terms kept in the database, so the server can show and edit them and `check` records
which terms its findings came from. Findings stay keyed by the truce's name (findings.truce)."""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.store.schema import metadata

truces = sa.Table(
    "truces", metadata,
    sa.Column("id", sa.String(80), primary_key=True),  # a URL-safe slug of the name, fixed at creation
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("terms", sa.JSON, nullable=False),  # validated terms, as the checker reads them
    sa.Column("text", sa.Text, nullable=False),  # the YAML as its author wrote it
    sa.Column("source", sa.Text, nullable=True),  # the file it was last read from, if any
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_checked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("checked_version", sa.Integer, nullable=True),  # the terms' version the findings used
)

TRUCE_TABLES = [truces]
