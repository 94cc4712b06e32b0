"""The workflow's rules, read from data/workflow.yaml: which status may follow which, which moves
need the `publish` permission, what an analyst may correct."""
from __future__ import annotations

from functools import lru_cache

from trucewatch.datafiles import read_lexicon
from trucewatch.errors import Refused, TruceWatchError


@lru_cache(maxsize=1)
def rules() -> dict:
    return read_lexicon("trucewatch.review", "data/workflow.yaml")


def kinds() -> list[str]:
    return list(rules()["kinds"])


def check_kind(kind: str) -> str:
    if kind not in kinds():
        raise TruceWatchError(f"There is nothing to review of kind '{kind}'; choose among {', '.join(kinds())}.")
    return kind


def statuses_for(kind: str) -> list[str]:
    """Every status a record of this kind can carry, in workflow order."""
    from trucewatch.audit.versions import review_statuses

    only = rules().get("only_for") or {}
    return [s for s in review_statuses() if kind in only.get(s, [kind])]


def next_statuses(kind: str, current: str) -> list[str]:
    allowed = set(statuses_for(kind))
    return [s for s in (rules()["transitions"].get(current) or []) if s in allowed]


def permission_for(current: str, new: str) -> str:
    """The permission a move needs: `publish` to or from a published status, else `review`."""
    special = rules().get("needs_permission") or {}
    return special.get(new) or special.get(current) or "review"


def check_move(kind: str, current: str, new: str, permissions=None) -> None:
    """Refuse a move the workflow does not allow, or one the caller's permissions do not cover
    (permissions None: a command at the shell, which may do anything)."""
    if new not in statuses_for(kind):
        raise TruceWatchError(f"A {kind} cannot have the review status '{new}'; choose among "
                              f"{', '.join(statuses_for(kind))}.")
    if new == current:
        return
    allowed = next_statuses(kind, current)
    if new not in allowed:
        raise TruceWatchError(f"A {kind} that is '{current}' cannot move to '{new}'; it can move to "
                              f"{', '.join(allowed) or 'nothing'}.")
    needed = permission_for(current, new)
    if permissions is not None and needed not in permissions:
        raise Refused(f"Moving a {kind} from '{current}' to '{new}' needs the '{needed}' permission.")


def correctable() -> list[str]:
    return list(rules()["correctable"])


def presence_seconds() -> int:
    return int(rules()["presence_seconds"])


def export_max_rows() -> int:
    return int(rules()["export_max_rows"])
