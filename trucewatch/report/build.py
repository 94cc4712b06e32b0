"""Gather what a report shows into one plain dict: counts, daily series, map points, findings, caveats."""
from __future__ import annotations

import gzip
import json
from datetime import date, datetime, timezone
from pathlib import Path

from trucewatch.incidents.model import Incident
from trucewatch.truce.area import build_area
from trucewatch.truce.checker import check
from trucewatch.truce.findings import VERDICTS, Finding
from trucewatch.truce.terms import TruceTerms

from .evidence import highlighted, highlighted_md
from .period import Period, compare, counts_by_party, counts_by_type, daily
from .svg import VERDICT_COLOURS, daily_chart, incident_map

DETAILED = ["violation", "probable violation", "possible violation", "unattributable", "undetermined"]


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


def _mention_view(inc: Incident, m) -> dict:
    text = m.document.text
    return {
        "outlet": m.outlet, "document": m.document.id, "ref": m.document.ref, "url": m.document.url,
        "published": m.document.published.isoformat() if m.document.published else "undated",
        "cluster": inc.source_clusters.get(m.document.id, 0), "type": m.event.type,
        "evidence": [{"html": highlighted(text, s.start, s.end), "md": highlighted_md(text, s.start, s.end)}
                     for s in m.event.evidence],
        "claims": [{"claimant": c.claimant.text, "stance": c.stance.replace("_", " "), "about": c.about,
                    "value": c.value, "html": highlighted(text, c.start, c.end),
                    "md": highlighted_md(text, c.start, c.end)} for c in m.event.claims],
    }


def _range(r) -> str:
    if r.low is None and r.high is None:
        return "none reported"
    if r.low == r.high:
        return f"{r.best}"
    return f"{r.low}–{r.high} (best {r.best})"


def _incident_view(inc: Incident, finding: Finding | None) -> dict:
    loc = inc.location
    when = "undated" if inc.start is None else (
        inc.start.isoformat() if inc.start == inc.end else f"{inc.start} to {inc.end}")
    return {
        "id": inc.id, "type": inc.type.replace("_", " "), "when": when, "time_precision": inc.time_precision,
        "place": (loc.name or loc.text) if loc else "unknown place",
        "place_precision": loc.precision if loc else "unknown",
        "independent_sources": inc.independent_sources, "documents": len(inc.documents),
        "outlets": inc.outlets, "act_disputed": inc.act_disputed, "act_dispute_reasons": inc.act_dispute_reasons,
        "parties": [{"party": g.party, "grade": g.grade, "sources": g.independent_sources,
                     "reasons": g.reasons} for g in inc.parties],
        "fatalities": _range(inc.fatalities), "injured": _range(inc.injured),
        "casualty_figures": [{"kind": kind, "figure": f.best if f.best is not None else f.low, "text": f.text,
                              "outlet": f.source.outlet} for kind, r in (("killed", inc.fatalities),
                                                                         ("injured", inc.injured))
                             for f in r.figures],
        "mentions": [_mention_view(inc, m) for m in inc.mentions],
        "verdict": finding.verdict if finding else "unchecked",
        "colour": VERDICT_COLOURS.get(finding.verdict if finding else "", "#555"),
        "provisions": finding.provisions if finding else [],
        "trace": finding.trace if finding else [],
    }


def report_data(truce: TruceTerms, incidents, findings: list[Finding] | None = None, *,
                start: date, end: date) -> dict:
    """Everything the HTML and Markdown templates need, as plain values."""
    incidents = list(incidents)
    findings = findings if findings is not None else check(truce, incidents)
    by_incident = {f.incident: f for f in findings}
    period = Period(start, end)
    before = period.previous()
    current = [i for i in incidents if period.contains(i)]
    previous = [i for i in incidents if before.contains(i)]
    undated = [i for i in incidents if i.start is None]
    considered = current + undated
    n = max(len(considered), 1)
    area = build_area(truce)
    points = [{"lon": i.location.lon, "lat": i.location.lat, "id": i.id,
               "verdict": by_incident[i.id].verdict if i.id in by_incident else "",
               "label": f"{i.start} {i.type.replace('_', ' ')} at {i.location.name or i.location.text}"}
              for i in current if i.location and i.location.lat is not None]
    views = [_incident_view(i, by_incident.get(i.id)) for i in considered]
    verdict_counts = {v: sum(1 for x in views if x["verdict"] == v) for v in VERDICTS}
    coarse = sum(1 for i in considered if not i.location or i.location.precision in ("admin1", "country", "region", "unknown"))
    return {
        "truce": truce, "period": period, "previous": before,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "by_type": compare(counts_by_type(current), counts_by_type(previous)),
        "by_party": compare(counts_by_party(current), counts_by_party(previous)),
        "totals": {"now": len(current), "before": len(previous), "undated": len(undated)},
        "verdict_counts": verdict_counts, "colours": VERDICT_COLOURS,
        "chart_svg": daily_chart(daily(current, period, by_incident)),
        "map_svg": incident_map(points, country_outlines(), area.outline_lonlat()),
        "detailed": [v for v in views if v["verdict"] in DETAILED],
        "others": [v for v in views if v["verdict"] not in DETAILED],
        "caveats": {
            "single_source": sum(1 for i in considered if i.independent_sources <= 1) / n,
            "undated": len(undated) / n,
            "coarse_place": coarse / n,
            "considered": len(considered),
        },
        "area": area.description,
    }
