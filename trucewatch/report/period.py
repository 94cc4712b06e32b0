"""What a report counts: incidents in the period and in the previous period of the same length."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from trucewatch.daymath import shift
from trucewatch.incidents.actors import party_label as actor_label
from trucewatch.incidents.model import Incident
from trucewatch.truce.findings import STRENGTH  # the violation verdicts, weakest to strongest


DAILY_PRECISIONS = {"day", "days"}


@dataclass
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        return Period(shift(self.start, -timedelta(days=self.days)), shift(self.start, -timedelta(days=1)))

    def contains(self, inc: Incident) -> bool:
        """An incident belongs to every period its dates overlap (undated ones belong to none).

        A clinic shelled "earlier this month" may fall in this period; leaving it out because the
        month began before the period would hide it, so an imprecise incident can count in both
        this period and the previous one (the report's caveats say how many do).
        """
        if inc.start is None:
            return False
        end = inc.end or inc.start
        return inc.start <= self.end and end >= self.start

    def label(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def counts_by_type(incidents: list[Incident]) -> Counter:
    return Counter(inc.type for inc in incidents)


def counts_by_party(incidents: list[Incident]) -> Counter:
    """Incidents per attributed party, one row per party key (discounted attributions left out).

    Parties are resolved actors only (see trucewatch.incidents.actors); unresolved wording is
    counted apart by `count_unidentified`.
    """
    counter: Counter = Counter()
    for inc in incidents:
        for label in {party_label(g) for g in inc.parties if g.grade != "Discounted"}:
            counter[label] += 1
    return counter


def count_unidentified(incidents: list[Incident]) -> int:
    """Incidents whose reports name a perpetrator only in words no dictionary resolved."""
    return sum(1 for inc in incidents if not inc.parties and getattr(inc, "unidentified_actors", None))


def party_label(grade) -> str:
    """"Syria (SYR)" for a state keyed by its code, else the party's dictionary name."""
    return getattr(grade, "label", "") or actor_label(grade.party)


def compare(current: Counter, previous: Counter) -> list[dict]:
    """Rows of key, count now, count before, change; largest first."""
    keys = sorted(set(current) | set(previous), key=lambda k: (-current.get(k, 0), -previous.get(k, 0), k))
    return [{"key": k, "now": current.get(k, 0), "before": previous.get(k, 0),
             "change": current.get(k, 0) - previous.get(k, 0)} for k in keys]


def daily(incidents: list[Incident], period: Period, findings_by_incident: dict) -> list[dict]:
    """Per day of the period: incidents dated to that day (day precision, or the first of a few
    days), and how many of them are possible, probable or certain violations."""
    rows = {period.start + timedelta(days=i): {"all": 0, "violations": 0} for i in range(period.days)}
    for inc in incidents:
        if inc.time_precision not in DAILY_PRECISIONS:
            continue  # a month-long interval has no day to be drawn on
        if inc.start in rows:
            rows[inc.start]["all"] += 1
            f = findings_by_incident.get(inc.id)
            if f is not None and f.verdict in STRENGTH:
                rows[inc.start]["violations"] += 1
    return [{"day": d, **v} for d, v in sorted(rows.items())]
