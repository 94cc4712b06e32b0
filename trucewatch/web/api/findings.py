"""/api/v1/findings: verdicts on incidents under truces, filtered through their incidents."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from trucewatch.query import list_findings
from trucewatch.query.shapes import FINDING_PAGE_SHAPES

from ..deps import get_store, require
from ..problems import responses
from .common import export_page, fields_param, filter_params, json_page, list_responses, paging_params
from .models import FindingItem, FindingPage

router = APIRouter(tags=["findings"])


@router.get("/findings", summary="List findings", response_model=None,
            responses={**list_responses(FindingPage), **responses(400, 401, 403, 404, 422)})
def findings_list(request: Request, filters=Depends(filter_params), paging=Depends(paging_params),
                  fields=Depends(fields_param),
                  format: str = Query("json", pattern="^(json|csv|geojson)$", description="json, csv or geojson."),
                  who=Depends(require("read")), store=Depends(get_store)):
    """Findings of every truce (or of `truce`); the other filters apply to the finding's incident."""
    page = list_findings(store, filters, **paging)
    if format == "json":
        return json_page(request, page, fields, list(FindingItem.model_fields), keep="incident")
    return export_page(request, page, format, FINDING_PAGE_SHAPES[format], page.items, fields)
