"""`check(truce, incidents)`: a verdict per incident, each step written into a trace.

Steps: did it happen (status) -> inside the time window -> inside the area -> which provisions
does the act touch -> who did it, and are they a party, excluded or exempted -> grade to verdict
-> caps for imprecise time or place and for a disputed act. The act is judged apart from the
actor: two independent sources attesting a prohibited act whose every named perpetrator is a party
make it at least a probable violation however contested the attribution; with no named
perpetrator, only the truce's own `capabilities` entries may name a likely one. Each finding says
which rule decided it (`Finding.rule`, and a "rule:" line in the trace).
"""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from trucewatch.daymath import shift
from trucewatch.incidents.actors import STATE_SECTORS
from trucewatch.incidents.attribution import attesting_sources
from trucewatch.incidents.families import family_of, ontology_family_of, tolerances
from trucewatch.incidents.model import Incident, PartyGrade

from .area import Area, build_area
from .findings import STRENGTH, Finding, PartyFinding, capped
from .terms import TruceTerms, load_truce, provisions_data

GRADE_VERDICT = {"Confirmed": "violation", "Fair": "probable violation", "Weak": "possible violation",
                 "Contested": "possible violation"}
COARSE = {"admin1", "country", "region", "unknown"}


class TruceChecker:
    """Holds the resolved area and provision tables so many incidents check fast."""

    def __init__(self, terms: TruceTerms, area: Area | None = None):
        self.terms = terms
        self.area = area or build_area(terms)
        data = provisions_data()
        self.special = data["special_prohibitions"]
        self.obligation_acts = {o: set(data["obligations"][o]["breached_by"]) for o in terms.obligations}
        self.radius = tolerances()["place_radius_km"]
        self.window_end = shift(terms.end, timedelta(minutes=1) if terms.end.second == 0 else timedelta(0))

    # -- steps
    def _time(self, inc: Incident, trace: list[str]) -> tuple[str | None, str | None]:
        """(verdict if decided, cap) for the time window."""
        t = self.terms
        window = f"{t.start:%Y-%m-%d %H:%M} to {t.end:%Y-%m-%d %H:%M} ({t.timezone})"
        if inc.start is None:
            trace.append(f"time: the reports give no usable date, so whether it falls in {window} is unknown")
            return "undetermined", None
        lo = datetime.combine(inc.start, datetime.min.time())
        hi = shift(datetime.combine(inc.end, datetime.min.time()), timedelta(days=1))
        span = inc.start.isoformat() if inc.start == inc.end else f"{inc.start} to {inc.end}"
        if hi <= t.start:
            trace.append(f"time: {span} ({inc.time_precision}) is before the truce began ({window})")
            return "out of scope", None
        if lo >= self.window_end:
            trace.append(f"time: {span} ({inc.time_precision}) is after the truce ended ({window})")
            return "out of scope", None
        if lo >= t.start and hi <= self.window_end:
            trace.append(f"time: {span} ({inc.time_precision}) is inside the window {window}")
            return None, None
        trace.append(f"time: {span} ({inc.time_precision} precision) overlaps the window {window} only "
                     "partly, so at most a possible violation")
        return None, "possible violation"

    def _place(self, inc: Incident, trace: list[str]) -> tuple[str | None, str | None, float | None]:
        loc = inc.location
        area = self.area
        if loc is None:
            trace.append("place: the reports give no location")
            return "undetermined", None, None
        precision = loc.precision
        label = loc.name or loc.text
        if precision in COARSE or loc.lat is None or loc.lon is None:
            if precision == "admin1" and loc.admin1 and area.admin1s:
                inside = loc.admin1.casefold() in area.admin1s
            else:
                inside = bool(loc.country) and loc.country in area.countries
            if inside:
                level = "country" if precision == "unknown" else precision
                trace.append(f"place: located only to the {level} ({' '.join(label.split())}), which contains the "
                             f"area ({area.description}) but is larger than it, so at most a possible violation")
                return None, "possible violation", None
            if not loc.country or not area.countries:
                where = "was not found in the gazetteer" if precision == "unknown" else f"is located only to the {precision}"
                trace.append(f"place: '{' '.join(label.split())}' {where}; cannot tell whether it is in the area")
                return "undetermined", None, None
            trace.append(f"place: {label} ({precision}) does not contain the area ({area.description})")
            return "out of scope", None, None
        distance = area.distance_km(loc.lat, loc.lon)
        uncertainty = float(self.radius.get(precision, 0))
        if distance == 0:
            trace.append(f"place: {label} ({precision}) is inside the area ({area.description})")
            return None, None, 0.0
        if distance <= uncertainty:
            trace.append(f"place: {label} is {distance:.1f} km outside the area, within its {precision} "
                         f"precision of {uncertainty:g} km, so at most a possible violation")
            return None, "possible violation", distance
        trace.append(f"place: {label} ({precision}) is {distance:.1f} km outside the area ({area.description})")
        return "out of scope", None, distance

    def provisions_of(self, inc: Incident) -> list[str]:
        """The provisions the incident's act touches, whatever its time, place or perpetrator."""
        return self._provisions(inc)

    def place_of(self, inc: Incident) -> tuple[str | None, str | None, float | None]:
        """The place step alone: (verdict if decided, cap, distance in km), for callers that only
        ask whether an incident lies in the area (which reports speak of it, say)."""
        return self._place(inc, [])

    def _provisions(self, inc: Incident) -> list[str]:
        types = set(inc.types) or {inc.type}
        found = []
        for entry in self.terms.prohibited:
            if entry in self.special:
                fams = set(self.special[entry]["families"])
                sectors = set(self.special[entry].get("protected_sectors", []))
                protected = any(t.protected or t.sector in sectors for m in inc.mentions for t in m.event.targets)
                if protected and any(family_of(t) in fams or ontology_family_of(t) in fams for t in types):
                    found.append(f"prohibited: {entry}")
            elif entry in types or any(family_of(t) == entry or ontology_family_of(t) == entry for t in types):
                found.append(f"prohibited: {entry}")
        for obligation, acts in self.obligation_acts.items():
            if types & acts:
                found.append(f"obligation: {obligation}")
        return found

    def _standing(self, grade: PartyGrade) -> tuple[str, str | None]:
        names = {v.casefold() for v in (grade.party, grade.name) if v}
        is_state = grade.country and (grade.sector in STATE_SECTORS or grade.party == grade.country)
        for entry in self.terms.excluded:
            if entry.casefold() in names:
                return "excluded", entry
        for entry in self.terms.parties:
            if entry.casefold() in names or (len(entry) == 3 and entry.isupper() and is_state
                                             and grade.country == entry):
                return "party", entry
        if not grade.name and not grade.country:
            return "unidentified", None
        return "not a party", None

    def _against_excluded(self, inc: Incident) -> str | None:
        """Acts aimed at an excluded group (its fighters as target, or the other side of a clash)."""
        excluded = {e.casefold(): e for e in self.terms.excluded}
        if not excluded:
            return None
        sides = [t for m in inc.mentions for t in m.event.targets]
        sides += [p for p in inc.parties if p.grade != "Discounted"] if inc.family == "ground_fighting" else []
        for side in sides:
            for label in (getattr(side, "name", None), getattr(side, "party", None), getattr(side, "text", None)):
                if label and label.casefold() in excluded:
                    return f"directed at {excluded[label.casefold()]}, which the truce does not cover"
        return None

    def _exemption(self, inc: Incident, party: str | None) -> str | None:
        for ex in self.terms.exemptions:
            acts_ok = not ex.acts or inc.type in ex.acts or inc.family in ex.acts \
                or ontology_family_of(inc.type) in ex.acts
            party_ok = not ex.parties or (party is not None and party in ex.parties)
            if acts_ok and party_ok:
                return ex.reason
        return None

    # -- the whole check
    def check_one(self, inc: Incident) -> Finding:
        trace: list[str] = []
        summary = {"start": inc.start.isoformat() if inc.start else None,
                   "end": inc.end.isoformat() if inc.end else None, "type": inc.type,
                   "place": inc.place_name}
        finding = Finding(incident=inc.id, verdict="undetermined", truce=self.terms.name, trace=trace,
                          summary=summary)
        if inc.status == "negated":
            finding.decide("not a violation", "status", "nothing happened to judge")
            trace.append("status: the reports say this did not happen")
            return finding
        if inc.status in ("planned", "hypothetical"):
            finding.decide("not a violation", "status", "nothing has happened yet")
            trace.append(f"status: reported as {inc.status}, not as having happened")
            return finding
        caps = []
        decided, cap = self._time(inc, trace)
        caps.append(cap)
        if decided == "out of scope":
            step = trace.pop()
            finding.decide(decided, "time window", "the act falls outside the truce's dates")
            trace.append(step)
            return finding
        place_decided, cap, finding.distance_km = self._place(inc, trace)
        caps.append(cap)
        if place_decided == "out of scope":
            step = trace.pop()
            finding.decide(place_decided, "area", "the act falls outside the truce's area")
            trace.append(step)
            return finding
        finding.provisions = self._provisions(inc)
        if not finding.provisions:
            finding.decide("not a violation", "provisions", "no provision covers this act")
            trace.append(f"provisions: the truce does not prohibit this act ({inc.type.replace('_', ' ')})")
            return finding
        trace.append("provisions: " + "; ".join(finding.provisions))
        if decided or place_decided:
            # where or when is unknown, but who did it may still settle it: an act by an excluded
            # group or a non-party is not a violation wherever it happened
            by_actor, rule, why = self._attribute(inc, finding)
            if by_actor == "not a violation":
                finding.decide(by_actor, rule, why + ", whatever its time or place")
                trace.append("verdict: not a violation, whatever its time or place")
            else:
                where = "time window" if decided else "area"
                finding.decide(decided or place_decided, "unplaced or undated",
                               f"a party may be named, but the act cannot be placed in the truce's {where}")
                trace.append(f"verdict: {finding.verdict}, since it cannot be placed in the truce's {where}")
            return finding
        verdict, rule, why = self._attribute(inc, finding)
        finding.decide(verdict, rule, why)
        if inc.act_disputed and verdict == "violation":
            trace.append("act: whether it happened as described is disputed ("
                         + "; ".join(inc.act_dispute_reasons[:3]) + "), so at most a probable violation")
            caps.append("probable violation")
        for c in caps:
            lowered = capped(verdict, c)
            if lowered != verdict:
                trace.append(f"cap: {verdict} lowered to {lowered} (see the time, place or act steps)")
            verdict = lowered
        finding.verdict = verdict
        trace.append(f"verdict: {verdict}")
        return finding

    def _attribute(self, inc: Incident, finding: Finding) -> tuple[str, str, str]:
        """Who did it: (the verdict it supports, the rule, why); sets the finding's attribution."""
        trace = finding.trace
        if self.terms.excluded:
            trace.append("exclusions considered: " + ", ".join(self.terms.excluded))
        if self.terms.exemptions:
            trace.append("exemptions considered: " + "; ".join(e.reason for e in self.terms.exemptions))
        if not inc.parties or all(self._standing(g)[0] == "unidentified" for g in inc.parties):
            return self._unnamed(inc, finding)
        against_excluded = self._against_excluded(inc)
        best = None
        for grade in inc.parties:
            standing, matched = self._standing(grade)
            pf = PartyFinding(grade.party, grade.grade, standing, matched)
            finding.parties.append(pf)
            if standing == "party":
                pf.exempted_by = self._exemption(inc, matched) or against_excluded
            desc = f"{grade.label or grade.party} ({grade.grade}, {grade.independent_sources} independent source(s))"
            if standing == "excluded":
                trace.append(f"attribution: {desc} is an excluded group ({matched}); the truce does not cover it")
            elif standing == "not a party":
                trace.append(f"attribution: {desc} is not a party to the truce")
            elif standing == "unidentified":
                trace.append(f"attribution: '{grade.party}' is not an identified actor")
            elif pf.exempted_by:
                trace.append(f"attribution: {desc} is a party, but exempted: {pf.exempted_by}")
            else:
                verdict = GRADE_VERDICT.get(grade.grade)
                supports = f"; a {grade.grade} attribution supports at most a {verdict}" if verdict else ""
                trace.append(f"attribution: {desc} is a party ({matched}){supports}")
                if grade.grade == "Discounted":
                    trace.append(f"attribution: the attribution to {grade.party} was retracted")
                    continue
                if verdict and (best is None or STRENGTH[verdict] > STRENGTH[best]):
                    best = verdict
        finding.attribution = self._attribution_label(inc, finding)
        if best:
            return self._floor(inc, finding, best)
        standings = {p.standing for p in finding.parties}
        if standings <= {"unidentified"}:
            return "unattributable", "unattributable", "no identified actor is named"
        return "not a violation", "not a party", "every named perpetrator is excluded, not a party, or exempted"

    @staticmethod
    def _attribution_label(inc: Incident, finding: Finding) -> str:
        grades = {g.grade for g in inc.parties if any(p.party == g.party and p.standing != "unidentified"
                                                      for p in finding.parties)}
        if "Contested" in grades:
            return "contested"
        if "Confirmed" in grades:
            return "claimed"
        if "Fair" in grades:
            return "attested"
        return "single source" if "Weak" in grades else "none"

    def _floor(self, inc: Incident, finding: Finding, best: str) -> tuple[str, str, str]:
        """The act apart from the actor: two independent sources attest a prohibited act and every
        named perpetrator is a party, so a denial or a rival accusation cannot sink the finding
        below a probable violation; the attribution stays marked contested."""
        named = [p for p in finding.parties if p.standing != "unidentified" and p.grade != "Discounted"]
        all_parties = bool(named) and all(p.standing == "party" and not p.exempted_by for p in named)
        attesting = attesting_sources(inc.mentions, inc.source_clusters)
        if attesting >= 2 and all_parties and STRENGTH[best] < STRENGTH["probable violation"]:
            who = ", ".join(p.party for p in named)
            return ("probable violation", "two independent sources",
                    f"{attesting} independent sources attest the act and every named "
                    f"perpetrator ({who}) is a party; attribution {finding.attribution}")
        return best, "grade", f"the best party grade supports a {best}"

    def _capability(self, inc: Incident):
        """The first capabilities entry covering this act, with its index (for the trace)."""
        types = set(inc.types) or {inc.type}
        for index, entry in enumerate(self.terms.capabilities):
            acts = set(entry.acts)
            if any(t in acts or family_of(t) in acts or ontology_family_of(t) in acts for t in types):
                return index, entry
        return None

    def _unnamed(self, inc: Incident, finding: Finding) -> tuple[str, str, str]:
        """No identified perpetrator: a documented capabilities entry may name the likely one;
        nothing else may (no guessing from the act or the place)."""
        trace = finding.trace
        for grade in inc.parties:
            finding.parties.append(PartyFinding(grade.party, grade.grade, "unidentified"))
            trace.append(f"attribution: '{grade.party}' is not an identified actor")
        vague = getattr(inc, "unidentified_actors", [])
        if vague:
            trace.append("attribution: the reports name no identified actor, only "
                         + ", ".join(f"'{v}'" for v in vague) + ", which cannot be graded as parties")
        else:
            trace.append("attribution: no report names who did it")
        found = self._capability(inc)
        if found is None:
            finding.attribution = "none"
            return ("unattributable", "unattributable",
                    "no report names who did it and no capabilities entry of the truce covers this act")
        index, entry = found
        finding.attribution = "likely by capability"
        standings = []
        for key in entry.only:
            standing = "excluded" if key in self.terms.excluded else "party" if key in self.terms.parties \
                else "not a party"
            pf = PartyFinding(key, "Likely (capability)", standing, key if standing != "not a party" else None)
            if standing == "party":
                pf.exempted_by = self._exemption(inc, key)
            finding.parties.append(pf)
            standings.append(standing == "party" and not pf.exempted_by)
        who = " or ".join(entry.only)
        trace.append(f"attribution: likely {who}, by the truce's capabilities[{index}]: {entry.basis}")
        if not all(standings):
            return "unattributable", "capability", f"the means are shared with {who}, not all bound by the truce"
        attesting = attesting_sources(inc.mentions, inc.source_clusters)
        verdict = "probable violation" if attesting >= 2 else "possible violation"
        return (verdict, "capability", f"only {who} had the means (capabilities[{index}]); "
                f"{attesting} independent source(s) attest the act")


def check(truce: TruceTerms | str | Path, incidents) -> list[Finding]:
    """Findings for every incident (an IncidentSet or any iterable of Incidents), in date order.

    `truce` is validated terms or the path of a truce YAML file.
    """
    if not isinstance(truce, TruceTerms):
        truce = load_truce(truce)
    incidents = list(incidents)
    checker = TruceChecker(truce)
    findings = [checker.check_one(inc) for inc in incidents]
    order = {inc.id: (inc.start.isoformat() if inc.start else "9999", inc.id) for inc in incidents}
    return sorted(findings, key=lambda f: order.get(f.incident, ("9999", f.incident)))
