"""The dashboard: filters in the URL drive the map, the list and the timeline together."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse

from trucewatch.accounts.searches import delete_search, list_searches, save_search
from trucewatch.audit.versions import review_statuses
from trucewatch.errors import NotFound
from trucewatch.query import FilterError, Filters, list_incidents, parse_filters, timeline
from trucewatch.query.base import CursorError
from trucewatch.query.clusters import severity_order
from trucewatch.query.filters import LIST_NAMES, NAMES, grade_names, parse_query_string, verdict_names
from trucewatch.truce.stored import list_truces

from ..deps import MAX_ROW_ID, get_store, require
from .common import page, verdict_colour
from .views import timeline_bars

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def filters_from(request: Request) -> tuple[Filters, str | None]:
    """The URL's filters, or empty filters and the sentence saying what is wrong with them."""
    params = {name: (request.query_params.getlist(name) if name in LIST_NAMES else request.query_params.get(name))
              for name in NAMES}
    try:
        return parse_filters(params), None
    except FilterError as exc:
        return Filters(), str(exc)


@router.get("/")
def dashboard(request: Request, who=Depends(require("read")), store=Depends(get_store)):
    filters, problem = filters_from(request)
    query = urlencode(filters.query_pairs())
    page_of, series = None, None
    if problem is None:
        try:
            page_of = list_incidents(store, filters, cursor=request.query_params.get("cursor"), limit=PAGE_SIZE,
                                     order="desc")
            series = timeline(store, filters)
        except (CursorError, FilterError, NotFound) as exc:  # NotFound: an unknown truce name
            problem = str(exc)
    next_url = f"/?{urlencode([*filters.query_pairs(), ('cursor', page_of.next_cursor)])}" \
        if page_of and page_of.next_cursor else None
    truces = list_truces(store)
    recent_alerts = _alerts_today(store)
    current_truce = (page_of.meta.get("truce") if page_of else None)
    truce_id = next((t.id for t in truces if t.name == current_truce), None)
    return page(request, "dashboard.html", who, status=400 if problem else 200, filters=filters, problem=problem,
                query=query, page=page_of, series=series, bars=timeline_bars(series) if series else None,
                next_url=next_url, truces=truces, current_truce=current_truce, truce_id=truce_id,
                verdicts=verdict_names(), grades=grade_names(), severity=severity_order(),
                colours={verdict: verdict_colour(verdict) for verdict in verdict_names()}, statuses=review_statuses(),
                searches=list_searches(store, who.user), first_page=not request.query_params.get("cursor"),
                recent_alerts=recent_alerts)


def _alerts_today(store) -> int:
    """Violations the watch announced in the last 24 hours (the dashboard's banner)."""
    from datetime import datetime, timedelta, timezone

    from trucewatch.monitor.outbox import count_alerts

    return count_alerts(store, since=datetime.now(timezone.utc) - timedelta(hours=24))


@router.post("/searches")
def search_save(request: Request, name: str = Form(""), query: str = Form(""), who=Depends(require("edit")),
                store=Depends(get_store)):
    parse_query_string(query)  # a saved search must work when it is opened again
    save_search(store, who.user, name, query, actor=who.actor(request))
    return RedirectResponse(f"/?{query.lstrip('?')}", status_code=303)


@router.post("/searches/{search_id}/delete")
def search_delete(request: Request, search_id: int = Path(ge=1, le=MAX_ROW_ID), who=Depends(require("edit")),
                  store=Depends(get_store)):
    delete_search(store, who.user, search_id, actor=who.actor(request))
    return RedirectResponse("/", status_code=303)
