"""Tables of the review workflow, on the project's shared `metadata` (migration 0006 creates them).

- `event_reviews`: what people did to one event (status, assignee, corrections), kept APART from
  the machine's output in `events`, so re-extraction, re-ingest and re-fusion never overwrite it.
  A row is anchored to the event's report and evidence span (its stable identity); `event_id` is
  the event it is attached to now and is re-attached when re-extraction renumbers the events.
- `review_jobs`: background work the server does for people (exports of large selections,
  re-checks after corrections); any server process may claim a pending job.
- `alerts`: the outbox of announced violations (one row per truce, incident and verdict), so an
  announcement is made once whatever restarts, and the webhook is retried from here.
- `edit_presence`: the soft "being edited by X" notice; rows expire, nothing is ever locked.
"""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.store.schema import metadata

TZ = sa.DateTime(timezone=True)

event_reviews = sa.Table(
    "event_reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String(64), nullable=False, index=True),
    sa.Column("anchor_start", sa.Integer, nullable=True),  # the first evidence span when first reviewed
    sa.Column("anchor_end", sa.Integer, nullable=True),
    sa.Column("anchor_type", sa.String(64), nullable=False),  # the machine's act type then
    sa.Column("anchor_position", sa.Integer, nullable=False),  # the event's number in its report then
    sa.Column("event_id", sa.String(128), nullable=True, unique=True),  # attached now (None: detached)
    sa.Column("former_ids", sa.JSON, nullable=False),  # ids it was attached to before a renumbering
    sa.Column("changes", sa.JSON, nullable=False),  # field -> the corrected value
    sa.Column("machine", sa.JSON, nullable=False),  # field -> the machine's value when it was corrected
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("assignee", sa.String(64), nullable=True),
    sa.Column("updated_at", TZ, nullable=False),
    sa.Column("updated_by", sa.String(120), nullable=False),
    sa.Column("detached_at", TZ, nullable=True),  # set while no event of its report matches it
)

review_jobs = sa.Table(
    "review_jobs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(32), nullable=False),  # export | recheck
    sa.Column("params", sa.JSON, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),  # pending | running | done | failed
    sa.Column("user_name", sa.String(120), nullable=False),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("started_at", TZ, nullable=True),
    sa.Column("lease_until", TZ, nullable=True),  # a running job whose lease ran out is taken again
    sa.Column("finished_at", TZ, nullable=True),
    sa.Column("result", sa.JSON, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Index("ix_review_jobs_state_id", "state", "id"),
)

alerts = sa.Table(
    "alerts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("truce", sa.String(200), nullable=False),
    sa.Column("incident_id", sa.String(40), nullable=False),
    sa.Column("verdict", sa.String(32), nullable=False),
    sa.Column("change", sa.String(16), nullable=False),  # new | changed
    sa.Column("previous_verdict", sa.String(32), nullable=True),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("delivered_at", TZ, nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_attempt_at", TZ, nullable=False),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.UniqueConstraint("truce", "incident_id", "verdict"),
    sa.Index("ix_alerts_delivered_at_next_attempt_at", "delivered_at", "next_attempt_at"),
)

edit_presence = sa.Table(
    "edit_presence", metadata,
    sa.Column("kind", sa.String(32), primary_key=True),
    sa.Column("key", sa.String(400), primary_key=True),
    sa.Column("user_name", sa.String(120), primary_key=True),
    sa.Column("since", TZ, nullable=False),
    sa.Column("expires_at", TZ, nullable=False),
)

REVIEW_TABLES = [event_reviews, review_jobs, alerts, edit_presence]
