"""Stored commitments for the web: filtered, paged by key like the other records, and the incidents
each one names (its statement, the incidents that break or fulfil it, those in its windows).

Commitments are few (one per pledge, not per report), so they are filtered in memory through
`trucewatch.commitments.list_commitments`; the cursor is (start, id), so a page's `next` stays
right when a check adds pledges meanwhile.
"""
from __future__ import annotations

from datetime import date, datetime

from trucewatch.errors import NotFound

from .base import Page, check_limit, check_order, decode_cursor, encode_cursor
from .filters import _choices, _clean, _list

ROLES = ("statement", "breaks", "fulfils", "after", "before")  # why a commitment names an incident


def commitment_verdict_names() -> list[str]:
    from trucewatch.commitments.assessment import COMMITMENT_VERDICTS

    return [*COMMITMENT_VERDICTS, "unchecked"]


def list_commitment_page(store, *, verdict=None, party=None, kind=None, date_after: date | None = None,
                         date_before: date | None = None, cursor: str | None = None, limit: int = 50,
                         order: str = "asc") -> Page:
    """A page of CommitmentViews, earliest start first (or last, `order="desc"`).

    `verdict` takes several values (repeated or with commas; "_" for a space); `party` matches
    the party's key (ISO3 or actor name) or label, ignoring case; dates keep pledges whose
    interval overlaps them (inclusive)."""
    from trucewatch.commitments import list_commitments
    from trucewatch.commitments.export import overlaps

    limit, descending = check_limit(limit), check_order(order)
    verdicts = set(_choices("verdict", _list("verdict", verdict), commitment_verdict_names()))
    kinds = set(_list("kind", kind))
    views = [v for v in list_commitments(store, party=_clean("party", party))
             if (not verdicts or v.verdict in verdicts) and (not kinds or v.commitment.kind in kinds)
             and overlaps(v, date_after, date_before)]
    views.sort(key=_key, reverse=descending)
    position = decode_cursor(cursor, (datetime, str))
    if position is not None:
        position = tuple(position)
        views_after = [v for v in views if (_key(v) < position if descending else _key(v) > position)]
    else:
        views_after = views
    shown = views_after[:limit]
    more = len(views_after) > limit
    next_cursor = encode_cursor(list(_key(shown[-1]))) if more and shown else None
    return Page(items=shown, next_cursor=next_cursor, total=len(views))


def _key(view) -> tuple[datetime, str]:
    return view.commitment.starts.at.replace(tzinfo=None), view.commitment.id


def get_commitment(store, commitment_id: str):
    """One stored commitment by its exact id; NotFound (a 404 on the web) otherwise."""
    from trucewatch.commitments import list_commitments

    found = [v for v in list_commitments(store) if v.commitment.id == commitment_id]
    if not found:
        raise NotFound(f"There is no commitment '{commitment_id}' (commitments are stored by "
                       f"`trucewatch commitments check` or `trucewatch check`).")
    return found[0]


def commitment_incidents(view) -> list[dict]:
    """Each incident the commitment names, once, with why (ROLES) and its verdict under the pledge."""
    c, a = view.commitment, view.assessment
    named: dict[str, dict] = {}

    def add(incident_id: str | None, role: str, verdict: str | None = None) -> None:
        if incident_id and incident_id not in named:
            named[incident_id] = {"id": incident_id, "role": role, "verdict": verdict,
                                  "href": f"/api/v1/incidents/{incident_id}", "page": f"/incidents/{incident_id}"}

    if c.origin == "extracted":
        add(c.source, "statement")
    for role, findings in (("breaks", a.breaches if a else []), ("fulfils", a.fulfilled_by if a else [])):
        for finding in findings:
            add(finding["incident"], role, finding.get("verdict"))
    for role, window in (("after", a.after if a else None), ("before", a.before if a else None)):
        for incident_id in (window.incidents if window else []):
            add(incident_id, role)
    return list(named.values())
