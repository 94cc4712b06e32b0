"""Saving and reading commitments and their assessments (SQLAlchemy Core, any engine).

Extracted commitments are derived data: each check replaces them all. Hand-written ones are the
analyst's: they are replaced only by loading the same file again, or removed by id.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

import sqlalchemy as sa

from trucewatch.incidents.persist import engine_of

from .assessment import Assessment
from .record import Commitment
from .tables import OUR_TABLES, commitment_checks, commitments


def ready_engine(target) -> sa.Engine:
    """The engine behind a Store (or the engine), with our tables in place."""
    engine = engine_of(target)
    for table in OUR_TABLES:
        table.create(engine, checkfirst=True)
    return engine


def _row(c: Commitment, now: datetime) -> dict:
    return {"id": c.id, "origin": c.origin, "source": c.source, "kind": c.kind, "party": c.party.key,
            "starts": c.starts.at, "ends": c.ends.at if c.ends else None,
            "data": c.model_dump(mode="json"), "updated_at": now}


def save_commitments(target, found: Iterable[Commitment], *, origin: str = "extracted",
                     source: str | None = None) -> int:
    """Replace the stored commitments of one origin (for hand-written ones: of one file)."""
    engine = ready_engine(target)
    now = datetime.now(timezone.utc)
    rows = {c.id: _row(c, now) for c in found}
    condition = commitments.c.origin == origin
    if source is not None:
        condition = sa.and_(condition, commitments.c.source == source)
    with engine.begin() as conn:
        conn.execute(commitments.delete().where(sa.or_(condition, commitments.c.id.in_(list(rows)))))
        if rows:
            conn.execute(commitments.insert(), list(rows.values()))
    return len(rows)


def load_stored(target, *, origin: str | None = None) -> list[Commitment]:
    """Stored commitments, earliest start first."""
    engine = ready_engine(target)
    query = sa.select(commitments.c.data).order_by(commitments.c.starts, commitments.c.id)
    if origin:
        query = query.where(commitments.c.origin == origin)
    with engine.connect() as conn:
        return [Commitment.model_validate(r.data) for r in conn.execute(query)]


def save_assessments(target, assessments: Iterable[Assessment]) -> int:
    """Replace every stored assessment with these (one per commitment)."""
    engine = ready_engine(target)
    now = datetime.now(timezone.utc)
    rows = {a.commitment: {"commitment_id": a.commitment, "verdict": a.verdict, "as_of": a.as_of,
                           "data": a.as_dict(), "checked_at": now} for a in assessments}
    with engine.begin() as conn:
        conn.execute(commitment_checks.delete())
        if rows:
            conn.execute(commitment_checks.insert(), list(rows.values()))
    return len(rows)


def load_assessments(target) -> dict[str, Assessment]:
    engine = ready_engine(target)
    with engine.connect() as conn:
        return {r.commitment_id: Assessment.model_validate(_without_derived(r.data))
                for r in conn.execute(sa.select(commitment_checks.c.commitment_id, commitment_checks.c.data))}


def _without_derived(data: dict) -> dict:
    """Drop the rates `as_dict` adds for readers; the record recomputes them."""
    data = dict(data)
    for key in ("after", "before"):
        if data.get(key):
            data[key] = {k: v for k, v in data[key].items() if k not in ("per_day", "reports_per_day")}
    return data
