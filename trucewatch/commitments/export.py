"""Stored commitments as JSON Lines (whole records with their assessment) or flat CSV rows,
through the generic writers of `trucewatch.exports`."""
from __future__ import annotations

from datetime import date
from typing import Any

from trucewatch.errors import InputError, TruceWatchError
from trucewatch.exports import ExportCounts, Shape, export_records_counted

Row = dict[str, Any]


def _window(view, key: str) -> Row:
    window = getattr(view.assessment, key, None) if view.assessment else None
    if window is None:
        return {f"{key}_{k}": None for k in ("days", "incidents", "per_day", "reports")}
    return {f"{key}_days": window.days, f"{key}_incidents": window.breaches,
            f"{key}_per_day": round(window.per_day, 3), f"{key}_reports": window.reports}


def flat_commitment_row(view) -> Row:
    """One commitment per row: its pledge, firmness and latest verdict, every field flat."""
    c, a = view.commitment, view.assessment
    place = c.place
    return {
        "commitment_id": c.id, "kind": c.kind, "promise": c.promise, "party": c.party.key,
        "party_label": c.party.label, "acts": "; ".join(c.acts),
        "place": c.place_label if place else None, "country": place.country if place else None,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "place_precision": place.precision if place else None,
        "starts": c.starts.at.isoformat(timespec="minutes"), "starts_precision": c.starts.precision,
        "starts_text": c.starts.text, "ends": c.ends.at.isoformat(timespec="minutes") if c.ends else None,
        "ends_text": c.ends.text if c.ends else None, "conditional": c.conditional, "condition": c.condition,
        "firmness": c.firmness.grade, "firmness_rank": c.firmness.rank,
        "independent_sources": c.firmness.independent_sources, "reports": len(c.reports),
        "outlets": "; ".join(sorted({r.outlet for r in c.reports})), "origin": c.origin,
        "verdict": view.verdict, "reason": a.reason if a else None,
        "as_of": a.as_of.isoformat() if a else None, **_window(view, "before"), **_window(view, "after"),
        "breach_incidents": "; ".join(a.after.incidents) if a and a.after else None,
    }


COLUMNS = [
    "commitment_id", "kind", "promise", "party", "party_label", "acts", "place", "country", "latitude",
    "longitude", "place_precision", "starts", "starts_precision", "starts_text", "ends", "ends_text",
    "conditional", "condition", "firmness", "firmness_rank", "independent_sources", "reports", "outlets",
    "origin", "verdict", "reason", "as_of", "before_days", "before_incidents", "before_per_day",
    "before_reports", "after_days", "after_incidents", "after_per_day", "after_reports", "breach_incidents",
]


def whole_record(view) -> Row:
    return view.as_dict()


COMMITMENT_SHAPES = {
    "jsonl": Shape(whole_record, "jsonl"),
    "csv": Shape(flat_commitment_row, "csv", COLUMNS),
}


def overlaps(view, start: date | None, end: date | None) -> bool:
    """Kept when the pledge's interval (open-ended: from its start on) overlaps [start, end]."""
    c = view.commitment
    first, last = c.starts.at.date(), c.ends.at.date() if c.ends else None
    return (end is None or first <= end) and (start is None or last is None or last >= start)


def export_commitments_counted(store, fmt: str, out=None, *, start: date | None = None,
                               end: date | None = None, raw_cells: bool = False) -> ExportCounts:
    """Write the stored commitments (built by `check` or `commitments check`) in `fmt`."""
    from .api import list_commitments

    if fmt not in COMMITMENT_SHAPES:
        raise InputError(fmt, f"unknown export format for commitments; choose one of {', '.join(COMMITMENT_SHAPES)}")
    views = list_commitments(store)
    if not views:
        raise TruceWatchError("there are no stored commitments yet: run `trucewatch commitments check` "
                              "or `trucewatch check TRUCE.yaml` first")
    return export_records_counted([v for v in views if overlaps(v, start, end)], COMMITMENT_SHAPES[fmt], out,
                                  raw_cells=raw_cells)
