"""The report's commitments section: each pledge in force during the period, with its verdict,
its sources' words, the incidents that break it and a small before/after chart."""
from __future__ import annotations

from datetime import date

from trucewatch.commitments.assessment import COMMITMENT_VERDICTS, VERDICT_COLOURS
from trucewatch.commitments.export import overlaps

from .svg import before_after_chart


def before_after_svg(view) -> str:
    """The pledge's small before/after chart (report and web page alike); "" until it is assessed."""
    a = view.assessment
    if a is None or a.after is None or a.before is None:
        return ""
    days = [d.model_dump() for d in a.before.daily + a.after.daily]
    labels = (f"before: {a.before.per_day:.2f}/day, {a.before.reports} reports",
              f"after: {a.after.per_day:.2f}/day, {a.after.reports} reports")
    return before_after_chart(days, len(a.before.daily), labels, chart_id=f"chart-{view.commitment.id}")


def _finding_view(finding: dict, known: set[str]) -> dict:
    return {"id": finding["incident"], "linked": finding["incident"] in known, "verdict": finding["verdict"],
            "when": finding.get("start"), "type": (finding.get("type") or "").replace("_", " "),
            "place": finding.get("place"), "trace": finding.get("trace", [])}


def commitment_views(views, start: date, end: date, known_incidents: set[str]) -> list[dict]:
    """Plain values for the templates: pledges whose interval overlaps [start, end], worst verdict first.

    `known_incidents` are those the report shows, so an incident a pledge names links to its finding.
    """
    shown = [commitment_view(view, known_incidents) for view in views if overlaps(view, start, end)]
    order = COMMITMENT_VERDICTS + ["unchecked"]
    return sorted(shown, key=lambda v: order.index(v["verdict"]))


def commitment_view(view, known_incidents: set[str]) -> dict:
    """One pledge as plain values for a template: who, what, where, when, how firm, who says so,
    the verdict and its windows, the incidents breaking or fulfilling it, the chart."""
    c, a = view.commitment, view.assessment
    return {
        "id": c.id, "title": f"{c.label} by {c.party.label}", "place": c.place_label,
        "promise": ("stops " if c.promise == "stops" else "will do ") + ", ".join(x.replace("_", " ") for x in c.acts),
        "interval": c.interval_label(), "start_how": c.starts.how, "firmness": c.firmness.grade,
        "firmness_reasons": c.firmness.reasons, "sources": c.firmness.independent_sources,
        "conditional": c.conditional, "condition": c.condition, "origin": c.origin, "note": c.note,
        "reports": [{"outlet": r.outlet, "published": r.published.isoformat() if r.published else "undated",
                     "who": r.claimant.text if r.claimant else "the outlet itself", "reporter": r.reporter,
                     "quote": r.quote} for r in c.reports],
        "verdict": view.verdict, "colour": VERDICT_COLOURS.get(view.verdict, "#555"),
        "reason": a.reason if a else "not checked", "as_of": a.as_of.isoformat() if a else None,
        "before": a.before.summary() if a and a.before else None,
        "after": a.after.summary() if a and a.after else None,
        "breaches": [_finding_view(f, known_incidents) for f in (a.breaches if a else [])],
        "done": [_finding_view(f, known_incidents) for f in (a.fulfilled_by if a else [])],
        "trace": a.trace if a else [], "caveats": a.caveats if a else [], "chart_svg": before_after_svg(view),
    }
