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
from functools import lru_cache
from math import floor

import numpy as np

from trucewatch.incidents.actors import STATE_SECTORS
from trucewatch.incidents.families import tolerances
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
        for inc in incidents:
            if located(inc):
                cell = _cell(inc.location.lat, inc.location.lon)
                if cells is None or cell in cells:
                    self.by_cell[cell].append(inc)
            elif inc.parties:
                for key in party_keys(inc):
                    if parties is None or key in parties:
                        loose[key].append(inc)
        self.loose = {key: incidents_by_start(found) for key, found in loose.items()}
        self._cell_arrays: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def loose_incidents(self, key: str, first: date, last: date) -> list[Incident]:
        """The party's coarsely placed or unplaced incidents whose span overlaps [first, last]."""
        found = self.loose.get(key.casefold())
        return overlapping_incidents(found, first, last) if found is not None else []

    def _arrays(self, cell: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Latitudes, longitudes and place uncertainties (km) of a cell's incidents, made once."""
        found = self._cell_arrays.get(cell)
        if found is None:
            incidents = self.by_cell[cell]
            radius = place_radii()
            found = self._cell_arrays[cell] = (
                np.fromiter((i.location.lat for i in incidents), float, len(incidents)),
                np.fromiter((i.location.lon for i in incidents), float, len(incidents)),
                np.fromiter((radius.get(i.location.precision, 0.0) for i in incidents), float, len(incidents)))
        return found

    def near(self, box: tuple[float, float, float, float]) -> tuple[list[Incident], np.ndarray, np.ndarray,
                                                                       np.ndarray]:
        """Precisely placed incidents inside the lon/lat box (west, south, east, north), with their
        latitudes, longitudes and place uncertainties as arrays."""
        west, south, east, north = box
        incidents, parts = [], []
        for cell in _cells(box):
            if cell not in self.by_cell:
                continue
            lats, lons, radii = self._arrays(cell)
            keep = np.flatnonzero((lons >= west) & (lons <= east) & (lats >= south) & (lats <= north))
            cell_incidents = self.by_cell[cell]
            incidents += [cell_incidents[i] for i in keep]
            parts.append((lats[keep], lons[keep], radii[keep]))
        if not parts:
            empty = np.empty(0)
            return incidents, empty, empty, empty
        return incidents, *(np.concatenate([part[n] for part in parts]) for n in range(3))


@lru_cache(maxsize=1)
def place_radii() -> dict[str, float]:
    """How far a point given at each place precision may be from the real place (km)."""
    return {k: float(v) for k, v in tolerances()["place_radius_km"].items()}


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
