"""/api/v1/events: each report's account of an act, in the record contract (or CSV, ACLED, GeoJSON)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from trucewatch.errors import NotFound
from trucewatch.exports import EVENT_SHAPES
from trucewatch.query import get_event, list_events
from trucewatch.review.overrides import overlay

from ..deps import get_store, require
from ..problems import responses
from .common import export_page, fields_param, filter_params, json_page, list_responses, paging_params
from .models import EventItem, EventPage

router = APIRouter(tags=["events"])
FORMAT = Query("json", pattern="^(json|csv|acled|geojson)$", description="json, csv, acled (ACLED-style CSV) or geojson.")


@router.get("/events", summary="List events", response_model=None,
            responses={**list_responses(EventPage), **responses(400, 401, 403, 404, 422)})
def events_list(request: Request, filters=Depends(filter_params), paging=Depends(paging_params),
                fields=Depends(fields_param), format: str = FORMAT, who=Depends(require("read")),
                store=Depends(get_store)):
    """Events whose time span overlaps the date filters (inclusive); grade and verdict are their incident's."""
    page = list_events(store, filters, **paging)
    overlay(store, page.items)  # corrections people made, the machine's values beside them
    if format == "json":
        return json_page(request, page, fields, list(EventItem.model_fields))
    return export_page(request, page, format, EVENT_SHAPES[format], [item["_pair"] for item in page.items], fields)


@router.get("/events/{event_id}", summary="One event", response_model=None,
            responses={200: {"model": EventItem}, **responses(401, 403, 404, 422)})
def event_get(event_id: str, who=Depends(require("read")), store=Depends(get_store)):
    found = get_event(store, event_id)
    if found is None:
        raise NotFound(f"There is no event '{event_id}'.")
    return JSONResponse(overlay(store, [found])[0], headers={"ETag": f'"{found["version"]}"'})
