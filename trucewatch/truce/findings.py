"""A finding: the verdict on one incident under one truce, with the reasoning that led to it."""
from __future__ import annotations

from dataclasses import dataclass, field

VERDICTS = ["violation", "probable violation", "possible violation", "not a violation", "out of scope",
            "undetermined", "unattributable"]
# The rules a verdict can rest on (Finding.rule).
RULES = {
    "status": "the reports say it did not happen, or only that it is planned or hypothetical",
    "time window": "it happened outside the truce's time window",
    "area": "it happened outside the truce's area",
    "provisions": "the truce does not prohibit the act",
    "unplaced or undated": "it cannot be placed in the truce's time or area",
    "grade": "the verdict follows the best attribution grade of a party",
    "two independent sources": "a prohibited act attested by two independent sources whose every "
                               "named perpetrator is a party is at least a probable violation",
    "capability": "no report names who did it, and the truce's capabilities say who alone could",
    "not a party": "who did it is excluded, not a party, or exempted",
    "unattributable": "no report names who did it",
}
# How the act is pinned on its perpetrator, kept apart from whether the act happened.
ATTRIBUTIONS = ("claimed", "attested", "single source", "contested", "likely by capability", "none")
# Ladder for caps: a cap can only lower a violation verdict, never raise it.
STRENGTH = {"violation": 3, "probable violation": 2, "possible violation": 1}


def deciding_step(trace: list[str]) -> str:
    """The step that settled a verdict: the last one that is not the verdict or its rule restated."""
    steps = [t for t in trace if not t.startswith(("verdict:", "rule:", "cap:", "exclusions considered:",
                                                   "exemptions considered:"))]
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
    rule: str | None = None  # the rule that decided the verdict (RULES), also written into the trace
    attribution: str | None = None  # how the act is pinned on a party (ATTRIBUTIONS), apart from the act

    def decide(self, verdict: str, rule: str, why: str) -> str:
        """Settle the verdict by one rule and say so in the trace."""
        self.verdict, self.rule = verdict, rule
        self.trace.append(f"rule: {rule}: {why}")
        return verdict

    def as_dict(self) -> dict:
        return {"incident": self.incident, "truce": self.truce, "verdict": self.verdict, **self.summary,
                "rule": self.rule, "attribution": self.attribution,
                "provisions": self.provisions, "parties": [p.as_dict() for p in self.parties],
                "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
                "trace": self.trace}
