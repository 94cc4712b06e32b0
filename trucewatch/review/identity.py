"""Which event a person's review belongs to, after re-extraction has renumbered the events.

Event ids are "<document sha256>:<n>", and n is only the event's place in the extractor's output:
a better extractor (or a changed one) may find one more event earlier in the report and shift
every number after it. A review is therefore anchored to what does not move: its report (the
document id is the hash of the text) and the words the event rests on (the character offsets of
its first evidence span), plus the machine's act type and the event's number when it was first
reviewed. After a re-extraction the review goes to the event of the same report whose evidence
overlaps the anchor the most, preferring the same act type, then the nearest number; an event
without evidence is matched by act type and number. When no event of the report matches (the
extractor no longer sees that act), the review is kept DETACHED: never lost, listed for people
to look at, and attached again if a later extraction finds the act once more.
"""
from __future__ import annotations

from dataclasses import dataclass

from trucewatch.records import Event


@dataclass(frozen=True)
class Anchor:
    document_id: str
    start: int | None
    end: int | None
    type: str
    position: int

    def as_row(self) -> dict:
        return {"document_id": self.document_id, "anchor_start": self.start, "anchor_end": self.end,
                "anchor_type": self.type, "anchor_position": self.position}

    @classmethod
    def from_row(cls, row) -> "Anchor":
        return cls(row.document_id, row.anchor_start, row.anchor_end, row.anchor_type, row.anchor_position)


def document_of(event_id: str) -> str:
    return event_id.rpartition(":")[0]


def position_of(event_id: str) -> int:
    tail = event_id.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


def anchor_of(event: Event, position: int | None = None) -> Anchor:
    span = event.evidence[0] if event.evidence else None
    return Anchor(document_of(event.id), span.start if span else None, span.end if span else None, event.type,
                  position_of(event.id) if position is None else position)


def overlap(anchor: Anchor, event: Event) -> int:
    """Characters the anchor's span shares with the event's evidence (0: none)."""
    if anchor.start is None:
        return 0
    return max((min(anchor.end, span.end) - max(anchor.start, span.start) for span in event.evidence), default=0)


def _score(anchor: Anchor, event: Event, position: int) -> tuple | None:
    """How well an event fits an anchor (higher is better), or None when it cannot be the one."""
    if anchor.start is None or not event.evidence:
        if anchor.start is None and not event.evidence and event.type == anchor.type:
            return (1, 0, -abs(position - anchor.position))
        return None
    shared = overlap(anchor, event)
    if shared <= 0:
        return None
    return (int(event.type == anchor.type), shared, -abs(position - anchor.position))


def fits(anchor: Anchor, event: Event, position: int) -> bool:
    return _score(anchor, event, position) is not None


def match(anchors: list[Anchor], events: list[tuple[int, Event]],
          current: list[str | None] | None = None) -> list[str | None]:
    """The event id each anchor names now among one report's (position, event) pairs, one event per
    anchor at most: an anchor whose current event still fits keeps it, the others take the best
    free fit in turn (best fits first)."""
    current = current or [None] * len(anchors)
    by_id = {event.id: (position, event) for position, event in events}
    chosen: list[str | None] = [None] * len(anchors)
    taken: set[str] = set()
    for i, (anchor, event_id) in enumerate(zip(anchors, current)):
        if event_id in by_id and event_id not in taken and fits(anchor, by_id[event_id][1], by_id[event_id][0]):
            chosen[i] = event_id
            taken.add(event_id)
    candidates = []
    for i, anchor in enumerate(anchors):
        if chosen[i] is not None:
            continue
        for position, event in events:
            score = _score(anchor, event, position)
            if score is not None:
                candidates.append((score, -i, i, event.id))
    for _, _, i, event_id in sorted(candidates, reverse=True):
        if chosen[i] is None and event_id not in taken:
            chosen[i] = event_id
            taken.add(event_id)
    return chosen
