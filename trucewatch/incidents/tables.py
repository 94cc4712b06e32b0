"""Storage tables for incidents, their mentions, aliases, the manual-operation journal, and findings.

They live on the project's shared `metadata` (trucewatch.store.schema) so one alembic history
covers every table; migration 0002 creates them.
"""
from __future__ import annotations

import sqlalchemy as sa

try:
    from trucewatch.store.schema import metadata
except ImportError:  # the storage package is not there yet; keep our own until it lands
    metadata = sa.MetaData()

incidents = sa.Table(
    "incidents", metadata,
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
    sa.Column("admin1", sa.Text, nullable=True),  # added by migration 0003, for the admin1 filter
    sa.Column("place_precision", sa.String(16), nullable=True),
    sa.Column("independent_sources", sa.Integer, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("act_disputed", sa.Boolean, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_incidents_start", "start"),
    sa.Index("ix_incidents_lat_lon", "lat", "lon"),  # migration 0003: the map's bounding boxes
)

incident_mentions = sa.Table(
    "incident_mentions", metadata,
    sa.Column("event_id", sa.String(200), primary_key=True),
    sa.Column("incident_id", sa.String(40), nullable=False, index=True),
    sa.Column("document_id", sa.String(64), nullable=False),
)

incident_aliases = sa.Table(
    "incident_aliases", metadata,
    sa.Column("alias", sa.String(40), primary_key=True),
    sa.Column("incident_id", sa.String(40), nullable=False),
)

incident_journal = sa.Table(
    "incident_journal", metadata,
    sa.Column("op_id", sa.String(32), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("args", sa.JSON, nullable=False),
    sa.Column("created", sa.String(40), nullable=False),
    sa.Column("undone", sa.Boolean, nullable=False, default=False),
)

findings = sa.Table(
    "findings", metadata,
    sa.Column("truce", sa.String(200), primary_key=True),
    sa.Column("incident_id", sa.String(40), primary_key=True),
    sa.Column("verdict", sa.String(32), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_findings_truce_verdict", "truce", "verdict"),  # migration 0003: the verdict filter
)

# The order lists page in (undated last), as an index, so a page of 50 reads 50 rows instead of
# sorting every incident (migration 0003). The literal is inline: an index on an expression is used
# only for that very expression.
UNDATED_SORT = "'9999-12-31'"
SORT_KEY = sa.func.coalesce(incidents.c.start, sa.literal_column(UNDATED_SORT, sa.Date))
sa.Index("ix_incidents_sort", SORT_KEY, incidents.c.id)

# One row per graded party of an incident (migration 0003), so the actor and grade filters are
# plain SQL on every database instead of digging in the JSON of `incidents.data`.
incident_parties = sa.Table(
    "incident_parties", metadata,
    sa.Column("incident_id", sa.String(40), primary_key=True),
    sa.Column("party", sa.String(200), primary_key=True),  # the actor key: ISO3 or dictionary name
    sa.Column("name", sa.Text, nullable=True),
    sa.Column("country", sa.String(3), nullable=True),
    sa.Column("grade", sa.String(16), nullable=False),
    sa.Index("ix_incident_parties_party", "party"),
)

OUR_TABLES = [incidents, incident_mentions, incident_aliases, incident_journal, findings, incident_parties]

