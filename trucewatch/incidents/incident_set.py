"""The fused incidents plus the journal of manual merges and splits, and the alias table.

Manual operations are kept as a journal and replayed on top of automatic fusion, so a re-run
keeps them, and `undo(op_id)` simply drops one from the replay. An id that a merge or split made
disappear stays in the alias table and still resolves. Each operation also records the event ids
of the incidents it touched, so the replay finds them even when new reports changed their ids.
"""
from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from trucewatch.errors import InputError

from .assemble import assemble
from .model import Incident, Mention, incident_id_for
from .sources import SignatureCache


def follow_aliases(incident_id: str | None, aliases: dict[str, str], live) -> str | None:
    """Where an id's alias chain leads: the first live id, else where the chain ends (or loops)."""
    seen = set()
    while incident_id not in live and incident_id in aliases and incident_id not in seen:
        seen.add(incident_id)
        incident_id = aliases[incident_id]
    return incident_id


@dataclass
class Operation:
    op_id: str
    kind: str  # merge | split
    args: dict
    created: str
    undone: bool = False
    applied: bool = True  # set by each replay: False when its incidents no longer exist (not stored)

    def as_dict(self) -> dict:
        return {"op_id": self.op_id, "kind": self.kind, "args": self.args, "created": self.created,
                "undone": self.undone, "applied": self.applied}


@dataclass
class IncidentSet:
    """Incidents by id, with `resolve`, `merge`, `split`, `undo`."""

    automatic: list[list[Mention]] = field(repr=False)
    journal: list[Operation] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict, repr=False)
    incidents: dict[str, Incident] = field(default_factory=dict, repr=False)
    _cache: SignatureCache = field(default_factory=SignatureCache, repr=False)
    # The journal as the database held it when this set was fused from it ((op id, undone) pairs;
    # None when it was not): saving checks it is still so, or a manual operation would be lost.
    stored_journal: tuple | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"IncidentSet({len(self.incidents)} incidents, {len(self.journal)} manual operations)"

    def __post_init__(self) -> None:
        self.rebuild()

    # -- reading
    def __iter__(self):
        return iter(self.incidents.values())

    def __len__(self) -> int:
        return len(self.incidents)

    def resolve(self, incident_id: str) -> Incident:
        """The incident for an id, following merges and splits; InputError if unknown."""
        current = follow_aliases(incident_id, self.aliases, self.incidents)
        if current not in self.incidents:
            raise InputError(incident_id, "no incident has this id, now or before a merge or split")
        return self.incidents[current]

    def incident_of_event(self, event_id: str) -> Incident:
        for incident in self.incidents.values():
            if event_id in incident.event_ids:
                return incident
        raise InputError(event_id, "no incident contains this event id")

    # -- manual operations
    def merge(self, a: str, b: str) -> str:
        """Merge incident b into a; returns the operation id for undo."""
        first, second = self.resolve(a), self.resolve(b)
        if first is second:
            raise InputError(f"{a} + {b}", "these ids already name the same incident")
        return self._record("merge", {"a": a, "b": b, "a_events": first.event_ids,
                                      "b_events": second.event_ids})

    def split(self, incident_id: str, event_ids: list[str]) -> str:
        """Move the given event mentions out of an incident into a new one; returns the op id."""
        incident = self.resolve(incident_id)
        missing = set(event_ids) - set(incident.event_ids)
        if missing:
            raise InputError(incident_id, f"these events are not in the incident: {', '.join(sorted(missing))}")
        if set(event_ids) == set(incident.event_ids):
            raise InputError(incident_id, "a split must leave at least one event in the incident")
        return self._record("split", {"incident": incident_id, "event_ids": list(event_ids),
                                      "incident_events": incident.event_ids})

    def undo(self, op_id: str) -> None:
        for op in self.journal:
            if op.op_id == op_id:
                if op.undone:
                    raise InputError(op_id, "this operation was already undone")
                op.undone = True
                self.rebuild()
                return
        raise InputError(op_id, "no operation in the journal has this id")

    def _record(self, kind: str, args: dict) -> str:
        op = Operation(uuid.uuid4().hex[:12], kind, args, datetime.now(timezone.utc).isoformat())
        self.journal.append(op)
        self.rebuild()
        return op.op_id

    # -- replay
    def rebuild(self) -> None:
        """Automatic groups, then every live journal operation in order, then assemble."""
        groups: dict[str, list[Mention]] = {}
        for members in self.automatic:
            members = sorted(members, key=Mention.sort_key)
            groups[incident_id_for(members[0])] = members
        manual: set[str] = set()
        owner = {m.event.id: gid for gid, members in groups.items() for m in members}

        def locate(incident_id: str | None, anchors=()) -> str | None:
            """The group an id names now: by id (following aliases), else by its recorded events."""
            incident_id = follow_aliases(incident_id, self.aliases, groups)
            if incident_id in groups:
                return incident_id
            votes = Counter(owner[e] for e in anchors if e in owner)
            return votes.most_common(1)[0][0] if votes else None

        def place(members: list[Mention]) -> str:
            members.sort(key=Mention.sort_key)
            new = incident_id_for(members[0])
            groups[new] = members
            owner.update((m.event.id, new) for m in members)
            manual.add(new)
            return new

        for op in self.journal:
            op.applied = False
            if op.undone:
                continue
            if op.kind == "merge":
                a = locate(op.args["a"], op.args.get("a_events", ()))
                b = locate(op.args["b"], op.args.get("b_events", ()))
                if a is None or b is None or a == b:
                    continue
                new = place(groups.pop(a) + groups.pop(b))
                for old in (a, b):
                    if old != new:
                        self.aliases[old] = new
                op.applied = True
            elif op.kind == "split":
                moving = set(op.args["event_ids"])
                source = locate(op.args["incident"], op.args.get("incident_events", ()))
                if source is None or not any(m.event.id in moving for m in groups[source]):
                    source = locate(None, moving)  # the events moved to another incident since
                if source is None:
                    continue
                members = groups.pop(source)
                kept = [m for m in members if m.event.id not in moving]
                moved = [m for m in members if m.event.id in moving]
                if not kept or not moved:
                    groups[source] = members
                    continue
                # whichever part keeps the earliest mention keeps the old id
                place(kept)
                place(moved)
                op.applied = True
        # ids that exist again (after an undo) must not be aliased away
        for live in groups:
            self.aliases.pop(live, None)
        previous = self.incidents
        rebuilt: dict[str, Incident] = {}
        for iid, members in groups.items():
            members.sort(key=Mention.sort_key)
            old = previous.get(iid)
            if old is not None and old.manual == (iid in manual) \
                    and old.event_ids == [m.event.id for m in members]:
                rebuilt[iid] = old  # unchanged by this operation: keep, do not recompute
            else:
                rebuilt[iid] = assemble(members, self._cache, manual=iid in manual)
        self.incidents = rebuilt
