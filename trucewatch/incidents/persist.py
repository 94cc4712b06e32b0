"""Saving and reading incidents, aliases, the journal and findings (SQLAlchemy Core, any engine)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import sqlalchemy as sa

from trucewatch.audit.tables import record_versions
from trucewatch.audit.versions import digest_of, sync_machine
from trucewatch.errors import TruceWatchError
from trucewatch.review.carry import carry_findings, carry_forward, reopen_changed

from .api import fuse
from .incident_set import IncidentSet, Operation
from .tables import (OUR_TABLES, findings, incident_aliases, incident_journal, incident_mentions,
                     incident_parties, incidents)


def ensure_tables(engine: sa.Engine) -> None:
    """Create our tables if migrations have not (e.g. a bare engine in a script)."""
    for table in [*OUR_TABLES, record_versions]:
        table.create(engine, checkfirst=True)


def refresh_statistics(conn: sa.Connection, *tables: sa.Table) -> None:
    """After rewriting whole tables, let PostgreSQL's planner see them as they are now: right after
    a large fusion its statistics still describe the old (or empty) tables until autovacuum runs,
    and a plan made on them can turn a 0.1 s map query into a minute-long nested loop."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE " + ", ".join(table.name for table in tables))


# One number for PostgreSQL's transaction-level advisory lock that every writer of incidents and
# findings takes: they rewrite whole tables, so two at once would insert the same keys.
FUSION_LOCK = 0x7457_F05E
SAVE_ATTEMPTS = 5


class JournalMoved(TruceWatchError):
    """Somebody merged, split or undid incidents while this fusion ran: saving it would erase that."""

    def __init__(self):
        super().__init__("The incidents were merged, split or an operation undone while they were being "
                         "fused again; nothing was saved. Run the command again.")


def lock_fusion(conn: sa.Connection) -> None:
    """Wait for any other writer of incidents or findings to commit (SQLite's BEGIN IMMEDIATE,
    see `writer`, already does; PostgreSQL needs the lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(FUSION_LOCK)))


def _journal_state(ops) -> tuple:
    return tuple((op.op_id, bool(op.undone)) for op in ops)


def finding_key(truce_name: str, incident_id: str) -> str:
    """A finding's key among record versions and tombstones (incident ids never hold "|")."""
    return f"{truce_name}|{incident_id}"


def writer(engine: sa.Engine) -> sa.Engine:
    """The engine for a read-then-write transaction: on SQLite it takes the write lock up front
    (BEGIN IMMEDIATE), so a concurrent writer (the server's re-check, a reviewer) makes it wait
    instead of failing with "database is locked" when it turns from reading to writing."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def engine_of(target) -> sa.Engine:
    """The engine behind a Store, or the engine itself."""
    return target.engine if hasattr(target, "engine") else target


def ready_engine(target) -> sa.Engine:
    """The engine behind a Store (or the engine), with our tables in place."""
    engine = engine_of(target)
    ensure_tables(engine)
    return engine


def _insert_in_batches(conn: sa.Connection, table: sa.Table, rows: list[dict], batch: int = 5000) -> None:
    """Insert rows a batch at a time, so a large fusion does not build one huge statement."""
    for i in range(0, len(rows), batch):
        conn.execute(table.insert(), rows[i:i + batch])


def load_journal(target) -> tuple[list[Operation], dict[str, str]]:
    """The manual operations and aliases stored so far."""
    engine = ready_engine(target)
    with engine.connect() as conn:
        ops = [Operation(r.op_id, r.kind, dict(r.args), r.created, bool(r.undone))
               for r in conn.execute(sa.select(incident_journal).order_by(incident_journal.c.seq))]
        aliases = {r.alias: r.incident_id for r in conn.execute(sa.select(incident_aliases))}
    return ops, aliases


def fuse_stored(store, *, all_events: bool = False, fuser=None) -> IncidentSet:
    """Fuse a Store's events, replaying its stored journal of manual operations.

    Events are read as people reviewed them (corrections applied, rejected events left out).
    Stored ids that the fresh fusion no longer has (a new, earlier report now leads their
    incident) become aliases at once, so an id shown by `trucewatch incidents list` still works.
    `fuser(store, journal=, aliases=)` fuses instead (`trucewatch.scale.fusion.cluster_fuser`:
    on Dask, each worker reading its shard of reviewed events).
    """
    from trucewatch.review.overrides import reviewed_events

    ops, aliases = load_journal(store)
    if fuser is None:
        incident_set = fuse(reviewed_events(store), journal=ops, aliases=aliases, all_events=all_events)
    else:  # the fuser reads the store itself (on Dask: each worker its shard, reviews applied)
        if all_events:
            raise TruceWatchError("--all-events is not available with --dask yet: the workers fuse each "
                                  "report's main and salient events; run without --dask to fuse every event")
        incident_set = fuser(store, journal=ops, aliases=aliases)
    incident_set.stored_journal = _journal_state(ops)
    with engine_of(store).connect() as conn:
        incident_set.aliases.update(_vanished_ids(conn, incident_set))
    return incident_set


def fuse_and_save(store, change=None, *, also=None, attempts: int = SAVE_ATTEMPTS, fuser=None,
                  all_events: bool = False):
    """(incident set, what `change` returned): the stored events fused with the stored journal,
    `change(incident_set)` applied (a manual operation; None: none) and the result saved.

    Fusing takes a while and reads the journal first; if somebody merged, split or undid
    meanwhile, saving would erase their operation, so the whole round is done again on a fresh
    fusion (their operation replayed, ours applied on top). `also(connection, incident_set, result)`
    runs in the saving transaction, so an operation, the version check it depends on and its
    audit rows commit together. `fuser`: as for `fuse_stored` (on Dask: each retry fuses there too).
    Each report's main and salient events are fused (`all_events`: every event but background
    mentions).
    """
    for attempt in range(attempts):
        incident_set = fuse_stored(store, fuser=fuser, all_events=all_events)
        result = change(incident_set) if change is not None else None
        extra = (lambda conn, fused=incident_set, done=result: also(conn, fused, done)) if also else None
        try:
            save_incidents(store, incident_set, also=extra)
        except JournalMoved:
            if attempt + 1 == attempts:
                raise
            continue
        return incident_set, result
    raise JournalMoved()  # attempts < 1


def _vanished_ids(conn: sa.Connection, incident_set: IncidentSet) -> dict[str, str]:
    """Stored incident id -> the live incident holding most of its events, for ids no longer live."""
    new_of_event = {eid: inc.id for inc in incident_set for eid in inc.event_ids}
    previous: dict[str, Counter] = {}
    for r in conn.execute(sa.select(incident_mentions.c.event_id, incident_mentions.c.incident_id)):
        if r.incident_id not in incident_set.incidents and r.event_id in new_of_event:
            previous.setdefault(r.incident_id, Counter())[new_of_event[r.event_id]] += 1
    return {old: targets.most_common(1)[0][0] for old, targets in previous.items()}


def save_incidents(target, incident_set: IncidentSet, *, batch: int = 5000, also=None) -> int:
    """Replace the stored incidents with these; ids that vanished since last time become aliases.

    An incident whose content did not change keeps its `updated_at` and version; one that is
    gone leaves a tombstone (record_versions) naming the incident that took its events, if any.
    A set fused from the database is refused (JournalMoved) when the stored journal changed since
    it was read. `also(connection)` runs first in the same transaction: it may check (raising
    leaves everything as it was) and write (an operation's audit rows).
    """
    engine = ready_engine(target)
    now = datetime.now(timezone.utc)
    with writer(engine).begin() as conn:
        lock_fusion(conn)
        read = getattr(incident_set, "stored_journal", None)  # None: not fused from the store (samples)
        if read is not None:
            stored = conn.execute(sa.select(incident_journal.c.op_id, incident_journal.c.undone)
                                  .order_by(incident_journal.c.seq))
            if tuple((row.op_id, bool(row.undone)) for row in stored) != read:
                raise JournalMoved()
        if also is not None:
            also(conn)
        aliases = {**incident_set.aliases, **_vanished_ids(conn, incident_set)}
        for live in incident_set.incidents:
            aliases.pop(live, None)
        incident_set.aliases.update(aliases)
        previous = set(conn.scalars(sa.select(incidents.c.id)))
        for table in (incidents, incident_mentions, incident_aliases, incident_journal, incident_parties):
            conn.execute(table.delete())
        rows, mention_rows, party_rows = [], [], []
        for inc in incident_set:
            loc = inc.location
            data = inc.as_dict(with_mentions=False)
            rows.append({
                "id": inc.id, "family": inc.family, "type": inc.type, "status": inc.status,
                "start": inc.start, "end": inc.end, "time_precision": inc.time_precision,
                "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
                "place": inc.place_name, "country": loc.country if loc else None,
                "admin1": loc.admin1 if loc else None,
                "place_precision": loc.precision if loc else None,
                "independent_sources": inc.independent_sources, "documents": len(inc.documents),
                "act_disputed": inc.act_disputed, "data": data, "updated_at": now,
            })
            mention_rows += [{"event_id": m.event.id, "incident_id": inc.id, "document_id": m.document.id}
                             for m in inc.mentions]
            party_rows += party_rows_of(inc.id, data)
        changed = sync_machine(conn, "incident", {row["id"]: digest_of(row["data"]) for row in rows},
                               at=now, replaced_by=aliases, previous=previous)
        carry_forward(conn, "incident", {old: new for old, new in aliases.items() if old in previous}, now)
        for row in rows:
            row["updated_at"] = changed[row["id"]]
        _insert_in_batches(conn, incidents, rows, batch)
        _insert_in_batches(conn, incident_mentions, mention_rows, batch)
        _insert_in_batches(conn, incident_parties, party_rows, batch)
        refresh_statistics(conn, incidents, incident_mentions, incident_parties, record_versions)
        if aliases:
            conn.execute(incident_aliases.insert(), [{"alias": a, "incident_id": t} for a, t in aliases.items()])
        if incident_set.journal:
            conn.execute(incident_journal.insert(), [
                {"op_id": op.op_id, "seq": n, "kind": op.kind, "args": op.args, "created": op.created,
                 "undone": op.undone} for n, op in enumerate(incident_set.journal)])
    if read is not None:
        incident_set.stored_journal = _journal_state(incident_set.journal)
    return len(rows)


def party_rows_of(incident_id: str, data: dict) -> list[dict]:
    """The `incident_parties` rows of one stored incident (its `data`), one per party key."""
    rows: dict[str, dict] = {}
    for party in data.get("parties") or []:
        key = str(party.get("party") or "")[:200]
        if key and key not in rows:
            rows[key] = {"incident_id": incident_id, "party": key, "name": party.get("name"),
                         "country": party.get("country"), "grade": party.get("grade") or ""}
    return list(rows.values())


def load_incidents(target) -> list[dict]:
    """Stored incidents as JSON-ready dicts (without mention texts), earliest first."""
    engine = ready_engine(target)
    with engine.connect() as conn:
        result = conn.execute(sa.select(incidents.c.data).order_by(incidents.c.start, incidents.c.id))
        return [dict(r.data) for r in result]


def save_findings(target, truce_name: str, found) -> int:
    """Replace the stored findings of one truce."""
    engine = ready_engine(target)
    now = datetime.now(timezone.utc)
    rows = [{"truce": truce_name, "incident_id": f.incident, "verdict": f.verdict, "data": f.as_dict(),
             "checked_at": now} for f in found]
    with writer(engine).begin() as conn:
        lock_fusion(conn)
        old_verdicts = dict(conn.execute(sa.select(findings.c.incident_id, findings.c.verdict)
                                         .where(findings.c.truce == truce_name)).all())
        previous = {finding_key(truce_name, incident_id) for incident_id in old_verdicts}
        conn.execute(findings.delete().where(findings.c.truce == truce_name))
        _insert_in_batches(conn, findings, rows)
        present = {finding_key(truce_name, row["incident_id"]): digest_of(row["data"]) for row in rows}
        sync_machine(conn, "finding", present, at=now, scope_prefix=finding_key(truce_name, ""), previous=previous)
        renamed = carry_findings(conn, truce_name, previous, set(present), now)
        was = {**{new: old_verdicts[old] for old, new in renamed.items()}, **old_verdicts}
        reopen_changed(conn, truce_name, was, {row["incident_id"]: row["verdict"] for row in rows}, now)
        refresh_statistics(conn, findings, record_versions)
    return len(rows)


def load_findings(target, truce_name: str | None = None) -> list[dict]:
    engine = ready_engine(target)
    query = sa.select(findings.c.data)
    if truce_name:
        query = query.where(findings.c.truce == truce_name)
    with engine.connect() as conn:
        return [dict(r.data) for r in conn.execute(query)]
