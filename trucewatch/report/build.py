"""Gather what a report shows into one plain dict: counts, daily series, map points, findings, caveats."""
from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

from trucewatch.incidents.actors import party_label as actor_label
from trucewatch.incidents.actors import value_key
from trucewatch.incidents.model import Incident
from trucewatch.truce.area import build_area
from trucewatch.truce.checker import COARSE, TruceChecker, check
from trucewatch.truce.findings import VERDICTS, Finding, deciding_step
from trucewatch.truce.terms import TruceTerms

from trucewatch.commitments.assessment import VERDICT_COLOURS as COMMITMENT_COLOURS

from .commitments import commitment_views
from .evidence import highlighted, highlighted_md
from .safety import md_autolink, web_link
from .period import DAILY_PRECISIONS, Period, compare, count_unidentified, counts_by_party, counts_by_type, daily, party_label
from .svg import VERDICT_COLOURS, daily_chart, incident_map

DETAILED = ["violation", "probable violation", "possible violation", "undetermined", "unattributable"]
SUMMARISED = ["not a violation", "out of scope"]  # listed last, folded, with counts
MAP_FOCUS_KM = 300  # incidents farther than this from the truce area are listed, not drawn


def country_outlines() -> dict | None:
    """Natural Earth outlines from the places package (its data file if the function is not there yet)."""
    try:
        from trucewatch.places import country_outlines as outlines
        return outlines()
    except (ImportError, AttributeError):
        pass
    path = Path(__file__).resolve().parent.parent / "places" / "data" / "country_outlines.geojson.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    return None


def conflict_provinces(area, incidents: list[Incident]) -> dict | None:
    """Province (admin-1) outlines of the conflict's country: the truce area's countries, else the
    country most of the incidents are in; None where the package ships no provinces for it."""
    try:
        from trucewatch.places.areas import admin1_outlines
        from trucewatch.places.index import DATA_DIR
    except ImportError:
        return None
    countries = set(getattr(area, "countries", None) or ())
    if not countries:
        located = Counter(i.location.country for i in incidents if i.location and i.location.country)
        countries = {located.most_common(1)[0][0]} if located else set()
    if not countries:
        return None
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as handle:
        iso2 = {row["iso3"]: row["iso2"] for row in csv.DictReader(handle, delimiter="\t")}
    wanted = {iso2.get(c, c) for c in countries}
    features = [f for f in admin1_outlines()["features"] if f["properties"].get("country") in wanted]
    return {"type": "FeatureCollection", "features": features} if features else None


def _value_label(value: str | None) -> str | None:
    """A claim's value as readers see parties: "Syria (SYR)" for "SYR" or "Syria"; other values as given."""
    key = value_key(value)
    return actor_label(key) if key else value


def _mention_view(inc: Incident, m) -> dict:
    text = m.document.text
    return {
        "outlet": m.outlet, "document": m.document.id, "ref": m.document.ref, "url": m.document.url,
        "link": web_link(m.document.url), "md_link": md_autolink(m.document.url),
        "published": m.document.published.isoformat() if m.document.published else "undated",
        "cluster": inc.source_clusters.get(m.document.id, 0), "type": m.event.type,
        "evidence": [{"html": highlighted(text, s.start, s.end), "md": highlighted_md(text, s.start, s.end)}
                     for s in m.event.evidence],
        "claims": [{"claimant": c.claimant.text, "stance": c.stance.replace("_", " "), "about": c.about,
                    "value": _value_label(c.value), "html": highlighted(text, c.start, c.end),
                    "md": highlighted_md(text, c.start, c.end)} for c in m.event.claims],
    }


def _document_views(inc: Incident) -> list[dict]:
    """One block per report: a report telling the act in several sentences is one source, not several."""
    views: dict[str, dict] = {}
    for m in inc.mentions:
        view = _mention_view(inc, m)
        seen = views.get(m.document.id)
        if seen is None:
            views[m.document.id] = view
            continue
        if view["type"] not in seen["type"].split(" / "):
            seen["type"] += " / " + view["type"]
        for part in ("evidence", "claims"):
            seen[part] += [x for x in view[part] if x not in seen[part]]
    return list(views.values())


def _range(r) -> str:
    if r.low is None and r.high is None:
        return "none reported"
    if r.low == r.high:
        return f"{r.best}"
    return f"{r.low}–{r.high} (best {r.best})"


def place_label(loc) -> str:
    """The place as a reader should see it; words no gazetteer resolved are marked as such."""
    if loc is None:
        return "unknown place"
    if loc.name:
        return loc.name
    words = " ".join((loc.text or "").split())
    return f"“{words}” (place not resolved)" if words else "unknown place"


def _incident_view(inc: Incident, finding: Finding | None) -> dict:
    loc = inc.location
    when = "undated" if inc.start is None else (
        inc.start.isoformat() if inc.start == inc.end else f"{inc.start} to {inc.end}")
    return {
        "id": inc.id, "type": inc.type.replace("_", " "), "when": when, "time_precision": inc.time_precision,
        "place": place_label(loc),
        "place_precision": loc.precision if loc else "unknown",
        "independent_sources": inc.independent_sources, "documents": len(inc.documents),
        "outlets": inc.outlets, "act_disputed": inc.act_disputed, "act_dispute_reasons": inc.act_dispute_reasons,
        "parties": [{"party": party_label(g), "grade": g.grade, "sources": g.independent_sources,
                     "reasons": g.reasons} for g in inc.parties],
        "unidentified": list(getattr(inc, "unidentified_actors", [])),
        "fatalities": _range(inc.fatalities), "injured": _range(inc.injured),
        "casualty_figures": [{"kind": kind, "figure": f.best if f.best is not None else f.low, "text": f.text,
                              "outlet": f.source.outlet} for kind, r in (("killed", inc.fatalities),
                                                                         ("injured", inc.injured))
                             for f in r.figures],
        "mentions": _document_views(inc),
        "verdict": finding.verdict if finding else "unchecked",
        "colour": VERDICT_COLOURS.get(finding.verdict if finding else "", "#555"),
        "provisions": finding.provisions if finding else [],
        "trace": finding.trace if finding else [],
        "why": deciding_step(finding.trace if finding else []),
    }


def _leading(views: list[dict]) -> list[dict]:
    """The findings that need a reader's eye, worst verdict first, then by date."""
    chosen = [v for v in views if v["verdict"] in DETAILED]
    return sorted(chosen, key=lambda v: DETAILED.index(v["verdict"]))  # stable: date order kept within


def _by_type(current: list[Incident], previous: list[Incident], prohibited: set[str]) -> list[dict]:
    """Counts per act type, the types the truce prohibits first (flagged), then all others."""
    rows = compare(counts_by_type(current), counts_by_type(previous))
    for row in rows:
        row["prohibited"] = row["key"] in prohibited
    return sorted(rows, key=lambda r: not r["prohibited"])  # stable: largest first within each


def _map_points(incidents: list[Incident], by_incident: dict, area) -> tuple[list[dict], list[dict], list[dict]]:
    """Points to draw near the area; incidents too far away to draw on the same map; and those
    located only to a province or country, whose centre point would suggest a place nobody reported."""
    points, far, coarse = [], [], []
    for i in incidents:
        if not i.location:
            continue
        place = place_label(i.location)
        point = {"lon": i.location.lon, "lat": i.location.lat, "id": i.id,
                 "verdict": by_incident[i.id].verdict if i.id in by_incident else "",
                 "label": f"{i.start} {i.type.replace('_', ' ')} at {place}", "place": place,
                 "precision": i.location.precision}
        if i.location.precision in COARSE or i.location.lat is None or i.location.lon is None:
            coarse.append(point)  # no honest point to draw
            continue
        try:
            distance = area.distance_km(i.location.lat, i.location.lon)
        except Exception:  # an area without geometry: draw everything
            distance = 0.0
        if distance > MAP_FOCUS_KM:
            far.append({**point, "distance_km": round(distance)})
        else:
            points.append(point)
    return points, far, coarse


def _commitments(incidents: list[Incident], views, start: date, end: date, known: set[str]) -> list[dict]:
    """The pledges in force during the period; without views given, those extracted from the
    incidents, judged as of the period's end (or the newest report, when that is earlier)."""
    if views is None:
        from trucewatch.commitments import evaluate

        latest = max((m.document.published for i in incidents for m in i.mentions if m.document.published),
                     default=end)
        views = evaluate(incidents, as_of=min(end, latest))
    return commitment_views(views, start, end, known)


def report_data(truce: TruceTerms, incidents, findings: list[Finding] | None = None, *,
                start: date, end: date, commitments=None) -> dict:
    """Everything the HTML and Markdown templates need, as plain values.

    `commitments` are CommitmentViews (trucewatch.commitments) to show; None: read them from the incidents.
    """
    incidents = list(incidents)
    findings = findings if findings is not None else check(truce, incidents)
    by_incident = {f.incident: f for f in findings}
    period = Period(start, end)
    before = period.previous()
    current = [i for i in incidents if period.contains(i)]
    previous = [i for i in incidents if before.contains(i)]
    undated = [i for i in incidents if i.start is None]
    considered = sorted(current, key=lambda i: (i.start, i.id)) + undated
    n = max(len(considered), 1)
    area = build_area(truce)
    checker = TruceChecker(truce, area)
    points, far, coarse_points = _map_points(current, by_incident, area)
    views = [_incident_view(i, by_incident.get(i.id)) for i in considered]
    verdict_counts = {v: sum(1 for x in views if x["verdict"] == v) for v in VERDICTS}
    addressed_now = [i for i in current if checker.provisions_of(i)]
    addressed_before = [i for i in previous if checker.provisions_of(i)]
    imprecise = [i for i in current if i.time_precision not in DAILY_PRECISIONS]
    straddling = [i for i in current if before.contains(i)]
    coarse = sum(1 for i in considered if not i.location or i.location.precision in COARSE)
    return {
        "truce": truce, "period": period, "previous": before,
        "party_labels": [actor_label(value_key(p) or p) for p in truce.parties],
        "excluded_labels": [actor_label(value_key(p) or p) for p in truce.excluded],
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "by_type": _by_type(current, previous, {i.type for i in addressed_now + addressed_before}),
        "by_party": compare(counts_by_party(addressed_now), counts_by_party(addressed_before)),
        "unidentified_perpetrators": {"now": count_unidentified(addressed_now),
                                      "before": count_unidentified(addressed_before)},
        "totals": {"now": len(current), "before": len(previous), "undated": len(undated)},
        "verdict_counts": verdict_counts, "colours": VERDICT_COLOURS,
        "chart_svg": daily_chart(daily(current, period, by_incident)),
        "map_svg": incident_map(points, country_outlines(), area.outline_lonlat(),
                                admin_areas=conflict_provinces(area, current)),
        "map_far": far, "map_coarse": coarse_points, "map_focus_km": MAP_FOCUS_KM,
        "detailed": _leading(views),
        "others": [v for v in views if v["verdict"] not in DETAILED],
        "other_groups": [{"verdict": verdict, "incidents": [v for v in views if v["verdict"] == verdict]}
                         for verdict in SUMMARISED + ["unchecked"]
                         if any(v["verdict"] == verdict for v in views)],
        "caveats": {
            "single_source": sum(1 for i in considered if i.independent_sources <= 1) / n,
            "undated": len(undated) / n,
            "coarse_place": coarse / n,
            "considered": len(considered),
            "imprecise": len(imprecise) / n,
            "straddling": len(straddling),
        },
        "area": area.description,
        "commitments": _commitments(incidents, commitments, start, end, {i.id for i in considered}),
        "commitment_colours": COMMITMENT_COLOURS,
    }
