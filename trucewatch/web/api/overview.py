"""/api/v1/map, /timeline, /deleted, /history, /me: the dashboard's data and the sync feed."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from trucewatch.audit import deleted_since
from trucewatch.errors import TruceWatchError
from trucewatch.query import map_clusters, timeline
from trucewatch.query.base import decode_cursor, encode_cursor
from trucewatch.query.filters import FilterError, in_utc

from ..deps import Principal, get_store, require
from ..problems import responses
from .common import filter_params
from .models import DeletedPage, HistoryEntry, MapOut, MeOut, TimelineOut

router = APIRouter(tags=["dashboard"])
PRIVATE_KINDS = ("user", "token", "search")  # their history is for admins


@router.get("/map", summary="Incidents clustered for a map view", response_model=MapOut,
            responses=responses(400, 401, 403, 404, 422))
def map_view(zoom: int = Query(..., ge=0, le=20, description="The map's zoom level (0: whole world)."),
             view: str | None = Query(None, description="The visible box: west,south,east,north (default: world)."),
             filters=Depends(filter_params), who=Depends(require("read")), store=Depends(get_store)):
    """Clusters of the matching incidents in grid cells sized for the zoom, coloured by their most
    serious verdict; also how many match in all and how many have no position."""
    from trucewatch.query.filters import parse_box

    return JSONResponse(map_clusters(store, filters, zoom=zoom, view=parse_box("view", view)))


@router.get("/timeline", summary="Incidents per day by verdict", response_model=TimelineOut,
            responses=responses(400, 401, 403, 404, 422))
def timeline_view(filters=Depends(filter_params), who=Depends(require("read")), store=Depends(get_store)):
    return JSONResponse(timeline(store, filters))


@router.get("/deleted", summary="Records deleted since a time (for sync)", response_model=DeletedPage,
            responses=responses(400, 401, 403, 422))
def deleted(request: Request, since: datetime = Query(..., description="ISO 8601 time; tombstones at or after it."),
            kind: list[str] | None = Query(None, description="incident, finding, event (default: all)."),
            cursor: str | None = Query(None), limit: int = Query(100, ge=1, le=1000),
            who=Depends(require("read")), store=Depends(get_store)):
    """Incidents merged or split away (with the id that took their events), findings that are gone,
    events a re-extraction dropped. Pair with `updated_since` on the lists to keep a copy in sync."""
    since = in_utc(since)
    kinds = [k for k in (kind or []) if k]
    unknown = [k for k in kinds if k not in ("incident", "finding", "event")]
    if unknown:
        raise FilterError("kind", f"has no value {unknown[0]!r}; use incident, finding or event")
    after = decode_cursor(cursor, (datetime, str, str))
    found = deleted_since(store, since, kinds=kinds or ["incident", "finding", "event"],
                          after=tuple(after) if after else None, limit=limit + 1)
    more = len(found) > limit
    found = found[:limit]
    next_url = None
    if more:
        last = found[-1]
        next_url = str(request.url.include_query_params(cursor=encode_cursor([last.deleted_at, last.kind, last.key])))
    return JSONResponse({"items": [t.as_dict() for t in found], "next": next_url})


FILE_CONTENT = {"text/csv": {"schema": {"type": "string"}}, "application/jsonl": {"schema": {"type": "string"}}}


@router.get("/history/{kind}/{record_id}", summary="A record's history (the audit log)", response_model=None,
            responses={200: {"model": list[HistoryEntry], "content": FILE_CONTENT}, **responses(400, 401, 403, 422)})
def record_history(kind: str, record_id: str, format: str = Query("json", pattern="^(json|jsonl|csv)$",
                                                                  description="json, jsonl or csv (a download)."),
                   who: Principal = Depends(require("read")), store=Depends(get_store)):
    """Who changed it, when, before -> after, and why; oldest first (an event's history includes
    what was done under its earlier ids, when re-extraction renumbered it)."""
    from trucewatch.review.state import record_history as reviewed_history

    check_history_kind(kind, who)
    found = reviewed_history(store, kind, record_id)
    if format == "json":
        return JSONResponse([entry.as_dict() for entry in found])
    return _audit_file(found, format, f"history-{kind}")


@router.get("/audit", summary="The audit log as a file (JSON Lines or CSV)", response_model=None,
            responses={200: {"content": FILE_CONTENT}, **responses(400, 401, 403, 422)})
def audit_export(since: datetime | None = Query(None, description="Only changes at or after this time (ISO 8601)."),
                 kind: str | None = Query(None, max_length=32, description="Only records of this kind."),
                 format: str = Query("jsonl", pattern="^(jsonl|csv)$"),
                 who: Principal = Depends(require("read")), store=Depends(get_store)):
    """Every change, oldest first; the history of accounts, tokens and saved searches only for admins."""
    from trucewatch.audit.export import entries

    if kind is not None:
        check_history_kind(kind, who)
    if since is not None:
        since = in_utc(since)
    hidden = () if who.can("manage_users") else tuple(PRIVATE_KINDS)
    return _audit_file(entries(store, kind=kind, since=since, exclude_kinds=hidden), format, "audit")


def history_kinds() -> list[str]:
    """The kinds of record the audit log keeps a history of."""
    from trucewatch.review.rules import kinds

    return [*kinds(), "truce", *PRIVATE_KINDS]


def check_history_kind(kind: str, who: Principal) -> None:
    """A 400 for a kind no record has (it also names the download file), a 403 for a viewer
    asking for the history of accounts, tokens or saved searches."""
    if kind not in history_kinds():
        raise TruceWatchError(f"There is no history of records of kind {kind!r}; ask for one of "
                              f"{', '.join(history_kinds())}.")
    if kind in PRIVATE_KINDS and not who.can("manage_users"):
        from ..problems import HTTPProblem
        raise HTTPProblem(403, "The history of users, tokens and saved searches is for admins.", kind="forbidden")


def _audit_file(found, fmt: str, name: str):
    """Audit entries as a downloadable JSON Lines or CSV file, written as they are read."""
    import io

    from fastapi.responses import StreamingResponse

    from trucewatch.audit.export import write_entries

    def chunks():
        from trucewatch.batching import chunks as batches

        first = True
        for batch in batches(found, 500):
            buffer = io.StringIO()
            write_entries(batch, fmt, buffer)
            text = buffer.getvalue()
            yield text if first or fmt != "csv" else text.split("\n", 1)[1]  # one header line
            first = False
        if first:
            buffer = io.StringIO()
            write_entries([], fmt, buffer)
            yield buffer.getvalue()

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/jsonl"
    return StreamingResponse(chunks(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


@router.get("/me", summary="Who am I", response_model=MeOut, responses=responses(401, 403, 422))
def me(who: Principal = Depends(require("read"))):
    return JSONResponse({"name": who.user.name, "role": who.user.role, "permissions": sorted(who.permissions),
                         "via": "token" if who.token else "session"})
