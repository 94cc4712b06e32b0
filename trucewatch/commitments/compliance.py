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

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from math import cos, radians

from trucewatch.incidents.families import tolerances, types_in_family
from trucewatch.incidents.model import Incident
from trucewatch.truce.checker import TruceChecker
from trucewatch.truce.findings import STRENGTH, Finding
from trucewatch.truce.terms import provisions_data

from .area import commitment_area, one_party_terms, settings
from .assessment import Assessment, DayCount, Window
from .index import IncidentIndex, located
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


def _bounds(area) -> tuple[float, float, float, float]:
    """The area's lon/lat box, widened by the largest place uncertainty the checker allows."""
    rings = area.outline_lonlat()
    lons = [x for ring in rings for x, _ in ring] or [area.lon0]
    lats = [y for ring in rings for _, y in ring] or [area.lat0]
    margin = max(float(v) for v in tolerances()["place_radius_km"].values() if v is not None)
    margin = min(margin, 200.0)
    dlat = margin / KM_PER_DEGREE
    dlon = margin / (KM_PER_DEGREE * max(cos(radians(area.lat0)), 0.1))
    return min(lons) - dlon, min(lats) - dlat, max(lons) + dlon, max(lats) + dlat


def _inside(inc: Incident, bounds) -> bool:
    if not located(inc):
        return True  # coarse or unplaced: the checker's place step decides
    west, south, east, north = bounds
    return west <= inc.location.lon <= east and south <= inc.location.lat <= north


def _days(start: datetime, end: datetime) -> list[date]:
    return [start.date() + timedelta(days=n) for n in range((end.date() - start.date()).days + 1)]


def _deciding(finding: Finding) -> str:
    steps = [t for t in finding.trace if not t.startswith(("verdict:", "exclusions", "exemptions"))]
    return steps[-1] if steps else finding.verdict


class CommitmentChecker:
    """Holds the incident index, so many commitments check fast against the same incidents."""

    def __init__(self, incidents: Iterable[Incident], *, as_of: date | None = None):
        self.index = IncidentIndex(incidents)
        self.as_of = as_of or self.index.latest or date.today()
        self.settings = settings()

    # -- one window
    def _findings(self, commitment: Commitment, checker: TruceChecker, start: datetime, end: datetime,
                  types: frozenset[str], bounds) -> list[tuple[Finding, Incident]]:
        """The checker's findings that count against (or for) the pledge, with their incidents."""
        found = []
        for inc in self.index.party_incidents(commitment.party.key, start.date(), end.date()):
            if types.isdisjoint(inc.types or [inc.type]) or not _inside(inc, bounds):
                continue
            finding = checker.check_one(inc)
            if finding.verdict in STRENGTH:
                found.append((finding, inc))
        return found

    def _reports(self, checker: TruceChecker, start: datetime, end: datetime, bounds) -> Counter:
        """Reports about the area per publication day: documents placing any act inside it."""
        per_day: Counter = Counter()
        seen: set[str] = set()
        placed: dict[str, bool] = {}
        for published, document, inc in self.index.reports_near(bounds, start.date(), end.date()):
            if document in seen:
                continue
            if inc.id not in placed:
                placed[inc.id] = checker.place_of(inc)[0] is None
            if placed[inc.id]:
                seen.add(document)
                per_day[published] += 1
        return per_day

    def _window(self, label: str, commitment: Commitment, area, start: datetime, end: datetime,
                bounds) -> tuple[Window, list[Finding]]:
        checker = TruceChecker(one_party_terms(commitment, start, end), area)
        types = breach_types(tuple(commitment.breached_by), tuple(commitment.obligations))
        found = self._findings(commitment, checker, start, end, types, bounds)
        findings = [f for f, _ in found]
        reports = self._reports(checker, start, end, bounds)
        by_day = Counter(inc.start for _, inc in found if inc.time_precision in DAILY)  # drawable days only
        days = _days(start, end)
        window = Window(label=label, start=start, end=end, days=len(days), breaches=len(findings),
                        reports=sum(reports.values()), incidents=[f.incident for f in findings],
                        daily=[DayCount(day=d, breaches=by_day[d], reports=reports[d]) for d in days])
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
        bounds = _bounds(area)
        after, broken = self._window("after", c, area, start, end, bounds)
        span = min(after.days, int(self.settings["before_days_max"]))
        before, earlier = self._window("before", c, area, start - timedelta(days=span),
                                       start - timedelta(minutes=1), bounds)
        trace.append(f"after ({start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}): {after.summary()}")
        trace.append(f"before ({before.start:%Y-%m-%d %H:%M} to {before.end:%Y-%m-%d %H:%M}): {before.summary()}")
        for f in broken:
            trace.append(f"breach: {f.incident} ({f.summary.get('start')}, {f.summary.get('type')}, "
                         f"{f.summary.get('place')}): {f.verdict} — {_deciding(f)}")
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
    if c.starts.precision not in ("day",):
        caveats.append(f"Its start is known only as {c.starts.precision} ({c.starts.how}); it is checked "
                       f"from {c.starts.at:%Y-%m-%d %H:%M}.")
    return caveats


def assess(commitments: Iterable[Commitment], incidents: Iterable[Incident], *,
           as_of: date | None = None) -> list[Assessment]:
    """One assessment per commitment, against these incidents, as of `as_of` (default: the latest
    report's publication day)."""
    checker = CommitmentChecker(incidents, as_of=as_of)
    return [checker.assess(c) for c in commitments]
