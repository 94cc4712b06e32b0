"""Commitments: what one side pledged (stop strikes, accept a ceasefire, let aid in) and whether it
did afterwards.

A pledge is read from extracted statements (planned de-escalation, accepted ceasefires, pauses,
withdrawals, access, releases; data/kinds.yaml) or written by hand in YAML, and checked as a
one-party truce by the truce checker: kept, broken (with the incidents), possibly broken, or not
yet assessable, with rates before and after and the reports read in each window.

Over a database (`db`: URL or Store), returning `CommitmentView`s (commitment + assessment):
    check_commitments(db, files=(), as_of=None), list_commitments(db, verdict=, party=, kind=),
    show_commitment(db, id)
Without one: `evaluate(incidents, commitments=(), as_of=None)`, `build_commitments(incidents)`,
`assess(commitments, incidents, as_of=None)`, `load_commitments(path)`.
Submodules load on first use, so the storage layer can import the tables alone.
"""
from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "Commitment": "record", "Party": "record", "Moment": "record", "Report": "record", "Firmness": "record",
    "Assessment": "assessment", "Window": "assessment", "COMMITMENT_VERDICTS": "assessment",
    "build_commitments": "build", "assess": "compliance", "CommitmentChecker": "compliance",
    "load_commitments": "handwritten", "parse_commitments": "handwritten",
    "CommitmentView": "api", "evaluate": "api", "check_commitments": "api", "list_commitments": "api",
    "show_commitment": "api",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"trucewatch.commitments.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'trucewatch.commitments' has no attribute {name!r}")
