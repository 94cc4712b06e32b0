"""Incidents as a database holds them: what `trucewatch incidents` (and any other front end) reads
and changes.

Reading uses the tables the last fusion wrote, so it is quick. A manual operation re-fuses the
stored events with the stored journal, applies the operation, and saves incidents and journal
together: the operation then survives every later fusion (`trucewatch check` replays it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from trucewatch.errors import TruceWatchError

from .incident_set import IncidentSet, Operation
from .model import Incident, Mention
from .persist import engine_of, fuse_and_save, load_journal, ready_engine
from .tables import findings, incident_aliases, incident_mentions, incidents


def where(target) -> str:
    """The database URL for messages, password hidden."""
    return engine_of(target).url.render_as_string(hide_password=True)


def _no_incident(target, conn: sa.Connection, incident_id: str) -> TruceWatchError:
    if conn.scalar(sa.select(sa.func.count()).select_from(incidents)) == 0:
        return TruceWatchError(
            f"no incident '{incident_id}' in {where(target)}: run `trucewatch check TRUCE.yaml` (or "
            "`trucewatch incidents fuse`) first to fuse incidents")
    return TruceWatchError(
        f"no incident '{incident_id}' in {where(target)}, now or before a merge or split: "
        "`trucewatch incidents list` shows the ids")


@dataclass
class Lookup:
    """A stored incident found by an id: its own, one merged or split away, or one of its events'."""

    asked: str
    incident: dict
    via: str | None = None  # None | "alias" (merged or split away) | "event" (an event id)
    mentions: list[Mention] = field(default_factory=list)
    missing_events: list[str] = field(default_factory=list)  # mentioned, but no longer stored

    @property
    def note(self) -> str | None:
        """Why the incident shown has another id than the one asked for."""
        if self.via == "alias":
            return (f"'{self.asked}' was merged or split away; it now resolves to incident "
                    f"{self.incident['id']}")
        if self.via == "event":
            return f"event {self.asked} belongs to incident {self.incident['id']}"
        return None

    def as_dict(self) -> dict:
        data = dict(self.incident)
        data.pop("event_ids", None)
        data["mentions"] = [{**m.contract(), "outlet": m.outlet} for m in self.mentions]
        data["missing_events"] = self.missing_events
        if self.via:
            data["resolved_from"] = {"id": self.asked, "via": self.via}
        return data


def stored_incidents(target, *, limit: int | None = None) -> list[dict]:
    """Stored incidents as JSON-ready dicts (event ids, no texts), earliest first."""
    engine = ready_engine(target)
    query = sa.select(incidents.c.data).order_by(incidents.c.start.is_(None), incidents.c.start,
                                                 incidents.c.id)
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [dict(r.data) for r in conn.execute(query)]


def _resolve_id(conn: sa.Connection, incident_id: str) -> tuple[str | None, str | None]:
    """(stored incident id, how it was found) following the alias chain, or an event id."""
    current, seen = incident_id, set()
    while current not in seen:
        seen.add(current)
        if conn.scalar(sa.select(incidents.c.id).where(incidents.c.id == current)):
            return current, ("alias" if current != incident_id else None)
        current = conn.scalar(sa.select(incident_aliases.c.incident_id)
                              .where(incident_aliases.c.alias == current))
        if current is None:
            break
    owner = conn.scalar(sa.select(incident_mentions.c.incident_id)
                        .where(incident_mentions.c.event_id == incident_id))
    return (owner, "event") if owner else (None, None)


def find_incident(target, incident_id: str, *, with_mentions: bool = True) -> Lookup:
    """The stored incident an id names (following merges and splits), with every mention."""
    engine = ready_engine(target)
    with engine.connect() as conn:
        found, via = _resolve_id(conn, incident_id.strip())
        if found is None:
            raise _no_incident(target, conn, incident_id)
        data = dict(conn.scalar(sa.select(incidents.c.data).where(incidents.c.id == found)))
        lookup = Lookup(incident_id, data, via)
        if with_mentions:
            lookup.mentions, lookup.missing_events = _mentions(conn, data.get("event_ids", []))
    return lookup


def _mentions(conn: sa.Connection, event_ids: list[str]) -> tuple[list[Mention], list[str]]:
    """The stored documents and events behind event ids; ids whose event is gone are listed apart."""
    from trucewatch.store import rows, schema  # the storage package: only needed for mentions

    found: dict[str, Mention] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start:start + 500]
        query = (sa.select(schema.events.c.record, *schema.documents.c)
                 .join(schema.documents, schema.events.c.document_id == schema.documents.c.id)
                 .where(schema.events.c.id.in_(chunk)))
        for row in conn.execute(query):
            event = rows.event_from_row(row)
            found[event.id] = Mention(rows.document_from_row(row), event)
    mentions = sorted(found.values(), key=Mention.sort_key)
    return mentions, [e for e in event_ids if e not in found]


# -- manual operations ------------------------------------------------------------------------

def _check_ids(target, *ids: str) -> None:
    """A sentence naming the database before any re-fusion, when an id is unknown there."""
    engine = ready_engine(target)
    with engine.connect() as conn:
        for incident_id in ids:
            found, via = _resolve_id(conn, incident_id)
            if found is None or via == "event":
                raise _no_incident(target, conn, incident_id)


def _apply(target, change, audit, guard=None) -> tuple[IncidentSet, str]:
    """Re-fuse with the stored journal, apply one change, save incidents, journal and the change's
    audit rows together (`audit(connection, incident_set, op_id)`); made again on a fresh fusion
    when somebody else changed the journal meanwhile, so neither operation erases the other.
    `guard(connection)` runs first in the saving transaction (a person's version check): what
    it raises leaves everything as it was."""
    from trucewatch.audit.log import ensure_tables

    def checked_audit(connection, incident_set: IncidentSet, op_id: str) -> None:
        if guard is not None:
            guard(connection)
        audit(connection, incident_set, op_id)

    ensure_tables(target)
    return fuse_and_save(target, change, also=checked_audit)


def _operation(incident_set: IncidentSet, op_id: str) -> Operation:
    return next(op for op in incident_set.journal if op.op_id == op_id)


def _audit(connection: sa.Connection, actor, action: str, keys: list[str], op: Operation,
           reason: str | None) -> None:
    """One audit entry per incident the operation touched, so each one's history shows it."""
    from trucewatch.audit.log import Actor, append

    actor = actor or Actor.command_line()
    for key in dict.fromkeys(keys):
        append(connection, actor, action, "incident", key, after=op.as_dict(), reason=reason)


def merge_stored(target, a: str, b: str, *, actor=None, reason: str | None = None,
                 guard=None) -> tuple[Operation, Incident]:
    """Merge incident b into a for good; returns the journal entry and the merged incident.
    `guard(connection)` checks, in the saving transaction, that the merge may still be made."""
    _check_ids(target, a, b)
    a, b = a.strip(), b.strip()

    def audit(connection, incident_set: IncidentSet, op_id: str) -> None:
        op = _operation(incident_set, op_id)
        _audit(connection, actor, "merge", [incident_set.resolve(a).id, a, b], op, reason)

    incident_set, op_id = _apply(target, lambda s: s.merge(a, b), audit, guard)
    return _operation(incident_set, op_id), incident_set.resolve(a)


def expand_event_ids(incident: Incident, given: list[str]) -> list[str]:
    """Full event ids from what a user typed: full ids, or the short "<12 hex>:<n>" form shown."""
    full = []
    for text in given:
        text = text.strip()
        if text in incident.event_ids:
            full.append(text)
            continue
        prefix, _, n = text.rpartition(":")
        matches = [e for e in incident.event_ids
                   if prefix and e.rpartition(":")[2] == n and e.rpartition(":")[0].startswith(prefix)]
        if len(matches) != 1:
            reason = "matches several of its events" if matches else "is not one of its events"
            raise TruceWatchError(f"event '{text}' {reason} in incident {incident.id}: "
                                  f"`trucewatch incidents show {incident.id}` lists them")
        full.append(matches[0])
    return full


def split_stored(target, incident_id: str, event_ids: list[str], *, actor=None,
                 reason: str | None = None, guard=None) -> tuple[Operation, list[Incident]]:
    """Move events out of an incident into a new one for good; returns the entry and both parts
    (`guard` as for merge_stored)."""
    _check_ids(target, incident_id)
    incident_id = incident_id.strip()
    event_ids = [text for text in event_ids if text.strip()]
    if not event_ids:  # (a page's form with no event ticked) the split would move nothing
        raise TruceWatchError(f"Name the events to move out of incident {incident_id}; none was named.")
    moving: list[str] = []

    def change(incident_set: IncidentSet) -> str:
        moving[:] = expand_event_ids(incident_set.resolve(incident_id), event_ids)
        return incident_set.split(incident_id, moving)

    def parts_of(incident_set: IncidentSet) -> list[Incident]:
        return [incident_set.resolve(incident_id), incident_set.incident_of_event(moving[0])]

    def audit(connection, incident_set: IncidentSet, op_id: str) -> None:
        keys = [incident_id, *(part.id for part in parts_of(incident_set))]
        _audit(connection, actor, "split", keys, _operation(incident_set, op_id), reason)

    incident_set, op_id = _apply(target, change, audit, guard)
    return _operation(incident_set, op_id), parts_of(incident_set)


def undo_stored(target, op_id: str, *, actor=None, reason: str | None = None) -> tuple[Operation, IncidentSet]:
    """Drop one manual operation from the replay for good; returns it and the incidents now."""
    op_id = op_id.strip()
    ops, _ = load_journal(target)
    known = {op.op_id: op for op in ops}
    if op_id not in known:
        raise TruceWatchError(f"no operation '{op_id}' in the journal of {where(target)}: "
                              "`trucewatch incidents journal` lists them")
    if known[op_id].undone:
        raise TruceWatchError(f"operation '{op_id}' in {where(target)} was already undone")

    def audit(connection, incident_set: IncidentSet, _) -> None:
        op = _operation(incident_set, op_id)
        args = op.args
        touched = [args.get("a"), args.get("b"), args.get("incident")]
        owner = {event_id: incident.id for incident in incident_set for event_id in incident.event_ids}
        touched += [owner[e] for e in (args.get("a_events") or []) + (args.get("incident_events") or [])
                    if e in owner]
        _audit(connection, actor, "undo", [key for key in touched if key], op, reason)

    incident_set, _ = _apply(target, lambda s: s.undo(op_id), audit)
    return _operation(incident_set, op_id), incident_set


def refuse_stored(target, *, fuser=None, all_events: bool = False) -> IncidentSet:
    """Fuse the stored events into incidents (replaying the journal) and save them (each report's
    main and salient events; `all_events`: every event but background mentions)."""
    return fuse_and_save(target, fuser=fuser, all_events=all_events)[0]


def has_findings(target) -> bool:
    """Whether truce findings are stored (a manual change makes them out of date)."""
    engine = ready_engine(target)
    with engine.connect() as conn:
        return bool(conn.scalar(sa.select(sa.func.count()).select_from(findings)))
