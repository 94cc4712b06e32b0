"""People's work on events (status, assignee, corrections), kept apart from the machine's output.

`events` holds what extraction made; `event_reviews` holds what people decided, one row per
reviewed event, anchored to its report and evidence (identity.py says how a review finds its
event again after re-extraction). Nothing here ever writes to `events`, so re-ingesting,
re-extracting and re-fusing can rewrite the machine's side freely: reviewed data is read through
`reviewed_events`, which applies corrections and leaves rejected events out. Fusion reads it, so
incidents and findings are always recomputed from reviewed data.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlalchemy as sa

from trucewatch.audit.log import SYSTEM, Actor, append, writing
from trucewatch.audit.versions import bump, initial_status
from trucewatch.errors import NotFound
from trucewatch.records import Event
from trucewatch.store import rows as store_rows
from trucewatch.store.schema import events

from .corrections import corrected, field_value, normalise
from .identity import Anchor, anchor_of, match
from .state import ensure_version, read_state, write_fields
from .tables import event_reviews

REJECTED = "rejected"


def now() -> datetime:
    return datetime.now(timezone.utc)


def _json(value):
    return json.loads(value) if isinstance(value, str) else (value if value is not None else {})


def _stored_event(connection: sa.Connection, event_id: str) -> tuple[Event, int] | None:
    row = connection.execute(sa.select(events.c.record, events.c.position).where(events.c.id == event_id)).first()
    return (store_rows.event_from_row(row), row.position) if row else None


def _review_of(connection: sa.Connection, event_id: str):
    return connection.execute(sa.select(event_reviews).where(event_reviews.c.event_id == event_id)).first()


def review_row(connection: sa.Connection, event_id: str, *, at: datetime, by: str):
    """The event's review row, created (anchored to the machine's event) if it has none."""
    found = _review_of(connection, event_id)
    if found is not None:
        return found
    stored = _stored_event(connection, event_id)
    if stored is None:
        raise NotFound(f"There is no event '{event_id}'.")
    event, position = stored
    state = read_state(connection, "event", event_id)
    from .sql import insert_missing

    insert_missing(connection, event_reviews, {
        **anchor_of(event, position).as_row(), "event_id": event_id, "former_ids": [], "changes": {}, "machine": {},
        "status": state.status, "assignee": state.assignee, "updated_at": at, "updated_by": by, "detached_at": None})
    return _review_of(connection, event_id)


def mirror(connection: sa.Connection, event_id: str, *, at: datetime, by: str, **values) -> None:
    """Copy a status or assignee change of an event into its durable review row."""
    row = review_row(connection, event_id, at=at, by=by)
    fields = {"status" if name == "review_status" else name: value for name, value in values.items()}
    connection.execute(event_reviews.update().where(event_reviews.c.id == row.id).values(
        **fields, updated_at=at, updated_by=by))


# -- corrections -------------------------------------------------------------------------------

@dataclass
class Correction:
    event: dict  # the corrected event in the record contract
    version: int
    changed: list[str]


def correct_event(store, event_id: str, changes: dict, *, version: int | None, actor: Actor,
                  reason: str | None = None) -> Correction:
    """Correct some of an event's fields (None removes a field's correction). `version` is the
    version the person edited; StaleEdit (409) if somebody changed the event since."""
    wanted = normalise(changes)
    at = now()
    with writing(store) as connection:
        stored = _stored_event(connection, event_id)
        if stored is None:
            raise NotFound(f"There is no event '{event_id}'.")
        machine_event, _ = stored
        ensure_version(connection, "event", event_id, at)
        new_version = bump(connection, store, "event", event_id, version, actor.name, at)
        row = review_row(connection, event_id, at=at, by=actor.name)
        changes_now, machine = dict(_json(row.changes)), dict(_json(row.machine))
        before = corrected(machine_event, changes_now)
        for name, value in wanted.items():
            if value is None:
                changes_now.pop(name, None)
                machine.pop(name, None)
            else:
                changes_now[name] = value
                machine.setdefault(name, field_value(machine_event, name))
        after = corrected(machine_event, changes_now)
        connection.execute(event_reviews.update().where(event_reviews.c.id == row.id).values(
            changes=changes_now, machine=machine, updated_at=at, updated_by=actor.name))
        append(connection, actor, "correct", "event", event_id,
               before={name: field_value(before, name) for name in wanted},
               after={name: field_value(after, name) for name in wanted}, reason=reason, version=new_version)
    return Correction(after.model_dump(mode="json"), new_version, sorted(wanted))


# -- re-attachment after re-extraction ---------------------------------------------------------

@dataclass
class Reattached:
    moved: dict[str, str] = field(default_factory=dict)  # old event id -> new event id
    detached: list[str] = field(default_factory=list)  # event ids whose act is no longer extracted
    attached: list[str] = field(default_factory=list)  # detached reviews that found their event again


def _document_events(connection: sa.Connection, document_id: str) -> list[tuple[int, Event]]:
    query = (sa.select(events.c.record, events.c.position).where(events.c.document_id == document_id)
             .order_by(events.c.position))
    return [(row.position, store_rows.event_from_row(row)) for row in connection.execute(query)]


def _consistent(connection: sa.Connection, rows) -> set[int]:
    """Review rows whose event id still names the event they were made on."""
    attached = {row.event_id: row for row in rows if row.event_id}
    good = set()
    ids = list(attached)
    for start in range(0, len(ids), 500):
        query = sa.select(events.c.id, events.c.record, events.c.position).where(events.c.id.in_(ids[start:start + 500]))
        for found in connection.execute(query):
            row = attached[found.id]
            from .identity import fits

            if fits(Anchor.from_row(row), store_rows.event_from_row(found), found.position):
                good.add(row.id)
    return good


def reattach(connection: sa.Connection, document_ids: list[str] | None = None, *, at: datetime | None = None,
             actor: Actor = SYSTEM) -> Reattached:
    """Point every review (of these reports, or all) at the event that carries its act now.

    Reviews whose event id still fits stay; the others are matched again (identity.match), their
    status and assignee carried to the new id's version row, and each move is an audit row.
    """
    at = at or now()
    query = sa.select(event_reviews)
    if document_ids is not None:
        if not document_ids:
            return Reattached()
        query = query.where(event_reviews.c.document_id.in_(document_ids))
    rows = list(connection.execute(query))
    result = Reattached()
    if not rows:
        return result
    good = _consistent(connection, rows)
    by_document = defaultdict(list)
    for row in rows:
        by_document[row.document_id].append(row)
    for document_id, group in by_document.items():
        if all(row.id in good for row in group):
            continue
        chosen = match([Anchor.from_row(row) for row in group], _document_events(connection, document_id),
                       [row.event_id if row.id in good else None for row in group])
        moving = [(row, new) for row, new in zip(group, chosen) if new != row.event_id]
        # free the ids first: two reviews may swap events, and event_id is unique
        for row, _ in moving:
            connection.execute(event_reviews.update().where(event_reviews.c.id == row.id).values(event_id=None))
        for row, new in moving:
            _move(connection, row, new, at, actor, result)
        # an id whose act moved away no longer carries that act's review (unless another came to it)
        taken = {new for _, new in moving if new}
        for row, _ in moving:
            if row.event_id and row.event_id not in taken:
                write_fields(connection, "event", row.event_id, review_status=initial_status(), assignee=None)
    return result


def _move(connection: sa.Connection, row, new: str | None, at: datetime, actor: Actor, result: Reattached) -> None:
    former = list(_json(row.former_ids) or [])
    if row.event_id and row.event_id not in former:
        former.append(row.event_id)
    connection.execute(event_reviews.update().where(event_reviews.c.id == row.id).values(
        event_id=new, former_ids=former, detached_at=None if new else (row.detached_at or at)))
    if new is None:
        if row.event_id:
            result.detached.append(row.event_id)
            append(connection, actor, "detach", "event", row.event_id, before={"event": row.event_id},
                   after={"event": None, "document": row.document_id},
                   reason="re-extraction no longer finds this act in its report; the review is kept")
        return
    ensure_version(connection, "event", new, at)
    write_fields(connection, "event", new, review_status=row.status, assignee=row.assignee)
    if row.event_id:
        result.moved[row.event_id] = new
    else:
        result.attached.append(new)
    append(connection, actor, "reattach", "event", new, before={"event": row.event_id or (former[-1] if former else None)},
           after={"event": new}, reason="re-extraction renumbered the report's events; the review follows its act")


# -- reading reviewed data ---------------------------------------------------------------------

def has_reviews(engine: sa.Engine) -> bool:
    if not sa.inspect(engine).has_table("event_reviews"):
        return False
    with engine.connect() as connection:
        return connection.execute(sa.select(event_reviews.c.id).limit(1)).first() is not None


def attached_reviews(connection: sa.Connection, event_ids: list[str] | None = None) -> dict[str, tuple[str, dict]]:
    """event id -> (status, corrections) of reviewed events (of these ids, or all)."""
    query = sa.select(event_reviews.c.event_id, event_reviews.c.status, event_reviews.c.changes).where(
        event_reviews.c.event_id.is_not(None))
    found = {}
    if event_ids is None:
        return {row.event_id: (row.status, _json(row.changes)) for row in connection.execute(query)}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start:start + 500]
        found.update({row.event_id: (row.status, _json(row.changes))
                      for row in connection.execute(query.where(event_reviews.c.event_id.in_(chunk)))})
    return found


def reviewed_events(source, *, shard: tuple[int, int] | None = None, reattach_first: bool = True) -> Iterator:
    """(Document, Event) pairs as people reviewed them: corrections applied, rejected events left
    out. `source` is a Store (anything with `.events()` and an `.engine`); without reviews its
    events come through untouched. `shard=(k, n)` reads the k-th of n slices of the documents (a
    Dask worker's share); workers pass `reattach_first=False` because the client re-attached the
    reviews once before they started (`reattach_reviews`), and they only read."""
    events_of = (lambda: source.events(shard=shard)) if shard is not None else source.events
    engine = getattr(source, "engine", None)
    if engine is None or not has_reviews(engine):
        yield from events_of()
        return
    if reattach_first:
        reattach_reviews(source)
    with engine.connect() as connection:
        reviews = attached_reviews(connection)
    for document, event in events_of():
        review = reviews.get(event.id)
        if review is None:
            yield document, event
        elif review[0] != REJECTED:
            yield document, corrected(event, review[1])


def reattach_reviews(store) -> None:
    """Let reviews follow their acts after a re-extraction renumbered events (before reading)."""
    if has_reviews(store.engine):
        with writing(store) as connection:
            reattach(connection)


def overlay(store, items: list[dict]) -> list[dict]:
    """API items of events (the record contract) with corrections applied, the machine's values
    beside them under `corrections`, and each event's assignee; `_pair` events too."""
    if not items or not has_reviews(store.engine):
        for item in items:
            item.setdefault("corrections", {})
        return items
    ids = [item["id"] for item in items]
    with store.engine.connect() as connection:
        query = sa.select(event_reviews).where(event_reviews.c.event_id.in_(ids))
        rows = {row.event_id: row for row in connection.execute(query)}
    for item in items:
        row = rows.get(item["id"])
        item["corrections"] = {}
        if row is None:
            continue
        changes, machine = _json(row.changes), _json(row.machine)
        if changes:
            pair = item.get("_pair")
            event = corrected(Event.model_validate({k: item[k] for k in Event.model_fields if k in item}), changes)
            fixed = event.model_dump(mode="json")
            item.update({name: fixed[name] for name in ("type", "plover", "cameo", "acled", *changes)})
            item["corrections"] = {name: {"machine": machine.get(name), "corrected": fixed.get(name)} for name in changes}
            if pair is not None:
                item["_pair"] = (pair[0], corrected(pair[1], changes))
        item["assignee"] = row.assignee
    return items


def detached_reviews(store) -> list[dict]:
    """Reviews whose act re-extraction no longer finds (kept, for people to look at)."""
    with store.engine.connect() as connection:
        query = sa.select(event_reviews).where(event_reviews.c.event_id.is_(None)).order_by(event_reviews.c.id)
        return [{"document": row.document_id, "former_ids": _json(row.former_ids), "anchor": [row.anchor_start, row.anchor_end],
                 "type": row.anchor_type, "status": row.status, "assignee": row.assignee, "changes": _json(row.changes),
                 "detached_at": row.detached_at.isoformat() if row.detached_at else None}
                for row in connection.execute(query)]


def former_ids(store, event_id: str) -> list[str]:
    """The ids an event's review was attached to before renumberings (for its whole history)."""
    with store.engine.connect() as connection:
        row = _review_of(connection, event_id)
    return list(_json(row.former_ids)) if row is not None else []


__all__ = ["correct_event", "reattach", "reattach_reviews", "reviewed_events", "overlay", "detached_reviews", "review_row", "mirror",
           "initial_status"]
