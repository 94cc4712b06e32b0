"""What the list endpoints share: the filter parameters, paging with a `next` link, `fields=`,
and the output formats (JSON, or through trucewatch.exports: CSV, ACLED CSV, GeoJSON)."""
from __future__ import annotations

import io
from datetime import date, datetime

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from trucewatch.exports import Shape, export_records
from trucewatch.query import Filters, Page, parse_filters
from trucewatch.query.base import MAX_LIMIT

from ..problems import HTTPProblem

MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "acled": "text/csv; charset=utf-8",
         "geojson": "application/geo+json"}


def filter_params(
    date_after: date | None = Query(None, description="Keep records whose dates reach this day or later (inclusive)."),
    date_before: date | None = Query(None, description="Keep records whose dates begin on this day or earlier (inclusive)."),
    country: list[str] | None = Query(None, description="ISO 3166-1 alpha-3 codes (repeat, or separate with commas)."),
    admin1: list[str] | None = Query(None, description="First-level administrative areas, e.g. Hama."),
    actor: list[str] | None = Query(None, description="Parties: ISO3 for states (SYR), or actor names (Free Syrian Army)."),
    type: list[str] | None = Query(None, description="Act types or families (air_strike, shelling, aerial ...)."),
    grade: list[str] | None = Query(None, description="Attribution grades: Confirmed, Fair, Weak, Contested, Discounted."),
    verdict: list[str] | None = Query(None, description="Verdicts under the truce (violation, probable violation, ..., unchecked)."),
    review_status: list[str] | None = Query(None, description="Review statuses (machine, in_review, confirmed, ...)."),
    bbox: str | None = Query(None, description="west,south,east,north in degrees."),
    near: str | None = Query(None, description="lat,lon of a point; see within_km."),
    within_km: float | None = Query(None, description="Distance from `near` in km (default 25)."),
    q: str | None = Query(None, description="Words or \"quoted phrases\" that the reports must contain."),
    updated_since: datetime | None = Query(None, description="Only records changed at or after this time (ISO 8601)."),
    truce: str | None = Query(None, description="Whose verdicts: a truce id or name (default: the last one checked)."),
) -> Filters:
    raw = {"date_after": date_after.isoformat() if date_after else None,
           "date_before": date_before.isoformat() if date_before else None,
           "country": country, "admin1": admin1, "actor": actor, "type": type, "grade": grade,
           "verdict": verdict, "review_status": review_status, "bbox": bbox, "near": near,
           "within_km": None if within_km is None else repr(within_km), "q": q,
           "updated_since": updated_since.isoformat() if updated_since else None, "truce": truce}
    return parse_filters(raw)


def paging_params(
    cursor: str | None = Query(None, description="The `next` cursor of the previous page."),
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description="Records per page."),
    order: str = Query("asc", pattern="^(asc|desc)$", description="asc: oldest first; desc: newest first."),
) -> dict:
    return {"cursor": cursor, "limit": limit, "order": order}


def fields_param(fields: str | None = Query(None, description="Comma-separated fields to return (json, csv, geojson).")):
    if fields is None:
        return None
    chosen = [name.strip() for name in fields.split(",") if name.strip()]
    if not chosen:
        raise HTTPProblem(400, "The parameter 'fields' names no field.", kind="bad-input")
    return chosen


def next_link(request: Request, page: Page) -> str | None:
    if not page.next_cursor:
        return None
    return str(request.url.include_query_params(cursor=page.next_cursor))


def check_fields(chosen: list[str] | None, allowed: list[str]) -> list[str] | None:
    if chosen is None:
        return None
    unknown = [name for name in chosen if name not in allowed]
    if unknown:
        raise HTTPProblem(400, f"Unknown field(s) {', '.join(unknown)}; choose among {', '.join(allowed)}.",
                          kind="bad-input")
    return chosen


def project(item: dict, chosen: list[str] | None, keep: str = "id") -> dict:
    """The item with only the chosen fields (its id always stays, so records can be told apart)."""
    if chosen is None:
        return {k: v for k, v in item.items() if not k.startswith("_")}
    return {k: item[k] for k in [keep, *chosen] if k in item}


def json_page(request: Request, page: Page, chosen: list[str] | None, allowed: list[str], keep: str = "id"):
    check_fields(chosen, allowed)
    body = {"items": [project(item, chosen, keep) for item in page.items], "next": next_link(request, page),
            "total": page.total, **page.meta}
    return JSONResponse(body)


def export_page(request: Request, page: Page, fmt: str, shape: Shape, rows: list, chosen: list[str] | None):
    """A page in one of the export formats; the next page's URL in a Link header (RFC 8288)."""
    if chosen is not None:
        columns = shape.columns or sorted({key for row in rows for key in _row_keys(shape, row)})
        check_fields(chosen, columns)
        shape = Shape(_picking(shape.row, chosen), shape.writer, [c for c in columns if c in chosen] if shape.columns else None,
                      shape.keeps)
    buffer = io.StringIO()
    export_records(rows, shape, buffer)
    headers = {"X-Total-Count": str(page.total)}
    link = next_link(request, page)
    if link:
        headers["Link"] = f'<{link}>; rel="next"'
    return Response(buffer.getvalue(), media_type=MEDIA[fmt], headers=headers)


def _row_keys(shape: Shape, row) -> list[str]:
    return list((shape.row(*row) if isinstance(row, tuple) else shape.row(row)).keys())


def _picking(row_function, chosen: list[str]):
    keep = set(chosen) | {"latitude", "longitude"}  # GeoJSON needs the position to place a feature

    def picked(*args):
        return {k: v for k, v in row_function(*args).items() if k in keep}
    return picked


def list_responses(model) -> dict:
    """The 200 response of a list endpoint in every format it speaks."""
    return {200: {"model": model, "content": {"text/csv": {"schema": {"type": "string"}},
                                              "application/geo+json": {"schema": {"type": "object"}}}}}
