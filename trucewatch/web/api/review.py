"""/api/v1 review routes: statuses, assignees, comments, bulk changes, corrections of events,
merges and splits of incidents, the "being edited by" notice, background export jobs, alerts.

Every edit names the version it was made on; a stale one answers 409 (problem type
`stale-edit`) with the changes made since, and nothing is written.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from trucewatch.review import jobs as job_queue
from trucewatch.review import journal, presence, rules, state, workflow
from trucewatch.review.overrides import correct_event, detached_reviews, overlay

from ..deps import MAX_ROW_ID, Principal, get_store, require
from ..problems import responses

router = APIRouter(tags=["review"])
KIND = Field(description="event, incident or finding")
KEY = Field(min_length=1, max_length=400, description="The record's id (a finding: '<truce>|<incident id>').")
VERSION = Field(None, ge=1, description="The version you looked at (409 if somebody changed it since).")
REASON = Field(None, max_length=2000, description="Why: kept in the history.")


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatusIn(Body):
    kind: str = KIND
    key: str = KEY
    status: str = Field(description="The new review status.")
    version: int = Field(ge=1, description="The version you looked at (409 if somebody changed it since).")
    reason: str | None = REASON


class AssignIn(Body):
    kind: str = KIND
    key: str = KEY
    assignee: str | None = Field(None, max_length=64, description="A user name; null to unassign.")
    version: int = Field(ge=1, description="The version you looked at (409 if somebody changed it since).")
    reason: str | None = REASON


class CommentIn(Body):
    kind: str = KIND
    key: str = KEY
    text: str = Field(min_length=1, max_length=workflow.MAX_COMMENT)


class BulkItem(Body):
    kind: str = KIND
    key: str = KEY
    version: int | None = VERSION


class BulkIn(Body):
    items: list[BulkItem] = Field(min_length=1, max_length=workflow.MAX_BULK)
    status: str | None = None
    assignee: str | None = Field(None, max_length=64)
    unassign: bool = Field(False, description="Set the assignee to nobody.")
    reason: str | None = REASON


class PresenceIn(Body):
    kind: str = KIND
    key: str = KEY


class CorrectionIn(Body):
    version: int = Field(ge=1, description="The event's version you corrected (409 if somebody changed it since).")
    changes: dict[str, Any] = Field(description="Fields to correct (type, location, when, actors, fatalities, "
                                                "injured); null removes a field's correction.")
    reason: str | None = REASON


class MergeIn(Body):
    other: str = Field(min_length=1, max_length=200, description="The incident to merge into this one.")
    version: int = Field(ge=1)
    reason: str | None = REASON


class SplitIn(Body):
    event_ids: list[str] = Field(min_length=1, max_length=1000, description="Events to move into a new incident.")
    version: int = Field(ge=1)
    reason: str | None = REASON


class UndoIn(Body):
    reason: str | None = REASON


class JobIn(Body):
    kind: str = Field("export", pattern="^export$")
    resource: str = Field(description="incidents, events or findings")
    format: str = Field("jsonl", description="jsonl, csv, acled or geojson")
    query: str = Field("", max_length=4000, description="The dashboard's filters as a URL query string.")


def queue_job(request: Request, who: Principal, kind: str, params: dict, *, coalesce: bool = False):
    """Queue a background job and wake this server's worker, so it starts now, not at its next poll."""
    job = job_queue.enqueue(request.app.state.store, kind, params, actor=who.actor(request), coalesce=coalesce)
    worker = getattr(request.app.state, "worker", None)
    if worker is not None:
        worker.wake()
    return job


def recheck_soon(request: Request, who: Principal) -> int:
    """Queue a re-check (one waiting is enough) so findings follow the change."""
    return queue_job(request, who, "recheck", {}, coalesce=True).id


def _changes_findings(kind: str, status: str | None) -> bool:
    return kind in ("event", "incident") and status is not None


@router.get("/review", summary="A record's review state", responses=responses(400, 401, 403, 404, 422))
def review_state(kind: str = Query(...), id: str = Query(..., min_length=1, max_length=400, description="The record's id."),
                 who: Principal = Depends(require("read")), store=Depends(get_store)):
    """Status, assignee, version, the statuses it may move to, and who else is editing it. An
    incident (or finding) id that a re-fusion, merge or split retired answers for the incident that
    holds its events now (`key`), naming the id asked for in `resolved_from`."""
    rules.check_kind(kind)
    found = state.read(store, kind, id)
    body = {**found.as_dict(), "next": rules.next_statuses(kind, found.status),
            "editing": [e.as_dict() for e in presence.editing(store, kind, found.key, besides=who.user.name)]}
    if found.key != id:
        body["resolved_from"] = id
    return JSONResponse(body, headers={"ETag": f'"{found.version}"'})


@router.post("/review/status", summary="Change a record's review status", responses=responses(400, 401, 403, 404, 409, 422))
def review_status(body: StatusIn, request: Request, who: Principal = Depends(require("review")), store=Depends(get_store)):
    """machine -> in_review -> confirmed | rejected | needs_information; a confirmed finding ->
    published (needs `publish`). Rejected events and incidents are left out of the findings."""
    done = workflow.set_status(store, body.kind, body.key, body.status, version=body.version,
                               actor=who.actor(request), permissions=who.permissions, reason=body.reason)
    if _changes_findings(body.kind, body.status):
        recheck_soon(request, who)
    return JSONResponse(done.as_dict(), headers={"ETag": f'"{done.version}"'})


@router.post("/review/assign", summary="Give a record to somebody to review", responses=responses(400, 401, 403, 404, 409, 422))
def review_assign(body: AssignIn, request: Request, who: Principal = Depends(require("review")), store=Depends(get_store)):
    done = workflow.assign(store, body.kind, body.key, body.assignee, version=body.version, actor=who.actor(request),
                           reason=body.reason)
    return JSONResponse(done.as_dict(), headers={"ETag": f'"{done.version}"'})


@router.post("/review/comment", summary="Comment on a record", status_code=201, responses=responses(400, 401, 403, 404, 422))
def review_comment(body: CommentIn, request: Request, who: Principal = Depends(require("review")),
                   store=Depends(get_store)):
    """A comment is a row of the record's history; it never conflicts with an edit."""
    return JSONResponse(workflow.comment(store, body.kind, body.key, body.text, actor=who.actor(request)),
                        status_code=201)


@router.post("/review/bulk", summary="One status and/or assignee for many records", responses=responses(400, 401, 403, 422))
def review_bulk(body: BulkIn, request: Request, who: Principal = Depends(require("review")), store=Depends(get_store)):
    """Records changed by somebody else since their `version` (when given) are listed under
    `conflicts`, refused moves under `refused`; the others change, each with its audit row."""
    assignee = None if body.unassign else (body.assignee if body.assignee else workflow.UNSET)
    status = body.status if body.status else workflow.UNSET
    result = workflow.bulk_change(store, [item.model_dump() for item in body.items], actor=who.actor(request),
                                  status=status, assignee=assignee, permissions=who.permissions, reason=body.reason)
    if status is not workflow.UNSET and any(item["kind"] in ("event", "incident") for item in result.done):
        recheck_soon(request, who)
    return JSONResponse(result.as_dict())


@router.put("/review/presence", summary="I am editing this record (a notice that lapses by itself)",
            responses=responses(400, 401, 403, 422))
def presence_beat(body: PresenceIn, request: Request, who: Principal = Depends(require("edit")), store=Depends(get_store)):
    others = presence.heartbeat(store, body.kind, body.key, who.user.name)
    return JSONResponse({"editing": [e.as_dict() for e in others], "seconds": rules.presence_seconds()})


@router.delete("/review/presence", summary="I stopped editing this record", status_code=204,
               responses=responses(400, 401, 403, 422))
def presence_leave(request: Request, kind: str = Query(...), id: str = Query(..., min_length=1, max_length=400),
                   who: Principal = Depends(require("edit")), store=Depends(get_store)):
    from fastapi.responses import Response

    presence.leave(store, kind, id, who.user.name)
    return Response(status_code=204)


@router.get("/review/detached", summary="Reviews whose event re-extraction no longer finds", responses=responses(401, 403))
def review_detached(who: Principal = Depends(require("read")), store=Depends(get_store)):
    return JSONResponse(detached_reviews(store))


@router.patch("/events/{event_id}", summary="Correct an event (kept apart from the machine's output)",
              responses=responses(400, 401, 403, 404, 409, 422))
def event_correct(event_id: str, body: CorrectionIn, request: Request, who: Principal = Depends(require("edit")),
                  store=Depends(get_store)):
    """Corrections survive re-extraction, re-ingest and re-fusion; findings are re-checked from
    the corrected events in the background (the answer names the job)."""
    done = correct_event(store, event_id, body.changes, version=body.version, actor=who.actor(request),
                         reason=body.reason)
    job = recheck_soon(request, who)
    item = overlay(store, [{**done.event}])[0]
    return JSONResponse({"event": item, "version": done.version, "corrected": done.changed, "recheck_job": job},
                        headers={"ETag": f'"{done.version}"'})


@router.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one",
             responses=responses(400, 401, 403, 404, 409, 422))
def incident_merge(incident_id: str, body: MergeIn, request: Request, who: Principal = Depends(require("edit")),
                   store=Depends(get_store)):
    op, merged = journal.merge(store, incident_id, body.other, version=body.version, actor=who.actor(request),
                               reason=body.reason)
    return JSONResponse({"operation": op.as_dict(), "incident": merged.id, "recheck_job": recheck_soon(request, who)})


@router.post("/incidents/{incident_id}/split", summary="Move events out of this incident into a new one",
             responses=responses(400, 401, 403, 404, 409, 422))
def incident_split(incident_id: str, body: SplitIn, request: Request, who: Principal = Depends(require("edit")),
                   store=Depends(get_store)):
    op, parts = journal.split(store, incident_id, body.event_ids, version=body.version, actor=who.actor(request),
                              reason=body.reason)
    return JSONResponse({"operation": op.as_dict(), "incidents": [part.id for part in parts],
                         "recheck_job": recheck_soon(request, who)})


@router.post("/journal/{op_id}/undo", summary="Undo a merge or split", responses=responses(400, 401, 403, 404, 422))
def journal_undo(op_id: str, body: UndoIn, request: Request, who: Principal = Depends(require("edit")),
                 store=Depends(get_store)):
    op, _ = journal.undo(store, op_id, actor=who.actor(request), reason=body.reason)
    return JSONResponse({"operation": op.as_dict(), "recheck_job": recheck_soon(request, who)})


@router.post("/jobs", summary="Export a large selection in the background", status_code=202,
             responses=responses(400, 401, 403, 422))
def job_create(body: JobIn, request: Request, who: Principal = Depends(require("read")), store=Depends(get_store)):
    """Answers at once with the job; `GET /jobs/{id}` tells when it is done, then download it."""
    job = queue_job(request, who, "export", body.model_dump(exclude={"kind"}))
    return JSONResponse(job.as_dict(), status_code=202, headers={"Location": f"/api/v1/jobs/{job.id}"})


@router.get("/jobs", summary="My background jobs", responses=responses(401, 403))
def jobs_list(who: Principal = Depends(require("read")), store=Depends(get_store)):
    user = None if who.can("manage_users") else who.user.name
    return JSONResponse([job.as_dict() for job in job_queue.list_jobs(store, user=user)])


def _own_job(store, job_id: int, who: Principal):
    from trucewatch.errors import NotFound

    job = job_queue.get_job(store, job_id)
    if job.user_name != who.user.name and not who.can("manage_users"):
        raise NotFound(f"There is no job {job_id} of yours.")
    return job


@router.get("/jobs/{job_id}", summary="One background job", responses=responses(401, 403, 404, 422))
def job_get(job_id: int = Path(ge=1, le=MAX_ROW_ID), who: Principal = Depends(require("read")),
            store=Depends(get_store)):
    return JSONResponse(_own_job(store, job_id, who).as_dict())


@router.get("/jobs/{job_id}/download", summary="The file a finished export job wrote",
            response_model=None, responses=responses(401, 403, 404, 422))
def job_download(request: Request, job_id: int = Path(ge=1, le=MAX_ROW_ID),
                 who: Principal = Depends(require("read")), store=Depends(get_store)):
    job = _own_job(store, job_id, who)
    path = job_queue.export_path(request.app.state.exports_dir, job)
    media = "application/geo+json" if path.suffix == ".geojson" else (
        "text/csv; charset=utf-8" if path.suffix == ".csv" else "application/jsonl")
    return FileResponse(path, media_type=media, filename=path.name)


@router.get("/alerts", summary="Violations announced by the watch (newest first)", responses=responses(401, 403, 422))
def alerts_list(limit: int = Query(50, ge=1, le=500), who: Principal = Depends(require("read")), store=Depends(get_store)):
    from trucewatch.monitor.outbox import recent_alerts

    return JSONResponse([alert.as_dict() for alert in recent_alerts(store, limit=limit)])
