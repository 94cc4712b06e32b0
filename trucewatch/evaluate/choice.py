"""Which of several extracted events a scorer compares with the single gold event.

Extraction may return several events for one gold item. Each format says which one it scores:
- type fields (PLOVER type, CASE label): the best-matching event, i.e. one whose type equals the
  gold when there is one, else the first event — a right answer anywhere in the text counts;
- the other fields of PLOVER: the same chosen event, so all fields describe one event;
- ACLED and GTD: the first violent event (an ACLED event type of political violence), else the
  first ACLED-coded event, else the first event;
- PETRARCH: every event, compared as a set with the sentence's gold codings;
- contract (our own gold): the event extraction marks as the document's main one (`main_event`).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from trucewatch.records import Casualties, Event

VIOLENT_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def best_matching(events: Sequence[Event], matches: Callable[[Event], bool]) -> Event | None:
    """The first event that matches the gold, else the first event, else None."""
    for event in events:
        if matches(event):
            return event
    return events[0] if events else None


def first_violent(events: Sequence[Event]) -> Event | None:
    """The first event ACLED would code as political violence, else the first ACLED-coded one."""
    for event in events:
        if event.acled and event.acled.event_type in VIOLENT_EVENT_TYPES:
            return event
    for event in events:
        if event.acled:
            return event
    return events[0] if events else None


def reported_count(casualties: Casualties | None) -> int | None:
    """Our figure for a casualty count: the best estimate, else the low one (None: no figure)."""
    if casualties is None:
        return None
    return casualties.best if casualties.best is not None else casualties.low


def initiators(event: Event | None):
    """Actors with the initiator role (all actors when none carries a role)."""
    if event is None:
        return []
    marked = [actor for actor in event.actors if actor.role in (None, "initiator")]
    return marked or list(event.actors)


BACKGROUND_STATUS = "background"


def foreground(events: Sequence[Event]) -> list[Event]:
    """The events a consumer acts on: background and summary mentions left out."""
    return [event for event in events if event.status != BACKGROUND_STATUS]


def main_event(events: Sequence[Event]) -> Event | None:
    """The document's main event as extraction marks it: an event flagged `main`, else the most
    salient one, else the first event that is not background — what exports and checks use."""
    kept = foreground(events)
    for event in kept:
        if getattr(event, "main", None) is True:
            return event
    salient = [event for event in kept if _salience(event) is not None]
    if salient:
        return max(salient, key=lambda event: _salience(event))
    return kept[0] if kept else None


def _salience(event: Event) -> float | None:
    """Salience (or confidence) when extraction gives one: the contract may grow either."""
    for name in ("salience", "confidence"):
        value = getattr(event, name, None)
        if isinstance(value, (int, float)):
            return float(value)
        if hasattr(value, "model_dump"):
            value = value.model_dump()
        if isinstance(value, dict):
            for key in ("value", "score"):
                if isinstance(value.get(key), (int, float)):
                    return float(value[key])
    return None
