"""The database tables, as one SQLAlchemy `metadata` that later stages extend.

Documents and events are stored whole (events also as their JSON, so a record comes back exactly as
it went in); actors, places, claims and evidence spans are unpacked into their own tables so that
SQL users and the `list` filters can query them. Colleagues add tables with
`from trucewatch.store.schema import metadata` and a migration in `store/migrations/versions/`.
"""
from __future__ import annotations

import importlib

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the normalised text
    sa.Column("ref", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("published_given", sa.Boolean, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("language", sa.String(32), nullable=False),
    # ISO 8601 text, not DateTime: SQLite drops the UTC offset, and the record must round-trip.
    sa.Column("retrieved", sa.String(40)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

places = sa.Table(
    "places",
    metadata,
    # "geonames:<id>" when resolved to GeoNames, else "h:<hash of the resolved fields>".
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("geonameid", sa.Integer, index=True),
    sa.Column("name", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String(32), index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("precision", sa.String(32)),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),  # "<document id>:<n>"
    sa.Column(
        "document_id",
        sa.String(64),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("position", sa.Integer, nullable=False),  # order within the document's events
    sa.Column("type", sa.String(255), nullable=False, index=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("plover_event", sa.String(255)),
    sa.Column("plover_mode", sa.String(255)),
    sa.Column("cameo", sa.String(16)),
    sa.Column("acled_event_type", sa.String(255)),
    sa.Column("acled_sub_event_type", sa.String(255)),
    sa.Column("when_start", sa.Date, nullable=False, index=True),
    sa.Column("when_end", sa.Date, nullable=False, index=True),
    sa.Column("when_precision", sa.String(32), nullable=False),
    sa.Column("when_text", sa.Text),
    sa.Column("fatalities_low", sa.Integer),
    sa.Column("fatalities_best", sa.Integer),
    sa.Column("fatalities_high", sa.Integer),
    sa.Column("fatalities_text", sa.Text),
    sa.Column("injured_low", sa.Integer),
    sa.Column("injured_best", sa.Integer),
    sa.Column("injured_high", sa.Integer),
    sa.Column("injured_text", sa.Text),
    sa.Column("place_id", sa.String(80), sa.ForeignKey("places.id"), index=True),
    sa.Column("location_text", sa.Text),
    sa.Column("country", sa.String(32), index=True),  # the location's country, for the filter
    sa.Column("record", sa.JSON, nullable=False),  # the whole event in the record contract
)


def _event_id_column() -> sa.Column:
    """The link of an event's child row (actor, claim, evidence span), deleted with the event."""
    return sa.Column(
        "event_id", sa.String(128), sa.ForeignKey("events.id", ondelete="CASCADE"),
        nullable=False, index=True,
    )


actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _event_id_column(),
    sa.Column("side", sa.String(32), nullable=False),  # "actor" or "target": which list it was in
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("role", sa.String(32)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("name", sa.Text),
    sa.Column("country", sa.String(32), index=True),
    sa.Column("sector", sa.String(32)),
    sa.Column("protected", sa.Boolean),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _event_id_column(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("claimant_text", sa.Text, nullable=False),
    sa.Column("claimant_name", sa.Text),
    sa.Column("claimant_country", sa.String(32)),
    sa.Column("claimant_sector", sa.String(32)),
    sa.Column("stance", sa.String(32), nullable=False),
    sa.Column("about", sa.String(32), nullable=False),
    sa.Column("value", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _event_id_column(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
)

# Tables that hang off one event, deleted with it when an extraction is replaced.
EVENT_CHILDREN = (actors, claims, evidence)
CORE_TABLES = ("documents", "places", "events", "actors", "claims", "evidence")

# Modules of later stages that put their tables on `metadata`; `load_all_tables` imports them so
# that alembic's autogenerate sees every table. Add yours here.
TABLE_MODULES = ("trucewatch.incidents.tables", "trucewatch.commitments.tables", "trucewatch.audit.tables",
                 "trucewatch.accounts.tables", "trucewatch.truce.tables", "trucewatch.review.tables",
                 "trucewatch.store.document_journal")


def load_all_tables() -> sa.MetaData:
    """`metadata` with every stage's tables on it (modules not yet written are skipped)."""
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
    return metadata
