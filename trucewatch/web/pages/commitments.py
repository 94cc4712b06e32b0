"""Commitment pages: the list (filtered by verdict and party, paged) and one pledge with its
verdict, before/after chart (the report's), the claims that report it and links to its incidents."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup

from trucewatch.commitments.assessment import COMMITMENT_VERDICTS
from trucewatch.query.commitments import commitment_incidents, get_commitment, list_commitment_page
from trucewatch.report.commitments import commitment_view

from ..deps import get_store, require
from .common import page

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/commitments")
def commitments_page(request: Request, who=Depends(require("read")), store=Depends(get_store)):
    params = request.query_params
    verdicts, party = params.getlist("verdict"), params.get("party") or None
    found = list_commitment_page(store, verdict=verdicts, party=party, cursor=params.get("cursor"), limit=PAGE_SIZE)
    next_url = str(request.url.include_query_params(cursor=found.next_cursor)) if found.next_cursor else None
    return page(request, "commitments.html", who, found=found, next_url=next_url, chosen=verdicts, party=party or "",
                verdicts=[*COMMITMENT_VERDICTS, "unchecked"],
                rows=[{"view": v, "shown": commitment_view(v, set())} for v in found.items])


@router.get("/commitments/{commitment_id}")
def commitment_page(commitment_id: str, request: Request, who=Depends(require("read")), store=Depends(get_store)):
    view = get_commitment(store, commitment_id)
    shown = commitment_view(view, set())
    return page(request, "commitment.html", who, c=view.commitment, a=view.assessment, shown=shown,
                chart=Markup(shown["chart_svg"]), incidents=commitment_incidents(view))
