"""Review workflow: event reviews (corrections kept apart from machine output), background jobs,
the alerts outbox, soft edit notices; record_versions.assignee.

Revision ID: 0006
Revises: 0003

Written out by hand and safe to re-run (tables may pre-exist when a script created them before
migrating, as in 0002 and 0003). No data is rewritten: existing review statuses stay as they are.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
# Columns this revision adds to tables of earlier revisions (tests compare 0003 without them).
ADDED_COLUMNS = {"record_versions": {"assignee"}}


def _inspector():
    return sa.inspect(op.get_bind())


def _tables() -> list[tuple[str, list]]:
    return [
        ("event_reviews", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("document_id", sa.String(64), nullable=False),
            sa.Column("anchor_start", sa.Integer, nullable=True),
            sa.Column("anchor_end", sa.Integer, nullable=True),
            sa.Column("anchor_type", sa.String(64), nullable=False),
            sa.Column("anchor_position", sa.Integer, nullable=False),
            sa.Column("event_id", sa.String(128), nullable=True),
            sa.Column("former_ids", sa.JSON, nullable=False),
            sa.Column("changes", sa.JSON, nullable=False),
            sa.Column("machine", sa.JSON, nullable=False),
            sa.Column("status", sa.String(32), nullable=False),
            sa.Column("assignee", sa.String(64), nullable=True),
            sa.Column("updated_at", TZ, nullable=False),
            sa.Column("updated_by", sa.String(120), nullable=False),
            sa.Column("detached_at", TZ, nullable=True),
            sa.UniqueConstraint("event_id", name="uq_event_reviews_event_id"),
        ]),
        ("review_jobs", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("params", sa.JSON, nullable=False),
            sa.Column("state", sa.String(16), nullable=False),
            sa.Column("user_name", sa.String(120), nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.Column("started_at", TZ, nullable=True),
            sa.Column("lease_until", TZ, nullable=True),
            sa.Column("finished_at", TZ, nullable=True),
            sa.Column("result", sa.JSON, nullable=True),
            sa.Column("error", sa.Text, nullable=True),
        ]),
        ("alerts", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("truce", sa.String(200), nullable=False),
            sa.Column("incident_id", sa.String(40), nullable=False),
            sa.Column("verdict", sa.String(32), nullable=False),
            sa.Column("change", sa.String(16), nullable=False),
            sa.Column("previous_verdict", sa.String(32), nullable=True),
            sa.Column("payload", sa.JSON, nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.Column("delivered_at", TZ, nullable=True),
            sa.Column("attempts", sa.Integer, nullable=False),
            sa.Column("next_attempt_at", TZ, nullable=False),
            sa.Column("last_error", sa.Text, nullable=True),
            sa.UniqueConstraint("truce", "incident_id", "verdict", name="uq_alerts_truce_incident_id_verdict"),
        ]),
        ("edit_presence", [
            sa.Column("kind", sa.String(32), primary_key=True),
            sa.Column("key", sa.String(400), primary_key=True),
            sa.Column("user_name", sa.String(120), primary_key=True),
            sa.Column("since", TZ, nullable=False),
            sa.Column("expires_at", TZ, nullable=False),
        ]),
    ]


INDEXES = [
    ("ix_event_reviews_document_id", "event_reviews", ["document_id"]),
    ("ix_review_jobs_state_id", "review_jobs", ["state", "id"]),
    ("ix_alerts_delivered_at_next_attempt_at", "alerts", ["delivered_at", "next_attempt_at"]),
]


def upgrade() -> None:
    names = set(_inspector().get_table_names())
    for name, columns in _tables():
        if name not in names:
            op.create_table(name, *columns)
    if "assignee" not in {c["name"] for c in _inspector().get_columns("record_versions")}:
        op.add_column("record_versions", sa.Column("assignee", sa.String(64), nullable=True))
    for index, table, columns in INDEXES:
        if index not in {i["name"] for i in _inspector().get_indexes(table)}:
            op.create_index(index, table, columns)


def downgrade() -> None:
    with op.batch_alter_table("record_versions") as batch:
        batch.drop_column("assignee")
    for name in ("edit_presence", "alerts", "review_jobs", "event_reviews"):
        op.drop_table(name)
