"""The soft "being edited by X" notice: an open edit form says so every minute or so, and the
notice lapses by itself `presence_seconds` after the last word. It is a notice, never a lock:
saving never looks at it (versions are what stop a silent overwrite)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from trucewatch.audit.log import writing
from trucewatch.audit.versions import as_utc

from .rules import check_kind, presence_seconds
from .sql import upsert
from .tables import edit_presence


@dataclass(frozen=True)
class Editing:
    user: str
    since: datetime
    until: datetime

    def as_dict(self) -> dict:
        return {"user": self.user, "since": self.since.isoformat(), "until": self.until.isoformat()}


def _now() -> datetime:
    return datetime.now(timezone.utc)


def editing(store, kind: str, key: str, *, besides: str | None = None, at: datetime | None = None) -> list[Editing]:
    """Who else has the record's edit form open now (notices that lapsed are left out)."""
    at = at or _now()
    query = sa.select(edit_presence).where(edit_presence.c.kind == kind, edit_presence.c.key == key,
                                           edit_presence.c.expires_at > at).order_by(edit_presence.c.since)
    with store.engine.connect() as connection:
        rows = list(connection.execute(query))
    return [Editing(row.user_name, as_utc(row.since), as_utc(row.expires_at)) for row in rows
            if row.user_name != besides]


def heartbeat(store, kind: str, key: str, user: str, *, at: datetime | None = None) -> list[Editing]:
    """`user` has the form open: note it until presence_seconds from now; returns the others."""
    check_kind(kind)
    at = at or _now()
    until = at + timedelta(seconds=presence_seconds())
    with writing(store) as connection:
        connection.execute(edit_presence.delete().where(edit_presence.c.expires_at <= at))
        since = connection.scalar(sa.select(edit_presence.c.since).where(
            edit_presence.c.kind == kind, edit_presence.c.key == key, edit_presence.c.user_name == user))
        upsert(connection, edit_presence, {"kind": kind, "key": key, "user_name": user, "since": since or at,
                                           "expires_at": until}, ["kind", "key", "user_name"])
    return editing(store, kind, key, besides=user, at=at)


def leave(store, kind: str, key: str, user: str) -> None:
    """The form was closed or saved: drop the notice at once."""
    with writing(store) as connection:
        connection.execute(edit_presence.delete().where(
            edit_presence.c.kind == kind, edit_presence.c.key == key, edit_presence.c.user_name == user))
