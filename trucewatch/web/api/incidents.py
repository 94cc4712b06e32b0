"""/api/v1/incidents: fused incidents, filtered and paged, in JSON, CSV, ACLED CSV or GeoJSON."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from trucewatch.query import list_incidents
from trucewatch.query.incidents import incident_record
from trucewatch.query.shapes import INCIDENT_PAGE_SHAPES as SHAPES
from trucewatch.query.shapes import incident_rows

from ..deps import get_store, require
from ..problems import responses
from .common import export_page, fields_param, filter_params, json_page, list_responses, paging_params
from .models import IncidentItem, IncidentOut, IncidentPage

router = APIRouter(tags=["incidents"])
FORMAT = Query("json", pattern="^(json|csv|acled|geojson)$", description="json, csv, acled (ACLED-style CSV) or geojson.")


@router.get("/incidents", summary="List incidents", response_model=None,
            responses={**list_responses(IncidentPage), **responses(400, 401, 403, 404, 422)})
def incidents_list(request: Request, filters=Depends(filter_params), paging=Depends(paging_params),
                   fields=Depends(fields_param), format: str = FORMAT, who=Depends(require("read")),
                   store=Depends(get_store)):
    """Incidents whose dates overlap the date filters (inclusive), with the verdict under one truce."""
    page = list_incidents(store, filters, with_data=format != "json", **paging)
    if format == "json":
        return json_page(request, page, fields, list(IncidentItem.model_fields))
    return export_page(request, page, format, SHAPES[format], incident_rows(page.items), fields)


@router.get("/incidents/{incident_id}", summary="One incident with every mention", response_model=None,
            responses={200: {"model": IncidentOut}, **responses(401, 403, 404, 422)})
def incident_get(incident_id: str, who=Depends(require("read")), store=Depends(get_store)):
    """The incident, its mentions (documents and events), findings, review status, version and
    history. A merged or split id answers with the incident holding its events now."""
    record, _ = incident_record(store, incident_id)
    return JSONResponse(record)
