"""Review statuses, assignees and comments on events, incidents and findings: plain functions the
server and the CLI share. Every change is one audit row written in the same transaction as the
change; statuses and assignees bump the record's version, so two people deciding on the same
record at once cannot both win silently (the second gets StaleEdit with the first one's change).
Comments are audit rows only: adding one never conflicts with an edit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlalchemy as sa

from trucewatch.audit.log import Actor, append, history, writing
from trucewatch.audit.tables import record_versions
from trucewatch.audit.versions import StaleEdit, bump, checked_version
from trucewatch.errors import NotFound, Refused, TruceWatchError

from .overrides import mirror
from .rules import check_kind, check_move
from .state import ReviewState, ensure_version, read_state, require_record, write_fields

UNSET = object()
MAX_COMMENT = 5000
MAX_BULK = 1000


def now() -> datetime:
    return datetime.now(timezone.utc)


def _check_assignee(connection: sa.Connection, name: str | None) -> str | None:
    if name is None or name == "":
        return None
    from trucewatch.accounts.tables import users

    row = connection.execute(sa.select(users.c.name, users.c.disabled).where(users.c.name == name)).first()
    if row is None:
        raise NotFound(f"There is no user '{name}' to assign.")
    if row.disabled:
        raise TruceWatchError(f"The user '{name}' is disabled; assign somebody else.")
    return row.name


def _action(before: ReviewState, status) -> str:
    if status is UNSET:
        return "assign"
    if status == "published":
        return "publish"
    if before.status == "published":
        return "unpublish"
    return "status"


def change_in(connection: sa.Connection, store, kind: str, key: str, *, version: int | None, actor: Actor,
              at: datetime, status=UNSET, assignee=UNSET, permissions=None, reason: str | None = None) -> ReviewState:
    """One record's status and/or assignee, inside the caller's transaction."""
    check_kind(kind)
    version = checked_version(kind, key, version)
    require_record(connection, kind, key)
    ensure_version(connection, kind, key, at)
    before = read_state(connection, kind, key)
    if version is not None and before.version != version:  # stale: say so before judging the move
        raise StaleEdit(kind, key, version, before.version, history(store, kind, key, after_version=version))
    values = {}
    if status is not UNSET:
        check_move(kind, before.status, status, permissions)
        values["review_status"] = status
    if assignee is not UNSET:
        values["assignee"] = _check_assignee(connection, assignee)
    new_version = bump(connection, store, kind, key, version, actor.name, at)
    write_fields(connection, kind, key, **values)
    if kind == "event":
        mirror(connection, key, at=at, by=actor.name, **values)
    shown = {"review_status": "status", "assignee": "assignee"}
    append(connection, actor, _action(before, status), kind, key,
           before={shown[name]: getattr(before, shown[name]) for name in values},
           after={shown[name]: value for name, value in values.items()}, reason=reason, version=new_version)
    return read_state(connection, kind, key)


def set_status(store, kind: str, key: str, status: str, *, version: int | None, actor: Actor, permissions=None,
               reason: str | None = None) -> ReviewState:
    """Move a record to another review status (`published`: findings only, `publish` permission)."""
    with writing(store) as connection:
        return change_in(connection, store, kind, key, version=version, actor=actor, at=now(), status=status,
                         permissions=permissions, reason=reason)


def assign(store, kind: str, key: str, assignee: str | None, *, version: int | None, actor: Actor,
           reason: str | None = None) -> ReviewState:
    """Give a record to a user to review (None: to nobody)."""
    with writing(store) as connection:
        return change_in(connection, store, kind, key, version=version, actor=actor, at=now(), assignee=assignee,
                         reason=reason)


def comment(store, kind: str, key: str, text: str, *, actor: Actor) -> dict:
    """A comment on a record: an audit row of its own, shown in the record's history."""
    check_kind(kind)
    text = (text or "").strip()
    if not text:
        raise TruceWatchError("A comment needs some text.")
    if len(text) > MAX_COMMENT:
        raise TruceWatchError(f"A comment holds at most {MAX_COMMENT} characters (this one has {len(text)}).")
    with writing(store) as connection:
        require_record(connection, kind, key)
        state = read_state(connection, kind, key)
        append(connection, actor, "comment", kind, key, after={"comment": text}, version=state.version)
    return {"kind": kind, "key": key, "comment": text, "user": actor.name}


@dataclass
class BulkResult:
    done: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)  # stale versions: somebody changed them first
    refused: list[dict] = field(default_factory=list)  # not found, or a move the workflow forbids

    def as_dict(self) -> dict:
        return {"done": self.done, "conflicts": self.conflicts, "refused": self.refused}


def bulk_change(store, items: list[dict], *, actor: Actor, status=UNSET, assignee=UNSET, permissions=None,
                reason: str | None = None) -> BulkResult:
    """The same status and/or assignee for many records ({kind, key, version?} each), in one
    transaction; a record changed by somebody else since its version, or refused by the workflow,
    is reported and left alone while the others change."""
    if status is UNSET and assignee is UNSET:
        raise TruceWatchError("Say what to change: a status, an assignee, or both.")
    if not items:
        raise TruceWatchError("Select at least one record.")
    if len(items) > MAX_BULK:
        raise TruceWatchError(f"At most {MAX_BULK} records at once ({len(items)} were selected).")
    result = BulkResult()
    at = now()
    with writing(store) as connection:
        for item in items:
            kind, key, version = item.get("kind"), str(item.get("key") or ""), item.get("version")
            try:
                with connection.begin_nested():
                    state = change_in(connection, store, kind, key, version=version, actor=actor, at=at,
                                      status=status, assignee=assignee, permissions=permissions, reason=reason)
                result.done.append(state.as_dict())
            except StaleEdit as exc:
                result.conflicts.append({"kind": kind, "key": key, "detail": str(exc), "current_version": exc.current,
                                         "changes": [c.as_dict() for c in exc.changes]})
            except (NotFound, Refused, TruceWatchError) as exc:
                result.refused.append({"kind": kind, "key": key, "detail": str(exc)})
    return result


def rejected_keys(target, kind: str) -> set[str]:
    """Keys of the records of a kind that reviewers rejected."""
    engine = target.engine if hasattr(target, "engine") else target
    if not sa.inspect(engine).has_table("record_versions"):
        return set()
    with engine.connect() as connection:
        return set(connection.scalars(sa.select(record_versions.c.key).where(
            record_versions.c.kind == kind, record_versions.c.review_status == "rejected",
            record_versions.c.deleted_at.is_(None))))


def without_rejected(target, incidents) -> list:
    """The incidents a truce is checked on: those reviewers rejected (not an incident, a duplicate,
    a false report) get no finding."""
    rejected = rejected_keys(target, "incident")
    return [incident for incident in incidents if incident.id not in rejected]
