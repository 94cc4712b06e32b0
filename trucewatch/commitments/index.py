"""Incidents indexed by party and day, and reports by place cell and day.

Checking hundreds of pledges against 100,000 incidents must not compare every pair: a pledge
needs only its own party's incidents inside its windows, and only the reports published in its
windows near its area. Sorted day lists and quarter-degree cells give those by bisection.
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

CELL_DEGREES = 0.25  # about 28 km: a pledge's area and margin span a few cells


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


def _cells(box: tuple[float, float, float, float]) -> Iterator[tuple[int, int]]:
    west, south, east, north = box
    (r0, c0), (r1, c1) = _cell(south, west), _cell(north, east)
    return ((row, column) for row in range(r0, r1 + 1) for column in range(c0, c1 + 1))


@dataclass
class DayList:
    """Items sorted by a day number; `longest` is the longest span any item covers, so a query for
    items overlapping [first, last] can start at first - longest."""

    days: list[int] = field(default_factory=list)
    items: list = field(default_factory=list)
    longest: int = 0

    def add(self, day: int, item, span: int = 0) -> None:
        self.days.append(day)
        self.items.append(item)
        self.longest = max(self.longest, span)

    def finish(self) -> "DayList":
        order = sorted(range(len(self.days)), key=self.days.__getitem__)
        self.days = [self.days[i] for i in order]
        self.items = [self.items[i] for i in order]
        return self

    def overlapping(self, first: int, last: int) -> list:
        lo = bisect_left(self.days, first - self.longest)
        hi = bisect_right(self.days, last)
        return self.items[lo:hi]


def incidents_by_start(incidents: Iterable[Incident]) -> DayList:
    """Dated incidents sorted by their first day, for `overlapping` queries."""
    found = DayList()
    for inc in incidents:
        if inc.start is not None:
            first = inc.start.toordinal()
            found.add(first, inc, (inc.end or inc.start).toordinal() - first)
    return found.finish()


def overlapping_incidents(day_list: DayList, first: date, last: date) -> list[Incident]:
    """The incidents of a `incidents_by_start` list whose span overlaps [first, last]."""
    lo = first.toordinal()
    return [inc for inc in day_list.overlapping(lo, last.toordinal()) if (inc.end or inc.start).toordinal() >= lo]


class IncidentIndex:
    """Precisely placed incidents by quarter-degree cell (only the cells the pledges' areas cover,
    when their boxes are given), and the others — placed only to a province or country, or not at
    all — by party key (only the pledges' parties, when given)."""

    def __init__(self, incidents: Iterable[Incident], *, parties: set[str] | None = None,
                 boxes: Iterable[tuple[float, float, float, float]] | None = None):
        self.by_cell: dict[tuple[int, int], list[Incident]] = defaultdict(list)
        loose: dict[str, list[Incident]] = defaultdict(list)  # coarse or unplaced
        cells = None if boxes is None else {cell for box in boxes for cell in _cells(box)}
        self._keys: dict[str, set[str]] = {}
        for inc in incidents:
            if located(inc):
                cell = _cell(inc.location.lat, inc.location.lon)
                if cells is None or cell in cells:
                    self.by_cell[cell].append(inc)
            elif inc.parties:
                for key in self.keys(inc):
                    if parties is None or key in parties:
                        loose[key].append(inc)
        self.loose = {key: incidents_by_start(found) for key, found in loose.items()}

    def keys(self, inc: Incident) -> set[str]:
        """The incident's party keys (`party_keys`), worked out once."""
        found = self._keys.get(inc.id)
        if found is None:
            found = self._keys[inc.id] = party_keys(inc)
        return found

    def loose_incidents(self, key: str, first: date, last: date) -> list[Incident]:
        """The party's coarsely placed or unplaced incidents whose span overlaps [first, last]."""
        found = self.loose.get(key.casefold())
        return overlapping_incidents(found, first, last) if found is not None else []

    def incidents_near(self, box: tuple[float, float, float, float]) -> Iterator[Incident]:
        """Precisely placed incidents inside the lon/lat box (west, south, east, north)."""
        west, south, east, north = box
        for cell in _cells(box):
            for inc in self.by_cell.get(cell, ()):
                if west <= inc.location.lon <= east and south <= inc.location.lat <= north:
                    yield inc


def latest_report(incidents: Iterable[Incident]) -> date | None:
    """The newest publication day among the incidents' reports (an incident's mentions come earliest
    first, undated last, so only an undated last one needs the others read)."""
    latest = None
    for inc in incidents:
        published = inc.mentions[-1].document.published if inc.mentions else None
        if published is None:
            published = max((m.document.published for m in inc.mentions if m.document.published), default=None)
        if published is not None and (latest is None or published > latest):
            latest = published
    return latest
