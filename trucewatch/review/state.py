"""A record's review state as `record_versions` holds it (version, status, assignee), for records
of any kind; events stored at ingest get their row the first time somebody reviews them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from trucewatch.audit.tables import record_versions
from trucewatch.audit.versions import as_utc, initial_status
from trucewatch.errors import Conflict, NotFound
from trucewatch.incidents.tables import findings, incidents
from trucewatch.store.schema import events

from .sql import insert_missing


@dataclass(frozen=True)
class ReviewState:
    kind: str
    key: str
    version: int
    status: str
    assignee: str | None
    changed_at: datetime | None
    changed_by: str | None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "key": self.key, "version": self.version, "review_status": self.status,
                "assignee": self.assignee, "changed_at": self.changed_at.isoformat() if self.changed_at else None,
                "changed_by": self.changed_by}


def split_finding_key(key: str) -> tuple[str, str]:
    truce, _, incident_id = key.rpartition("|")
    return truce, incident_id


def record_exists(connection: sa.Connection, kind: str, key: str) -> bool:
    """Whether the record is stored now (a merged-away incident or a renumbered event is not)."""
    if kind == "event":
        query = sa.select(events.c.id).where(events.c.id == key)
    elif kind == "incident":
        query = sa.select(incidents.c.id).where(incidents.c.id == key)
    elif kind == "finding":
        truce, incident_id = split_finding_key(key)
        query = sa.select(findings.c.incident_id).where(findings.c.truce == truce, findings.c.incident_id == incident_id)
    else:
        return False
    return connection.execute(query).first() is not None


def live_key(connection: sa.Connection, kind: str, key: str) -> str | None:
    """The id a record goes by now: itself, or (incidents and findings) the incident a re-fusion,
    merge or split moved it into; None when it is gone."""
    if record_exists(connection, kind, key):
        return key
    if kind not in ("incident", "finding"):
        return None
    from trucewatch.incidents.incident_set import follow_aliases
    from trucewatch.incidents.tables import incident_aliases

    truce, incident_id = split_finding_key(key) if kind == "finding" else (None, key)
    aliases = dict(connection.execute(sa.select(incident_aliases.c.alias, incident_aliases.c.incident_id)).all())
    target = follow_aliases(incident_id, aliases, ())
    if target == incident_id:
        return None
    found = target if kind == "incident" else f"{truce}|{target}"
    return found if record_exists(connection, kind, found) else None


def require_record(connection: sa.Connection, kind: str, key: str) -> None:
    """NotFound for a record that is not stored; Conflict (409) for one a re-fusion, merge or split
    moved since the caller looked at it, naming where it went."""
    if record_exists(connection, kind, key):
        return
    moved = live_key(connection, kind, key)
    if moved is not None:
        raise Conflict(f"The {kind} '{key}' was merged, split or re-fused into '{moved}' since you opened it; "
                       "nothing was saved. Open that one and decide again.")
    raise NotFound(f"There is no {kind} '{key}' (merged, split or re-extracted records get new ids; "
                   "the old id's page says where it went).")


def ensure_version(connection: sa.Connection, kind: str, key: str, at: datetime, by: str = "machine") -> None:
    """A version row for a record that has none yet (version 1, status `machine`)."""
    insert_missing(connection, record_versions, {
        "kind": kind, "key": key, "version": 1, "review_status": initial_status(), "assignee": None,
        "digest": None, "changed_at": at, "changed_by": by, "deleted_at": None, "replaced_by": None})


def read_state(connection: sa.Connection, kind: str, key: str) -> ReviewState:
    row = connection.execute(sa.select(record_versions).where(
        record_versions.c.kind == kind, record_versions.c.key == key)).first()
    if row is None:
        return ReviewState(kind, key, 1, initial_status(), None, None, None)
    return ReviewState(kind, key, row.version, row.review_status, row.assignee, as_utc(row.changed_at), row.changed_by)


def states(connection: sa.Connection, kind: str, keys: list[str]) -> dict[str, ReviewState]:
    """The states of many records of one kind (those without a row are left out)."""
    found = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        query = sa.select(record_versions).where(record_versions.c.kind == kind, record_versions.c.key.in_(chunk))
        for row in connection.execute(query):
            found[row.key] = ReviewState(kind, row.key, row.version, row.review_status, row.assignee,
                                         as_utc(row.changed_at), row.changed_by)
    return found


def write_fields(connection: sa.Connection, kind: str, key: str, **values) -> None:
    """Set review fields (review_status, assignee) of a row that exists; no version change."""
    if values:
        connection.execute(record_versions.update().where(
            record_versions.c.kind == kind, record_versions.c.key == key).values(**values))


def read(store, kind: str, key: str) -> ReviewState:
    """The review state of a stored record, or of the one it was moved into (its `key` says which);
    NotFound when it is gone."""
    with store.engine.connect() as connection:
        found = live_key(connection, kind, key)
        if found is None:
            require_record(connection, kind, key)
        return read_state(connection, kind, found)


def record_history(store, kind: str, key: str) -> list:
    """A record's audit entries, oldest first; an event's include those made under the ids its
    review had before re-extraction renumbered it."""
    from trucewatch.audit.export import entries

    keys = [key]
    if kind == "event":
        from .overrides import former_ids

        keys = [*former_ids(store, key), key]
    return list(entries(store, kind=kind, keys=keys))
