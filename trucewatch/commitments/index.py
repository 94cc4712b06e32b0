"""Incidents indexed by party and day, and reports by place cell and day.

Checking hundreds of pledges against 100,000 incidents must not compare every pair: a pledge
needs only its own party's incidents inside its windows, and only the reports published in its
windows near its area. Sorted day lists and 1-degree cells give those by bisection.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from math import floor

from trucewatch.incidents.actors import STATE_SECTORS
from trucewatch.incidents.model import Incident
from trucewatch.truce.checker import COARSE

CELL_DEGREES = 1.0


def party_keys(incident: Incident) -> set[str]:
    """The keys a truce party entry can match an incident's graded parties by (as the checker
    does: a party's key or name, and a state's ISO3 for its forces)."""
    keys = set()
    for grade in incident.parties:
        keys.update(v.casefold() for v in (grade.party, grade.name) if v)
        if grade.country and (grade.sector in STATE_SECTORS or grade.party == grade.country):
            keys.add(grade.country.casefold())
    return keys


def located(incident: Incident) -> bool:
    loc = incident.location
    return loc is not None and loc.lat is not None and loc.lon is not None and loc.precision not in COARSE


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return floor(lat / CELL_DEGREES), floor(lon / CELL_DEGREES)


@dataclass
class _DayList:
    """Items sorted by a day number; `longest` is the longest span any item covers, so a query for
    items overlapping [first, last] can start at first - longest."""

    days: list[int] = field(default_factory=list)
    items: list = field(default_factory=list)
    longest: int = 0

    def finish(self) -> None:
        order = sorted(range(len(self.days)), key=self.days.__getitem__)
        self.days = [self.days[i] for i in order]
        self.items = [self.items[i] for i in order]

    def overlapping(self, first: int, last: int) -> Iterator:
        lo = bisect_left(self.days, first - self.longest)
        hi = bisect_right(self.days, last)
        return iter(self.items[lo:hi])


class IncidentIndex:
    def __init__(self, incidents: Iterable[Incident]):
        self.by_party: dict[str, _DayList] = defaultdict(_DayList)
        self.by_cell: dict[tuple[int, int], _DayList] = defaultdict(_DayList)
        self.latest: date | None = None
        for inc in incidents:
            self._add(inc)
        for table in (self.by_party, self.by_cell):
            for day_list in table.values():
                day_list.finish()

    def _add(self, inc: Incident) -> None:
        if inc.start is not None:
            first = inc.start.toordinal()
            span = (inc.end or inc.start).toordinal() - first
            for key in party_keys(inc):
                entry = self.by_party[key]
                entry.days.append(first)
                entry.items.append(inc)
                entry.longest = max(entry.longest, span)
        seen = set()
        for m in inc.mentions:
            published = m.document.published
            if published is None or m.document.id in seen:
                continue
            seen.add(m.document.id)
            if self.latest is None or published > self.latest:
                self.latest = published
            if located(inc):
                entry = self.by_cell[_cell(inc.location.lat, inc.location.lon)]
                entry.days.append(published.toordinal())
                entry.items.append((published, m.document.id, inc))

    def party_incidents(self, key: str, first: date, last: date) -> Iterator[Incident]:
        """The party's dated incidents whose span overlaps [first, last] (a few more, never fewer)."""
        entry = self.by_party.get(key.casefold())
        if entry is None:
            return iter(())
        lo, hi = first.toordinal(), last.toordinal()
        return (inc for inc in entry.overlapping(lo, hi) if (inc.end or inc.start).toordinal() >= lo)

    def reports_near(self, bounds: tuple[float, float, float, float], first: date,
                     last: date) -> Iterator[tuple[date, str, Incident]]:
        """(published, document id, incident) of precisely placed reports published in [first, last]
        inside the lon/lat box (west, south, east, north)."""
        west, south, east, north = bounds
        (r0, c0), (r1, c1) = _cell(south, west), _cell(north, east)
        lo, hi = first.toordinal(), last.toordinal()
        for row in range(r0, r1 + 1):
            for column in range(c0, c1 + 1):
                entry = self.by_cell.get((row, column))
                if entry is None:
                    continue
                for published, document, inc in entry.overlapping(lo, hi):
                    loc = inc.location
                    if west <= loc.lon <= east and south <= loc.lat <= north:
                        yield published, document, inc
