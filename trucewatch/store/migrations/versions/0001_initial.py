"""Initial tables: documents, places, events, actors, claims, evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Written out by hand (not `metadata.create_all`) so that this revision keeps creating exactly this
schema after later revisions change `schema.py`.
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("ref", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("published_given", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("path", sa.Text()),
        sa.Column("language", sa.String(32), nullable=False),
        sa.Column("retrieved", sa.String(40)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])

    op.create_table(
        "places",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("geonameid", sa.Integer()),
        sa.Column("name", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("country", sa.String(32)),
        sa.Column("admin1", sa.Text()),
        sa.Column("admin2", sa.Text()),
        sa.Column("precision", sa.String(32)),
        sa.PrimaryKeyConstraint("id", name="pk_places"),
    )
    op.create_index("ix_places_geonameid", "places", ["geonameid"])
    op.create_index("ix_places_country", "places", ["country"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(255), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("plover_event", sa.String(255)),
        sa.Column("plover_mode", sa.String(255)),
        sa.Column("cameo", sa.String(16)),
        sa.Column("acled_event_type", sa.String(255)),
        sa.Column("acled_sub_event_type", sa.String(255)),
        sa.Column("when_start", sa.Date(), nullable=False),
        sa.Column("when_end", sa.Date(), nullable=False),
        sa.Column("when_precision", sa.String(32), nullable=False),
        sa.Column("when_text", sa.Text()),
        sa.Column("fatalities_low", sa.Integer()),
        sa.Column("fatalities_best", sa.Integer()),
        sa.Column("fatalities_high", sa.Integer()),
        sa.Column("fatalities_text", sa.Text()),
        sa.Column("injured_low", sa.Integer()),
        sa.Column("injured_best", sa.Integer()),
        sa.Column("injured_high", sa.Integer()),
        sa.Column("injured_text", sa.Text()),
        sa.Column("place_id", sa.String(80)),
        sa.Column("location_text", sa.Text()),
        sa.Column("country", sa.String(32)),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name="fk_events_document_id_documents", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name="fk_events_place_id_places"),
    )
    for column in ("document_id", "type", "when_start", "when_end", "place_id", "country"):
        op.create_index(f"ix_events_{column}", "events", [column])

    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("side", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(32)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("name", sa.Text()),
        sa.Column("country", sa.String(32)),
        sa.Column("sector", sa.String(32)),
        sa.Column("protected", sa.Boolean()),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_actors_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_actors_event_id", "actors", ["event_id"])
    op.create_index("ix_actors_country", "actors", ["country"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("claimant_text", sa.Text(), nullable=False),
        sa.Column("claimant_name", sa.Text()),
        sa.Column("claimant_country", sa.String(32)),
        sa.Column("claimant_sector", sa.String(32)),
        sa.Column("stance", sa.String(32), nullable=False),
        sa.Column("about", sa.String(32), nullable=False),
        sa.Column("value", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_claims_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_claims_event_id", "claims", ["event_id"])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_evidence_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_evidence_event_id", "evidence", ["event_id"])


def downgrade() -> None:
    for table in ("evidence", "claims", "actors", "events", "places", "documents"):
        op.drop_table(table)
