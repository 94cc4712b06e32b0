"""The audit log and the per-record version table, on the project's shared `metadata`.

`audit_log` is append-only (migration 0003 adds triggers that refuse UPDATE and DELETE): every
write by a person or a command is one row saying who, when, what, before -> after and why.

`record_versions` holds one row per record that can change after it was first stored (an
incident, a finding, an event replaced by re-extraction, a truce, a user, a saved search):
- `version` counts its content changes, by a machine (re-fusion, a new check) or a person;
  an edit names the version it started from and is refused when another change came first;
- `digest` is a hash of the machine-made content, so a re-fusion that changes nothing bumps nothing;
- `review_status` starts as "machine" (the review workflow moves it on), `assignee` names who
  should look at it;
- `deleted_at`/`replaced_by` make the row a tombstone that sync clients read from /deleted.
"""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.store.schema import metadata

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("user_id", sa.Integer, nullable=True),  # None: a command run outside any account
    sa.Column("user_name", sa.String(120), nullable=False),
    sa.Column("via", sa.String(16), nullable=False),  # web | api | cli | system
    sa.Column("action", sa.String(40), nullable=False),  # create | update | delete | login | check ...
    sa.Column("kind", sa.String(32), nullable=False),  # truce | user | token | search | incident ...
    sa.Column("key", sa.String(400), nullable=False),
    sa.Column("version", sa.Integer, nullable=True),  # the record's version after this change
    sa.Column("before", sa.JSON, nullable=True),
    sa.Column("after", sa.JSON, nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Index("ix_audit_log_kind_key", "kind", "key"),
)

record_versions = sa.Table(
    "record_versions", metadata,
    sa.Column("kind", sa.String(32), primary_key=True),
    sa.Column("key", sa.String(400), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("review_status", sa.String(32), nullable=False),
    sa.Column("assignee", sa.String(64), nullable=True),  # who should review it (migration 0006)
    sa.Column("digest", sa.String(40), nullable=True),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changed_by", sa.String(120), nullable=False),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("replaced_by", sa.String(400), nullable=True),
    sa.Index("ix_record_versions_kind_changed_at", "kind", "changed_at"),
    sa.Index("ix_record_versions_deleted_at", "deleted_at"),
)

AUDIT_TABLES = [audit_log, record_versions]
