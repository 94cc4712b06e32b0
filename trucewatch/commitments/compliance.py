"""Did the party keep its pledge? The truce checker, run on the pledge as a one-party truce.

For each commitment: the party's incidents of the acts it promised to stop, in its area, in the
window after it began and in an equal window before (at most `before_days_max`), each given a
verdict by `trucewatch.truce.TruceChecker` — the same steps, grades and caps as any truce finding —
and the reports about the area read in each window. Then:
- broken: an incident after the start is a violation or probable violation (it is listed);
- possibly broken: only possible violations (a single source, a contested attribution, a
  vague date or place);
- kept: none, over at least `min_days` days and `min_reports` reports about the area (or, for a
  pledge to act, a report that the party did it);
- not yet assessable: too few days, no reports, no identified party or no place to check.
"""
from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from math import cos, radians

import numpy as np

from trucewatch.daymath import shift
from trucewatch.incidents.families import tolerances, types_in_family
from trucewatch.incidents.model import Incident
from trucewatch.truce.checker import COARSE, TruceChecker
from trucewatch.truce.findings import STRENGTH, Finding, deciding_step
from trucewatch.truce.terms import provisions_data

from .area import area_key, commitment_area, one_party_terms, settings
from .assessment import Assessment, Window
from .index import DayList, IncidentIndex, incidents_by_start, latest_report, overlapping_incidents, party_keys
from .record import Commitment

END_OF_DAY = time(23, 59)
DAILY = {"day", "days"}
KM_PER_DEGREE = 111.32


@lru_cache(maxsize=256)
def breach_types(prohibited: tuple[str, ...], obligations: tuple[str, ...]) -> frozenset[str]:
    """Every act type an incident may have to break these terms: a quick filter before checking."""
    data = provisions_data()
    types: set[str] = set()
    for entry in prohibited:
        special = data["special_prohibitions"].get(entry)
        for family in (special["families"] if special else [entry]):
            types |= types_in_family(family) | {family}
    for obligation in obligations:
        types |= set(data["obligations"][obligation]["breached_by"])
    return frozenset(types)


@lru_cache(maxsize=1)
def _fine_margin() -> float:
    """The largest place uncertainty of a precisely placed incident (coarser ones are not on the grid)."""
    radius = tolerances()["place_radius_km"]
    return max(float(v) for k, v in radius.items() if k not in COARSE)


def _bounds(area) -> tuple[float, float, float, float]:
    """The area's lon/lat box, widened by the largest place uncertainty the checker allows."""
    rings = area.outline_lonlat()
    lons = [x for ring in rings for x, _ in ring] or [area.lon0]
    lats = [y for ring in rings for _, y in ring] or [area.lat0]
    margin = _fine_margin()
    dlat = margin / KM_PER_DEGREE
    dlon = margin / (KM_PER_DEGREE * max(cos(radians(area.lat0)), 0.1))
    return min(lons) - dlon, min(lats) - dlat, max(lons) + dlon, max(lats) + dlat


class CommitmentChecker:
    """Holds the incident index, so many commitments check fast against the same incidents."""

    def __init__(self, incidents: Iterable[Incident], *, as_of: date | None = None,
                 commitments: Iterable[Commitment] | None = None):
        """`commitments`, when known in advance, narrow the index to their parties and areas."""
        incidents = list(incidents)
        self.settings = settings()
        self._areas: dict[tuple, tuple[list[int], list[date], list[Incident]]] = {}  # see `_area`
        self._boxes: dict[tuple, tuple[float, float, float, float]] = {}
        self._party_areas: dict[tuple, dict[str, DayList]] = {}  # see `_party_inside`
        parties = boxes = None
        if commitments is not None:
            commitments = list(commitments)
            parties = {c.party.key.casefold() for c in commitments if c.party.key}
            boxes = [self._bounds(c, a) for c, a in ((c, commitment_area(c)) for c in commitments) if a is not None]
        self.index = IncidentIndex(incidents, parties=parties, boxes=boxes)
        self.as_of = as_of or latest_report(incidents) or date.today()

    def _bounds(self, commitment: Commitment, area) -> tuple[float, float, float, float]:
        key = area_key(commitment.place)
        if key not in self._boxes:
            self._boxes[key] = _bounds(area)
        return self._boxes[key]

    # -- one window
    def _findings(self, commitment: Commitment, checker: TruceChecker, start: datetime, end: datetime,
                  types: frozenset[str], bounds) -> list[tuple[Finding, Incident]]:
        """The checker's findings that count against (or for) the pledge, with their incidents.

        Candidates are the party's precisely placed incidents inside the area and its coarsely
        placed or unplaced ones (whose place the checker's own step caps or settles); precisely
        placed incidents outside the area would only be found out of scope.
        """
        first, last = start.date(), end.date()
        candidates = overlapping_incidents(self._party_inside(commitment, checker.area, bounds), first, last)
        candidates += self.index.loose_incidents(commitment.party.key, first, last)
        found = []
        for inc in candidates:
            if types.isdisjoint(inc.types or (inc.type,)):
                continue
            finding = checker.check_one(inc)
            if finding.verdict in STRENGTH:
                found.append((finding, inc))
        return found

    def _area(self, commitment: Commitment, area, bounds) -> tuple[list[int], list[date], list[Incident]]:
        """For the pledge's area, worked out once (many pledges name the same place): publication
        days (ordinals, sorted) of every report placing an act inside it, and the precisely placed
        incidents inside it.

        Inside means what the truce checker's place step means for a precisely placed incident
        (within the area, or within its place's uncertainty of it), computed for all at once.
        """
        key = area_key(commitment.place)
        if key not in self._areas:
            near, lats, lons, radii = self.index.near(bounds)
            inside = [near[n] for n in np.flatnonzero(area.distances_km(lats, lons) <= radii)]
            published: dict[str, date] = {}
            for inc in inside:
                for m in inc.mentions:
                    if m.document.published is not None:
                        published[m.document.id] = m.document.published
            days = sorted(published.values())
            self._areas[key] = ([d.toordinal() for d in days], days, inside)
        return self._areas[key]

    def _party_inside(self, commitment: Commitment, area, bounds) -> DayList:
        """The party's precisely placed incidents inside the area, by first day (worked out once per
        area for every party at once)."""
        key = area_key(commitment.place)
        if key not in self._party_areas:
            by_party: dict[str, list[Incident]] = defaultdict(list)
            for inc in self._area(commitment, area, bounds)[2]:
                for party in party_keys(inc):
                    by_party[party].append(inc)
            self._party_areas[key] = {party: incidents_by_start(found) for party, found in by_party.items()}
        return self._party_areas[key].get(commitment.party.key.casefold()) or DayList()

    def _reports(self, commitment: Commitment, area, start: datetime, end: datetime, bounds) -> Counter:
        """Reports about the area per publication day within [start, end]."""
        ordinals, days, _ = self._area(commitment, area, bounds)
        lo = bisect_left(ordinals, start.date().toordinal())
        hi = bisect_right(ordinals, end.date().toordinal())
        return Counter(days[lo:hi])

    def _window(self, label: str, commitment: Commitment, area, start: datetime, end: datetime,
                bounds) -> tuple[Window, list[Finding]]:
        checker = TruceChecker(one_party_terms(commitment, start, end), area)
        types = breach_types(tuple(commitment.breached_by), tuple(commitment.obligations))
        found = self._findings(commitment, checker, start, end, types, bounds)
        findings = [f for f, _ in found]
        reports = self._reports(commitment, area, start, end, bounds)
        by_day = Counter(inc.start for _, inc in found if inc.time_precision in DAILY)  # drawable days only
        window = Window(label=label, start=start, end=end, days=(end.date() - start.date()).days + 1,
                        breaches=len(findings), reports=sum(reports.values()),
                        incidents=[f.incident for f in findings], breaches_by_day=dict(by_day),
                        reports_by_day=dict(reports))
        return window, findings

    def _fulfilment(self, commitment: Commitment, area, end: datetime, bounds) -> list[Finding]:
        """Reports that the party did what it pledged to do, from the earliest it could have begun."""
        if not commitment.performs:
            return []
        start = datetime.combine(commitment.starts.earliest, time.min)
        checker = TruceChecker(one_party_terms(commitment, start, end, prohibited=commitment.performs,
                                               obligations=[]), area)
        return [f for f, _ in self._findings(commitment, checker, start, end, frozenset(commitment.performs), bounds)]

    # -- the whole assessment
    def assess(self, commitment: Commitment) -> Assessment:
        c = commitment
        trace = [f"pledge: {c.label} by {c.party.label} at {c.place_label}, {c.interval_label()}; "
                 f"{c.firmness.grade} ({c.firmness.independent_sources} independent source(s))"]
        caveats = _caveats(c)

        def unassessable(reason: str, **windows) -> Assessment:
            trace.append(f"verdict: not yet assessable — {reason}")
            return Assessment(commitment=c.id, verdict="not yet assessable", reason=reason, as_of=self.as_of,
                              trace=trace, caveats=caveats, **windows)

        if c.party.key is None:
            return unassessable(f"the committing party ('{c.party.label}') is not an identified actor")
        area = commitment_area(c)
        if area is None:
            return unassessable(f"its place ({c.place_label}) is unknown or too vague to draw an area")
        trace.append(f"area: {area.description}")
        latest = datetime.combine(self.as_of, END_OF_DAY)
        if c.starts.at > latest:
            return unassessable(f"it begins {c.starts.at:%Y-%m-%d %H:%M}, after the latest report "
                                f"({self.as_of.isoformat()})")
        start, end = c.starts.at, min(c.ends.at, latest) if c.ends else latest
        bounds = self._bounds(c, area)
        after, broken = self._window("after", c, area, start, end, bounds)
        span = min(after.days, int(self.settings["before_days_max"]))
        before, _ = self._window("before", c, area, shift(start, -timedelta(days=span)),
                                       shift(start, -timedelta(minutes=1)), bounds)
        trace.append(f"after ({start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}): {after.summary()}")
        trace.append(f"before ({before.start:%Y-%m-%d %H:%M} to {before.end:%Y-%m-%d %H:%M}): {before.summary()}")
        for f in broken:
            trace.append(f"breach: {f.incident} ({f.summary.get('start')}, {f.summary.get('type')}, "
                         f"{f.summary.get('place')}): {f.verdict} — {deciding_step(f.trace)}")
        done = self._fulfilment(c, area, end, bounds)
        for f in done:
            trace.append(f"done: {f.incident} ({f.summary.get('start')}, {f.summary.get('type')}) "
                         f"reported as done by {c.party.label}")
        verdict, reason = self._verdict(c, after, broken, done)
        trace.append(f"verdict: {verdict} — {reason}")
        return Assessment(commitment=c.id, verdict=verdict, reason=reason, as_of=self.as_of, after=after,
                          before=before, breaches=[f.as_dict() for f in broken],
                          fulfilled_by=[f.as_dict() for f in done], trace=trace, caveats=caveats)

    def _verdict(self, c: Commitment, after: Window, broken: list[Finding], done: list[Finding]) -> tuple[str, str]:
        strongest = max((STRENGTH[f.verdict] for f in broken), default=0)
        acts = ", ".join(a.replace("_", " ") for a in c.breached_by + c.obligations)
        if broken:
            kinds = Counter(f.verdict for f in broken)
            listing = ", ".join(f"{n} {v}" for v, n in kinds.most_common())
            verdict = "broken" if strongest >= STRENGTH["probable violation"] else "possibly broken"
            return verdict, (f"{len(broken)} incident(s) of {acts} attributed to {c.party.label} in the area "
                             f"after it began ({listing})")
        if done:
            return "kept", f"{len(done)} report(s) that {c.party.label} did it"
        if after.days < int(self.settings["min_days"]):
            return "not yet assessable", (f"only {after.days} day(s) between its start and the latest "
                                          f"report ({self.as_of.isoformat()})")
        if after.reports < int(self.settings["min_reports"]):
            return "not yet assessable", "no report about its area since it began"
        if c.promise == "performs":
            return "not yet assessable", ("no report says it was done (a missing report is no proof "
                                          "that it was not)")
        return "kept", (f"no incident of {acts} attributed to {c.party.label} in the area in "
                        f"{after.days} day(s), over {after.reports} report(s) about the area")


def _caveats(c: Commitment) -> list[str]:
    caveats = ["Fewer reports is not fewer acts: compare the reports read in each window before "
               "reading a drop in incidents as restraint."]
    if c.conditional:
        caveats.append(f"The pledge is conditional ({c.condition}): a breach may answer the other side "
                       "not meeting the condition.")
    if c.firmness.grade in ("alleged", "disputed", "retracted"):
        caveats.append(f"The pledge itself is {c.firmness.grade}: {c.firmness.reasons[-1] if c.firmness.reasons else ''}".rstrip(": "))
    if c.starts.precision != "day":
        caveats.append(f"Its start is known only as {c.starts.precision} ({c.starts.how}); it is checked "
                       f"from {c.starts.at:%Y-%m-%d %H:%M}.")
    return caveats


def assess(commitments: Iterable[Commitment], incidents: Iterable[Incident], *,
           as_of: date | None = None) -> list[Assessment]:
    """One assessment per commitment, against these incidents, as of `as_of` (default: the latest
    report's publication day)."""
    commitments = list(commitments)
    with _collector_spared():
        checker = CommitmentChecker(incidents, as_of=as_of, commitments=commitments)
        return [checker.assess(c) for c in commitments]


@contextmanager
def _collector_spared() -> Iterator[None]:
    """Hide the incidents (long-lived, a million objects at scale) from the cyclic garbage collector
    while the findings are made, so its collections scan only the new objects; they are given back after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
