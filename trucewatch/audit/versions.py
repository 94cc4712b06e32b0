"""Record versions: optimistic concurrency for people, change tracking for machines, tombstones.

A person's edit names the version it was made on; `bump` refuses it with `StaleEdit` when the
record moved on meanwhile, and the error carries the changes made since, so a page can show the
other person's change beside one's own. Machine writers (re-fusion, a truce check) call
`sync_machine` with a digest per record: only records whose content changed get a new version
and change time, and records that vanished become tombstones for `GET /api/v1/deleted`.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

import sqlalchemy as sa
import yaml

from trucewatch.errors import Conflict, NotFound, TruceWatchError

from .log import AuditEntry, history
from .tables import record_versions

MACHINE = "machine"
MAX_VERSION = 2**31 - 1  # the versions column is a 32-bit integer on PostgreSQL


@lru_cache(maxsize=1)
def _statuses() -> dict:
    text = resources.files("trucewatch.audit").joinpath("data/review_statuses.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def review_statuses() -> list[str]:
    """Every review status a record can carry, `machine` (nobody has looked yet) first."""
    return list(_statuses()["statuses"])


def initial_status() -> str:
    return _statuses()["initial"]


def digest_of(data) -> str:
    """A short, stable hash of JSON-ready content (key order does not matter)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


class StaleEdit(Conflict):
    """An edit made on an old version: somebody else changed the record first."""

    def __init__(self, kind: str, key: str, expected: int, current: int, changes: list[AuditEntry]):
        self.kind, self.key, self.expected, self.current, self.changes = kind, key, expected, current, changes
        who = ", ".join(sorted({c.user_name for c in changes})) or "another writer"
        super().__init__(
            f"The {kind} '{key}' was changed by {who} since you opened it (you edited version {expected}, "
            f"it is now at version {current}); nothing was saved. Look at their change and edit again.")


@dataclass(frozen=True)
class VersionInfo:
    version: int
    review_status: str
    changed_at: datetime
    changed_by: str
    deleted_at: datetime | None


def _info(row) -> VersionInfo:
    return VersionInfo(row.version, row.review_status, as_utc(row.changed_at), row.changed_by,
                       as_utc(row.deleted_at))


def current(connection: sa.Connection, kind: str, key: str) -> VersionInfo | None:
    row = connection.execute(sa.select(record_versions).where(
        record_versions.c.kind == kind, record_versions.c.key == key)).first()
    return _info(row) if row else None


def create(connection: sa.Connection, kind: str, key: str, by: str, at: datetime) -> int:
    """Version 1 of a new record (a record deleted earlier under the same key is revived at its next version)."""
    found = current(connection, kind, key)
    if found is None:
        connection.execute(record_versions.insert().values(
            kind=kind, key=key, version=1, review_status=initial_status(), digest=None,
            changed_at=at, changed_by=by, deleted_at=None, replaced_by=None))
        return 1
    if found.deleted_at is None:
        raise Conflict(f"A {kind} named '{key}' exists already.")
    connection.execute(record_versions.update().where(
        record_versions.c.kind == kind, record_versions.c.key == key).values(
        version=found.version + 1, changed_at=at, changed_by=by, deleted_at=None, replaced_by=None))
    return found.version + 1


def checked_version(kind: str, key: str, version) -> int | None:
    """The version an edit names, if it is one a record can have (None: no check). A client's
    garbage (0, "2", true, 2**70) is bad input named in a sentence, not a query the database
    driver fails on (SQLite cannot bind an integer past 64 bits)."""
    if version is None:
        return None
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        raise TruceWatchError(f"{version!r} is not a version of the {kind} '{key}' (versions are whole numbers "
                              f"from 1 to {MAX_VERSION}); nothing was saved. Reload it and edit again.")
    return version


def bump(connection: sa.Connection, store, kind: str, key: str, expected: int | None, by: str,
         at: datetime) -> int:
    """The record's next version, if it is still at `expected` (None: whatever it is, for commands
    that are authoritative, like `check` re-reading a truce file). StaleEdit otherwise."""
    table = record_versions
    expected = checked_version(kind, key, expected)
    condition = [table.c.kind == kind, table.c.key == key, table.c.deleted_at.is_(None)]
    if expected is not None:
        condition.append(table.c.version == expected)
    updated = connection.execute(table.update().where(*condition).values(
        version=table.c.version + 1, changed_at=at, changed_by=by))
    found = current(connection, kind, key)
    if updated.rowcount == 1 and found is not None:
        return found.version
    if found is None or found.deleted_at is not None:
        raise NotFound(f"There is no {kind} '{key}'.")
    raise StaleEdit(kind, key, expected, found.version, history(store, kind, key, after_version=expected))


def mark_deleted(connection: sa.Connection, kind: str, key: str, by: str, at: datetime) -> int:
    table = record_versions
    connection.execute(table.update().where(table.c.kind == kind, table.c.key == key).values(
        version=table.c.version + 1, changed_at=at, changed_by=by, deleted_at=at))
    found = current(connection, kind, key)
    return found.version if found else 0


def sync_machine(connection: sa.Connection, kind: str, digests: dict[str, str], *, at: datetime,
                 scope_prefix: str | None = None, replaced_by: dict[str, str] | None = None,
                 previous: set[str] | frozenset[str] = frozenset(), by: str = MACHINE) -> dict[str, datetime]:
    """Record what a machine writer now holds for `kind` (key -> digest of the content).

    New keys start at version 1, changed digests get the next version, keys no longer present
    (among those starting with `scope_prefix`, when given, and the `previous` keys the writer
    knows it held) become tombstones. Returns every present key's last change time, so writers
    keep "updated at" stable for unchanged records.
    """
    table = record_versions
    query = sa.select(table.c.key, table.c.digest, table.c.changed_at, table.c.deleted_at).where(
        table.c.kind == kind)
    if scope_prefix is not None:
        query = query.where(table.c.key.startswith(scope_prefix, autoescape=True))
    known = {row.key: row for row in connection.execute(query)}
    inserts, updates, changed_at = [], [], {}
    for key, digest in digests.items():
        row = known.get(key)
        if row is None:
            inserts.append({"kind": kind, "key": key, "version": 1, "review_status": initial_status(),
                            "digest": digest, "changed_at": at, "changed_by": by, "deleted_at": None,
                            "replaced_by": None})
            changed_at[key] = at
        elif row.digest != digest or row.deleted_at is not None:
            updates.append({"k": kind, "kk": key, "digest": digest})
            changed_at[key] = at
        else:
            changed_at[key] = as_utc(row.changed_at)
    for start in range(0, len(inserts), 5000):
        connection.execute(table.insert(), inserts[start:start + 5000])
    if updates:
        statement = table.update().where(
            table.c.kind == sa.bindparam("k"), table.c.key == sa.bindparam("kk")).values(
            version=table.c.version + 1, digest=sa.bindparam("digest"), changed_at=at, changed_by=by,
            deleted_at=None, replaced_by=None)
        connection.execute(statement, updates)
    gone = [{"k": kind, "kk": key, "replaced": (replaced_by or {}).get(key)}
            for key, row in known.items() if key not in digests and row.deleted_at is None]
    unrecorded = sorted(key for key in previous if key not in digests and key not in known)
    if unrecorded:  # held before any version was recorded for it: its tombstone is its first row
        connection.execute(table.insert(), [
            {"kind": kind, "key": key, "version": 1, "review_status": initial_status(), "digest": None,
             "changed_at": at, "changed_by": by, "deleted_at": at, "replaced_by": (replaced_by or {}).get(key)}
            for key in unrecorded])
    if gone:
        statement = table.update().where(
            table.c.kind == sa.bindparam("k"), table.c.key == sa.bindparam("kk")).values(
            version=table.c.version + 1, changed_at=at, changed_by=by, deleted_at=at,
            replaced_by=sa.bindparam("replaced"))
        connection.execute(statement, gone)
    return changed_at


@dataclass(frozen=True)
class Tombstone:
    kind: str
    key: str
    deleted_at: datetime
    replaced_by: str | None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.key, "deleted_at": self.deleted_at.isoformat(),
                "replaced_by": self.replaced_by}


def deleted_since(store, since: datetime, *, kinds: list[str] | None = None, after: tuple | None = None,
                  limit: int = 100) -> list[Tombstone]:
    """Records deleted at or after `since`, oldest deletion first; `after` = (deleted_at, kind, key)
    of the last one already seen, for paging."""
    table = record_versions
    query = sa.select(table.c.kind, table.c.key, table.c.deleted_at, table.c.replaced_by).where(
        table.c.deleted_at.is_not(None), table.c.deleted_at >= since)
    if kinds:
        query = query.where(table.c.kind.in_(kinds))
    if after is not None:
        at, kind, key = after
        query = query.where(sa.or_(
            table.c.deleted_at > at,
            sa.and_(table.c.deleted_at == at, table.c.kind > kind),
            sa.and_(table.c.deleted_at == at, table.c.kind == kind, table.c.key > key)))
    query = query.order_by(table.c.deleted_at, table.c.kind, table.c.key).limit(limit)
    with store.engine.connect() as connection:
        return [Tombstone(r.kind, r.key, as_utc(r.deleted_at), r.replaced_by) for r in connection.execute(query)]
