"""Accounts, audit log, record versions, stored truces, incident parties; incidents.admin1.

Revision ID: 0003
Revises: 0007 (0007 landed first; the order of independent tables does not matter)

Written out by hand (tables may pre-exist when a script created them before migrating, as in
0002). The audit log is made append-only by triggers that refuse UPDATE, DELETE (and on
PostgreSQL TRUNCATE). Existing incidents and findings are back-filled: their parties, admin1,
and a first version each, so "updated since" and tombstones work from the first fusion on.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0007"
branch_labels = None
depends_on = None

# Columns this revision adds to tables of earlier revisions (tests compare 0002 without them).
ADDED_COLUMNS = {"incidents": {"admin1"}}
TZ = sa.DateTime(timezone=True)


def _inspector():
    return sa.inspect(op.get_bind())


def _missing(name: str) -> bool:
    return name not in _inspector().get_table_names()


def _tables() -> list[tuple[str, list]]:
    return [
        ("audit_log", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("at", TZ, nullable=False),
            sa.Column("user_id", sa.Integer, nullable=True),
            sa.Column("user_name", sa.String(120), nullable=False),
            sa.Column("via", sa.String(16), nullable=False),
            sa.Column("action", sa.String(40), nullable=False),
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("key", sa.String(400), nullable=False),
            sa.Column("version", sa.Integer, nullable=True),
            sa.Column("before", sa.JSON, nullable=True),
            sa.Column("after", sa.JSON, nullable=True),
            sa.Column("reason", sa.Text, nullable=True),
        ]),
        ("record_versions", [
            sa.Column("kind", sa.String(32), primary_key=True),
            sa.Column("key", sa.String(400), primary_key=True),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("review_status", sa.String(32), nullable=False),
            sa.Column("digest", sa.String(40), nullable=True),
            sa.Column("changed_at", TZ, nullable=False),
            sa.Column("changed_by", sa.String(120), nullable=False),
            sa.Column("deleted_at", TZ, nullable=True),
            sa.Column("replaced_by", sa.String(400), nullable=True),
        ]),
        ("users", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.String(64), nullable=False),
            sa.Column("role", sa.String(32), nullable=False),
            sa.Column("password_hash", sa.Text, nullable=False),
            sa.Column("disabled", sa.Boolean, nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.UniqueConstraint("name", name="uq_users_name"),
        ]),
        ("sessions", [
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE",
                                                           name="fk_sessions_user_id_users"), nullable=False),
            sa.Column("csrf", sa.String(64), nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.Column("expires_at", TZ, nullable=False),
        ]),
        ("api_tokens", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE",
                                                           name="fk_api_tokens_user_id_users"), nullable=False),
            sa.Column("name", sa.String(120), nullable=False),
            sa.Column("prefix", sa.String(16), nullable=False),
            sa.Column("secret_hash", sa.String(64), nullable=False),
            sa.Column("scope", sa.String(16), nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.Column("expires_at", TZ, nullable=True),
            sa.Column("last_used_at", TZ, nullable=True),
            sa.Column("revoked_at", TZ, nullable=True),
            sa.UniqueConstraint("prefix", name="uq_api_tokens_prefix"),
        ]),
        ("login_failures", [
            sa.Column("key", sa.String(200), primary_key=True),
            sa.Column("failures", sa.Integer, nullable=False),
            sa.Column("first_at", TZ, nullable=False),
            sa.Column("locked_until", TZ, nullable=True),
        ]),
        ("saved_searches", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE",
                                                           name="fk_saved_searches_user_id_users"), nullable=False),
            sa.Column("name", sa.String(120), nullable=False),
            sa.Column("query", sa.Text, nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.UniqueConstraint("user_id", "name", name="uq_saved_searches_user_id_name"),
        ]),
        ("truces", [
            sa.Column("id", sa.String(80), primary_key=True),
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("terms", sa.JSON, nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("source", sa.Text, nullable=True),
            sa.Column("created_at", TZ, nullable=False),
            sa.Column("updated_at", TZ, nullable=False),
            sa.Column("last_checked_at", TZ, nullable=True),
            sa.Column("checked_version", sa.Integer, nullable=True),
            sa.UniqueConstraint("name", name="uq_truces_name"),
        ]),
        ("incident_parties", [
            sa.Column("incident_id", sa.String(40), primary_key=True),
            sa.Column("party", sa.String(200), primary_key=True),
            sa.Column("name", sa.Text, nullable=True),
            sa.Column("country", sa.String(3), nullable=True),
            sa.Column("grade", sa.String(16), nullable=False),
        ]),
    ]


INDEXES = [
    ("ix_audit_log_at", "audit_log", ["at"]),
    ("ix_audit_log_kind_key", "audit_log", ["kind", "key"]),
    ("ix_record_versions_kind_changed_at", "record_versions", ["kind", "changed_at"]),
    ("ix_record_versions_deleted_at", "record_versions", ["deleted_at"]),
    ("ix_sessions_user_id", "sessions", ["user_id"]),
    ("ix_sessions_expires_at", "sessions", ["expires_at"]),
    ("ix_api_tokens_user_id", "api_tokens", ["user_id"]),
    ("ix_incident_parties_party", "incident_parties", ["party"]),
    ("ix_incidents_lat_lon", "incidents", ["lat", "lon"]),
    ("ix_findings_truce_verdict", "findings", ["truce", "verdict"]),
]

UNDATED_SORT = "'9999-12-31'"  # undated incidents sort last (as trucewatch.incidents.tables.SORT_KEY)
APPEND_ONLY = "the audit log is append-only: history is never rewritten"


def _append_only(dialect: str) -> None:
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
    elif dialect == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION trucewatch_audit_append_only() RETURNS trigger AS $$ "
                   f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END; $$ LANGUAGE plpgsql")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION trucewatch_audit_append_only()")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                   "FOR EACH STATEMENT EXECUTE FUNCTION trucewatch_audit_append_only()")


def _digest(data) -> str:  # as trucewatch.audit.versions.digest_of, frozen here
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _backfill(bind) -> None:
    """Parties, admin1 and first versions for incidents and findings stored before this revision."""
    incidents = sa.table("incidents", sa.column("id"), sa.column("data", sa.JSON), sa.column("updated_at", TZ),
                         sa.column("admin1"))
    findings = sa.table("findings", sa.column("truce"), sa.column("incident_id"), sa.column("data", sa.JSON),
                        sa.column("checked_at", TZ))
    parties = sa.table("incident_parties", *(sa.column(c) for c in ("incident_id", "party", "name", "country", "grade")))
    versions = sa.table("record_versions", *(sa.column(c) for c in (
        "kind", "key", "version", "review_status", "digest", "changed_at", "changed_by", "deleted_at", "replaced_by")))
    if bind.scalar(sa.select(sa.func.count()).select_from(versions)):
        return  # already done (tables pre-existed)
    now = datetime.now(timezone.utc)
    version_rows, party_rows = [], []
    for row in bind.execute(sa.select(incidents.c.id, incidents.c.data, incidents.c.updated_at)):
        data = row.data if isinstance(row.data, dict) else json.loads(row.data)
        admin1 = (data.get("location") or {}).get("admin1")
        if admin1:
            bind.execute(incidents.update().where(incidents.c.id == row.id).values(admin1=admin1))
        seen = set()
        for party in data.get("parties") or []:
            key = str(party.get("party") or "")[:200]
            if key and key not in seen:
                seen.add(key)
                party_rows.append({"incident_id": row.id, "party": key, "name": party.get("name"),
                                   "country": party.get("country"), "grade": party.get("grade") or ""})
        version_rows.append(_version_row("incident", row.id, _digest(data), row.updated_at or now))
    for row in bind.execute(sa.select(findings.c.truce, findings.c.incident_id, findings.c.data,
                                      findings.c.checked_at)):
        data = row.data if isinstance(row.data, dict) else json.loads(row.data)
        version_rows.append(_version_row("finding", f"{row.truce}|{row.incident_id}", _digest(data),
                                         row.checked_at or now))
    if party_rows:
        bind.execute(parties.insert(), party_rows)
    if version_rows:
        bind.execute(versions.insert(), version_rows)


def _version_row(kind: str, key: str, digest: str, at) -> dict:
    return {"kind": kind, "key": key, "version": 1, "review_status": "machine", "digest": digest,
            "changed_at": at, "changed_by": "machine", "deleted_at": None, "replaced_by": None}


def upgrade() -> None:
    bind = op.get_bind()
    for name, columns in _tables():
        if _missing(name):
            op.create_table(name, *columns)
    if "admin1" not in {c["name"] for c in _inspector().get_columns("incidents")}:
        op.add_column("incidents", sa.Column("admin1", sa.Text, nullable=True))
    for index, table, columns in INDEXES:
        if index not in {i["name"] for i in _inspector().get_indexes(table)}:
            op.create_index(index, table, columns)
    # Expression indexes are not listed by every inspector: IF NOT EXISTS keeps this re-runnable.
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_incidents_sort ON incidents (coalesce(start, {UNDATED_SORT}), id)")
    _append_only(bind.dialect.name)
    _backfill(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS trucewatch_audit_append_only()")
    op.execute("DROP INDEX IF EXISTS ix_incidents_sort")
    op.drop_index("ix_incidents_lat_lon", table_name="incidents")
    op.drop_index("ix_findings_truce_verdict", table_name="findings")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("admin1")
    for name in ("incident_parties", "truces", "saved_searches", "login_failures", "api_tokens", "sessions",
                 "users", "record_versions", "audit_log"):
        op.drop_table(name)
