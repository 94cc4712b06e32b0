"""Merging, splitting and undoing incidents from the server, with optimistic concurrency: the
operation names the version of the incident the person looked at, and is refused (StaleEdit)
when somebody changed that incident since. The operations themselves are the incidents' journal
(trucewatch.incidents.stored), replayed after every automatic fusion, so they last."""
from __future__ import annotations

from datetime import datetime, timezone

from trucewatch.audit.log import Actor, writing
from trucewatch.audit.versions import StaleEdit, checked_version, history

from .state import ensure_version, read_state, require_record


def version_guard(store, kind: str, key: str, version: int | None):
    """A check for the saving transaction: StaleEdit when the record moved past `version`
    (None: no check, for the CLI)."""
    if checked_version(kind, key, version) is None:
        return None

    def guard(connection) -> None:
        require_record(connection, kind, key)
        ensure_version(connection, kind, key, datetime.now(timezone.utc))
        current = read_state(connection, kind, key).version
        if current != version:
            raise StaleEdit(kind, key, version, current, history(store, kind, key, after_version=version))
    return guard


def check_version(store, kind: str, key: str, version: int | None) -> None:
    """StaleEdit at once when the record moved past `version`, before the slow re-fusion (which
    checks again while it saves, for a change made meanwhile)."""
    guard = version_guard(store, kind, key, version)
    if guard is not None:
        with writing(store) as connection:
            guard(connection)


def merge(store, incident_id: str, other: str, *, version: int | None, actor: Actor, reason: str | None = None):
    from trucewatch.incidents.stored import merge_stored

    check_version(store, "incident", incident_id, version)
    return merge_stored(store, incident_id, other, actor=actor, reason=reason,
                        guard=version_guard(store, "incident", incident_id, version))


def split(store, incident_id: str, event_ids: list[str], *, version: int | None, actor: Actor,
          reason: str | None = None):
    from trucewatch.incidents.stored import split_stored

    check_version(store, "incident", incident_id, version)
    return split_stored(store, incident_id, event_ids, actor=actor, reason=reason,
                        guard=version_guard(store, "incident", incident_id, version))


def undo(store, op_id: str, *, actor: Actor, reason: str | None = None):
    from trucewatch.incidents.stored import undo_stored

    return undo_stored(store, op_id, actor=actor, reason=reason)


def journal_of(store, incident_id: str) -> list[dict]:
    """The manual operations that touched an incident (by its id or its events), newest first."""
    from trucewatch.incidents.persist import load_journal

    ops, _ = load_journal(store)
    own = set(_events_of(store, incident_id))
    mine = []
    for op in ops:
        args = op.args
        events = set(args.get("a_events") or []) | set(args.get("b_events") or []) | set(args.get("incident_events") or [])
        if incident_id in (args.get("a"), args.get("b"), args.get("incident")) or events & own:
            mine.append(op.as_dict())
    return list(reversed(mine))


def _events_of(store, incident_id: str) -> list[str]:
    import sqlalchemy as sa

    from trucewatch.incidents.tables import incident_mentions

    with store.engine.connect() as connection:
        return list(connection.scalars(sa.select(incident_mentions.c.event_id)
                                       .where(incident_mentions.c.incident_id == incident_id)))
