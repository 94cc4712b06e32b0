"""/api/v1/truces: terms (create and edit with the YAML file's validation), checks, reports, area."""
from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from trucewatch.errors import TruceWatchError
from trucewatch.report.from_store import report_from_store
from trucewatch.truce.area import build_area
from trucewatch.truce.run import run_check
from trucewatch.truce.stored import create_truce, get_truce, list_truces, update_truce

from ..deps import get_store, require
from ..problems import responses
from ..security import csp_allowing
from .models import CheckOut, TruceEdit, TruceIn, TruceOut

router = APIRouter(tags=["truces"])


def _terms(body: TruceIn) -> dict:
    if (body.yaml is None) == (body.terms is None):
        raise TruceWatchError("Give the terms either as `yaml` (text) or as `terms` (an object), not both.")
    return {"text": body.yaml} if body.yaml is not None else {"data": body.terms}


@router.get("/truces", summary="List truces", response_model=list[TruceOut], responses=responses(401, 403, 422))
def truces_list(who=Depends(require("read")), store=Depends(get_store)):
    return JSONResponse([truce.as_dict() for truce in list_truces(store)])


@router.post("/truces", summary="Create a truce", status_code=201, response_model=TruceOut,
             responses=responses(400, 401, 403, 409, 422))
def truce_create(body: TruceIn, request: Request, who=Depends(require("manage_truces")), store=Depends(get_store)):
    """Validated exactly like a truce YAML file (names checked against the actor dictionary, area
    places against the gazetteer); an area given as a GeoJSON file path is refused over the API."""
    created = create_truce(store, **_terms(body), actor=who.actor(request), reason=body.reason,
                           source=None)
    return JSONResponse(created.as_dict(), status_code=201, headers={"ETag": f'"{created.version}"'})


@router.get("/truces/{truce_id}", summary="One truce", response_model=TruceOut, responses=responses(401, 403, 404, 422))
def truce_get(truce_id: str, who=Depends(require("read")), store=Depends(get_store)):
    found = get_truce(store, truce_id)
    return JSONResponse(found.as_dict(), headers={"ETag": f'"{found.version}"'})


@router.put("/truces/{truce_id}", summary="Edit a truce's terms", response_model=TruceOut,
            responses=responses(400, 401, 403, 404, 409, 422))
def truce_edit(truce_id: str, body: TruceEdit, request: Request, who=Depends(require("manage_truces")),
               store=Depends(get_store)):
    """Replaces the terms if the truce is still at `version`; otherwise 409 with the changes made
    since (who, when, before -> after, why), and nothing is saved."""
    changed = update_truce(store, truce_id, version=body.version, **_terms(body), actor=who.actor(request),
                           reason=body.reason)
    return JSONResponse(changed.as_dict(), headers={"ETag": f'"{changed.version}"'})


@router.post("/truces/{truce_id}/check", summary="Check the stored incidents against this truce",
             response_model=CheckOut, responses=responses(400, 401, 403, 404, 422))
def truce_check(truce_id: str, request: Request, who=Depends(require("edit")), store=Depends(get_store)):
    """Fuses the stored events, checks them against the truce and saves incidents and findings."""
    stored = get_truce(store, truce_id)
    _, incidents, findings = run_check(stored.parsed(), store, actor=who.actor(request))
    return JSONResponse({"truce": stored.name, "incidents": len(incidents),
                         "verdicts": dict(Counter(f.verdict for f in findings))})


@router.get("/truces/{truce_id}/report", summary="The report for a period (HTML or Markdown)",
            response_model=None, responses={200: {"content": {"text/html": {"schema": {"type": "string"}},
                                                              "text/markdown": {"schema": {"type": "string"}}}},
                                            **responses(400, 401, 403, 404, 422)})
def truce_report(truce_id: str, date_after: str = Query(..., description="First day (YYYY-MM-DD)."),
                 date_before: str = Query(..., description="Last day, inclusive (YYYY-MM-DD)."),
                 format: str = Query("html", pattern="^(html|md)$"), who=Depends(require("read")),
                 store=Depends(get_store)):
    from trucewatch.query.filters import parse_day

    start, end = parse_day("date_after", date_after), parse_day("date_before", date_before)
    if start is None or end is None:
        raise TruceWatchError("Give the period as date_after and date_before (YYYY-MM-DD).")
    stored = get_truce(store, truce_id)
    text = report_from_store(store, stored.parsed(), start=start, end=end, format=format)
    if format == "md":
        return Response(text, media_type="text/markdown; charset=utf-8")
    return Response(text, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": csp_allowing(text)})


@router.get("/truces/{truce_id}/area", summary="The truce area as GeoJSON", response_model=None,
            responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}},
                       **responses(400, 401, 403, 404, 422)})
def truce_area(truce_id: str, who=Depends(require("read")), store=Depends(get_store)):
    stored = get_truce(store, truce_id)
    rings = build_area(stored.parsed()).outline_lonlat()
    geometry = {"type": "MultiPolygon", "coordinates": [[[list(point) for point in ring]] for ring in rings]}
    return JSONResponse({"type": "Feature", "geometry": geometry, "properties": {"name": stored.name}},
                        media_type="application/geo+json")
