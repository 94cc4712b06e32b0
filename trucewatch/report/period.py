"""What a report counts: incidents in the period and in the previous period of the same length."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from trucewatch.incidents.model import Incident


@dataclass
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def contains(self, inc: Incident) -> bool:
        """An incident belongs to the period it starts in (undated ones belong to none)."""
        return inc.start is not None and self.start <= inc.start <= self.end

    def label(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def counts_by_type(incidents: list[Incident]) -> Counter:
    return Counter(inc.type for inc in incidents)


def counts_by_party(incidents: list[Incident]) -> Counter:
    """Incidents per attributed party (discounted attributions left out)."""
    counter: Counter = Counter()
    for inc in incidents:
        for label in {party_label(g) for g in inc.parties if g.grade != "Discounted"}:
            counter[label] += 1
    return counter


def party_label(grade) -> str:
    """"Syria (SYR)" for a state keyed by its code, else the party's key."""
    if grade.name and grade.name != grade.party:
        return f"{grade.name} ({grade.party})"
    return grade.party


def compare(current: Counter, previous: Counter) -> list[dict]:
    """Rows of key, count now, count before, change; largest first."""
    keys = sorted(set(current) | set(previous), key=lambda k: (-current.get(k, 0), -previous.get(k, 0), k))
    return [{"key": k, "now": current.get(k, 0), "before": previous.get(k, 0),
             "change": current.get(k, 0) - previous.get(k, 0)} for k in keys]


def daily(incidents: list[Incident], period: Period, findings_by_incident: dict) -> list[dict]:
    """Per day of the period: incidents starting that day, and how many are (probable) violations."""
    rows = {period.start + timedelta(days=i): {"all": 0, "violations": 0} for i in range(period.days)}
    for inc in incidents:
        if inc.start in rows:
            rows[inc.start]["all"] += 1
            f = findings_by_incident.get(inc.id)
            if f is not None and f.verdict in ("violation", "probable violation", "possible violation"):
                rows[inc.start]["violations"] += 1
    return [{"day": d, **v} for d, v in sorted(rows.items())]
