"""A finding: the verdict on one incident under one truce, with the reasoning that led to it."""
from __future__ import annotations

from dataclasses import dataclass, field

VERDICTS = ["violation", "probable violation", "possible violation", "not a violation", "out of scope",
            "undetermined", "unattributable"]
# Ladder for caps: a cap can only lower a violation verdict, never raise it.
STRENGTH = {"violation": 3, "probable violation": 2, "possible violation": 1}


def deciding_step(trace: list[str]) -> str:
    """The step that settled a verdict: the last one that is not the verdict restated."""
    steps = [t for t in trace if not t.startswith(("verdict:", "exclusions considered:", "exemptions considered:"))]
    return steps[-1] if steps else ""


def capped(verdict: str, cap: str | None) -> str:
    if cap is None or verdict not in STRENGTH:
        return verdict
    return cap if STRENGTH[cap] < STRENGTH[verdict] else verdict


@dataclass
class PartyFinding:
    party: str
    grade: str
    standing: str  # party | excluded | not a party | unidentified
    matched: str | None = None  # the truce entry it matched
    exempted_by: str | None = None

    def as_dict(self) -> dict:
        return {"party": self.party, "grade": self.grade, "standing": self.standing,
                "matched": self.matched, "exempted_by": self.exempted_by}


@dataclass
class Finding:
    incident: str
    verdict: str
    provisions: list[str] = field(default_factory=list)
    parties: list[PartyFinding] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    distance_km: float | None = None
    truce: str | None = None
    summary: dict = field(default_factory=dict)  # the incident's date, act and place, for readers

    def as_dict(self) -> dict:
        return {"incident": self.incident, "truce": self.truce, "verdict": self.verdict, **self.summary,
                "provisions": self.provisions, "parties": [p.as_dict() for p in self.parties],
                "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
                "trace": self.trace}
