"""Hand-built reports for commitment tests (invented, our own words), so they test the commitment
machinery rather than extraction quality. Places and actors come from trucewatch.incidents.samples."""
from __future__ import annotations

from trucewatch.incidents.samples import make_document, make_event
from trucewatch.records import Extraction

ARMY_SAYS = ("Syrian army", "Syria", "SYR", "MIL", "asserts", "occurrence", None)
REBELS_SAY = ("the Free Syrian Army", "Free Syrian Army", "SYR", "REB", "asserts", "occurrence", None)
RESIDENTS_SAY = ("residents", None, None, "CVL", "asserts", "occurrence", None)


def report(text: str, outlet: str, day: str, *events: dict) -> Extraction:
    """One invented report with its events (keyword arguments of samples.make_event)."""
    document = make_document(text, outlet, day)
    return Extraction(document=document, events=[make_event(document, n, **e) for n, e in enumerate(events)])


def pledge(text: str, outlet: str, day: str, *, type: str = "de_escalation", actors=(), claims=(),
           place: str | None = "Idlib", named: tuple[str, ...] = (), status: str = "planned",
           when: str | None = None, place_precision: str = "city") -> Extraction:
    """A pledge statement and, as extraction gives them, the acts its sentence names (planned)."""
    events = [dict(type=type, status=status, actors=actors, claims=claims, place=place, day=when or day,
                   place_precision=place_precision)]
    events += [dict(type=t, status="planned", place=place, day=when or day) for t in named]
    return report(text, outlet, day, *events)


def strike(text: str, outlet: str, day: str, *, when: str, actors=(), place: str = "Idlib",
           type: str = "air_strike", claims=(RESIDENTS_SAY,)) -> Extraction:
    return report(text, outlet, day, dict(type=type, day=when, actors=actors, place=place, claims=claims))
