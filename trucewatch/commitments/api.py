"""The commitments as library calls over a database: what the CLI, the report and the web call.

    from trucewatch.commitments import check_commitments, list_commitments, show_commitment
    views = check_commitments("sqlite:///trucewatch.db", files=["pledges.yaml"])
    for view in list_commitments("sqlite:///trucewatch.db", verdict="broken"):
        print(view.commitment.party.label, view.assessment.verdict, view.assessment.breaches)

Each returns `CommitmentView`s (the commitment and its latest assessment) with `as_dict()` for
JSON; `db` is a database URL or an open Store.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from trucewatch.errors import InputError

from .assessment import COMMITMENT_VERDICTS, Assessment
from .build import build_commitments
from .compliance import assess
from .handwritten import load_commitments
from .persist import load_assessments, load_stored, save_assessments, save_commitments
from .record import Commitment


@dataclass
class CommitmentView:
    """A commitment with its latest assessment (None until it has been checked)."""

    commitment: Commitment
    assessment: Assessment | None = None

    @property
    def verdict(self) -> str:
        return self.assessment.verdict if self.assessment else "unchecked"

    def as_dict(self) -> dict:
        return {**self.commitment.model_dump(mode="json"),
                "assessment": self.assessment.as_dict() if self.assessment else None}


@contextmanager
def _store(db) -> Iterator:
    """An open Store as given, or one opened (and closed again) from a URL."""
    if hasattr(db, "engine"):
        yield db
        return
    from trucewatch.store import open_store
    from trucewatch.store.engine import resolve_url

    with open_store(resolve_url(db)) as store:
        yield store


def latest_report_day(store) -> date | None:
    """The publication day of the newest stored report: the data's "now" for open-ended pledges."""
    from trucewatch.store.schema import documents

    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(documents.c.published))).scalar()


def evaluate(incidents, commitments: Iterable[Commitment] = (), *,
             as_of: date | None = None) -> list[CommitmentView]:
    """Commitments extracted from `incidents` plus the given ones, each assessed (nothing stored)."""
    incidents = list(incidents)
    found = build_commitments(incidents) + list(commitments)
    return [CommitmentView(c, a) for c, a in zip(found, assess(found, incidents, as_of=as_of))]


def check_commitments(db=None, *, files: Iterable[str | Path] = (), incidents=None,
                      as_of: date | None = None) -> list[CommitmentView]:
    """Build commitments from the stored events, add hand-written ones, assess all, store all.

    `files` are YAML files of hand-written commitments; they are validated before anything is
    stored and replace the commitments loaded earlier from the same file. `incidents` saves a
    second fusion when the caller has just fused (the `check` command). `as_of` is the newest
    stored report's day, or an earlier day given (a later one would count days nobody reported
    from as days without incidents).
    """
    loaded = {}
    for f in files:  # all validated before anything is stored; kept under the file's full path
        source = str(Path(f).resolve())
        loaded[source] = [c.model_copy(update={"source": source}) for c in load_commitments(f)]
    with _store(db) as store:
        if incidents is None:
            from trucewatch.incidents.persist import fuse_and_save

            incidents, _ = fuse_and_save(store)
        for source, written in loaded.items():
            save_commitments(store, written, origin="hand-written", source=source)
        handwritten = load_stored(store, origin="hand-written")
        latest = latest_report_day(store)
        if as_of is None or (latest is not None and as_of > latest):
            as_of = latest  # days after the newest report would read as days without incidents
        views = evaluate(incidents, handwritten, as_of=as_of)
        save_commitments(store, [v.commitment for v in views if v.commitment.origin == "extracted"])
        save_assessments(store, [v.assessment for v in views])
    return views


def list_commitments(db=None, *, verdict: str | None = None, party: str | None = None,
                     kind: str | None = None) -> list[CommitmentView]:
    """Stored commitments with their latest assessments, earliest start first, filtered."""
    if verdict is not None and verdict not in COMMITMENT_VERDICTS + ["unchecked"]:
        raise InputError("--verdict", f"'{verdict}' is not one of {', '.join(COMMITMENT_VERDICTS)}, unchecked")
    with _store(db) as store:
        checks = load_assessments(store)
        views = [CommitmentView(c, checks.get(c.id)) for c in load_stored(store)]
    wanted = party.casefold() if party else None
    return [v for v in views
            if (verdict is None or v.verdict == verdict) and (kind is None or v.commitment.kind == kind)
            and (wanted is None or wanted in {(v.commitment.party.key or "").casefold(),
                                              v.commitment.party.label.casefold()})]


def show_commitment(db, commitment_id: str) -> CommitmentView:
    """One stored commitment by id (or an unambiguous start of it), with its latest assessment."""
    views = list_commitments(db)
    found = [v for v in views if v.commitment.id == commitment_id] or \
        [v for v in views if v.commitment.id.startswith(commitment_id)]
    if len(found) != 1:
        reason = "matches several commitments; give more of it" if found else \
            "is not a stored commitment (run `trucewatch commitments check` first, or see `commitments list`)"
        raise InputError(commitment_id, reason)
    return found[0]
