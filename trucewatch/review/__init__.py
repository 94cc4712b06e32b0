"""The review workflow: statuses, assignees, comments, corrections that last, background jobs.

Plain functions over a Store, shared by the server and the CLI; every change is an audit row.

    from trucewatch.review import correct_event, set_status, reviewed_events
    correct_event(store, event_id, {"location": {"lat": 35.93, "lon": 36.63}}, version=1, actor=actor)
    set_status(store, "finding", "My truce|a1b2c3", "published", version=3, actor=reviewer)

Corrections are kept apart from the machine's output (overrides.py, identity.py) and applied
wherever reviewed data is read: fusion, and so every check, uses `reviewed_events`.
"""
from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "correct_event": "overrides", "reviewed_events": "overrides", "reattach": "overrides",
    "overlay": "overrides", "detached_reviews": "overrides",
    "set_status": "workflow", "assign": "workflow", "comment": "workflow", "bulk_change": "workflow",
    "without_rejected": "workflow",
    "ReviewState": "state", "read": "state",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"trucewatch.review.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'trucewatch.review' has no attribute {name!r}")
