"""Appending to the audit log and reading an object's history.

`append` takes the caller's open transaction, so a change and its audit row commit together or
not at all: every accepted write is in the log exactly once.
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from .tables import audit_log

VIAS = ("web", "api", "cli", "system")


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user (through the web pages or the API) or a command run at a shell."""

    name: str
    user_id: int | None = None
    via: str = "cli"

    @classmethod
    def command_line(cls) -> "Actor":
        """The person at the shell, as the operating system names them."""
        try:
            who = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name (containers): still say it was the CLI
            who = "unknown"
        return cls(name=f"cli:{who}", via="cli")


SYSTEM = Actor(name="system", via="system")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    user_name: str
    via: str
    action: str
    kind: str
    key: str
    version: int | None
    before: Any
    after: Any
    reason: str | None

    def as_dict(self) -> dict:
        return {"id": self.id, "at": self.at.isoformat(), "user": self.user_name, "via": self.via,
                "action": self.action, "kind": self.kind, "key": self.key, "version": self.version,
                "before": self.before, "after": self.after, "reason": self.reason}


def now() -> datetime:
    return datetime.now(timezone.utc)


def append(connection: sa.Connection, actor: Actor, action: str, kind: str, key: str, *,
           before: Any = None, after: Any = None, reason: str | None = None,
           version: int | None = None) -> None:
    """One audit row, in the caller's transaction."""
    connection.execute(audit_log.insert().values(
        at=now(), user_id=actor.user_id, user_name=actor.name, via=actor.via, action=action,
        kind=kind, key=str(key), version=version, before=before, after=after,
        reason=(reason or None)))


def ensure_tables(store) -> None:
    """The audit tables on a bare engine stand-in (scripts, tests); a Store's migrations made them."""
    if hasattr(store, "transaction"):
        return
    from .tables import AUDIT_TABLES

    for table in AUDIT_TABLES:
        table.create(store.engine, checkfirst=True)


def writing(store):
    """A write transaction on the store; for a bare engine stand-in, the engine's own transaction
    after creating the audit tables migrations would have made."""
    if hasattr(store, "transaction"):
        return store.transaction()
    ensure_tables(store)
    return store.engine.begin()


def _entry(row) -> AuditEntry:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=timezone.utc)  # SQLite drops the zone
    return AuditEntry(row.id, at, row.user_name, row.via, row.action, row.kind, row.key, row.version,
                      row.before, row.after, row.reason)


def history(store, kind: str, key: str, *, after_version: int | None = None,
            limit: int = 500) -> list[AuditEntry]:
    """The object's changes, oldest first (only those after `after_version` when given)."""
    query = (sa.select(audit_log).where(audit_log.c.kind == kind, audit_log.c.key == str(key))
             .order_by(audit_log.c.id).limit(limit))
    if after_version is not None:
        query = query.where(audit_log.c.version > after_version)
    with store.engine.connect() as connection:
        return [_entry(row) for row in connection.execute(query)]


def recent(store, *, kinds: list[str] | None = None, limit: int = 100) -> list[AuditEntry]:
    """The newest entries first (of some kinds only when given)."""
    query = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if kinds:
        query = query.where(audit_log.c.kind.in_(kinds))
    with store.engine.connect() as connection:
        return [_entry(row) for row in connection.execute(query)]
