"""Review pages: an event with its corrections (place by gazetteer search or a click on the map),
status, assignee, comments and history; the review queue with bulk actions; forms for findings
and incidents (status, merge, split, undo); alerts; background export jobs.

An edit names the version its form was opened on; when somebody saved in between, the page
answers 409 and shows their change beside the one you tried, with your values kept in the form.
"""
from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from trucewatch.audit.versions import StaleEdit
from trucewatch.errors import NotFound, TruceWatchError
from trucewatch.query import get_event, list_events, list_findings, list_incidents
from trucewatch.query.base import CursorError
from trucewatch.query.filters import FilterError
from trucewatch.review import jobs as job_queue
from trucewatch.review import journal, rules, state, workflow
from trucewatch.review.overrides import correct_event, overlay
from trucewatch.review.presence import editing

from ..api.review import queue_job, recheck_soon
from ..deps import get_store, require
from .common import local_target, page, verdict_colour
from .dashboard import filters_from

router = APIRouter(include_in_schema=False)
QUEUE_SIZE = 100
LISTS = {"event": list_events, "incident": list_incidents, "finding": list_findings}


NO_VERSION = ("This form does not say which version of the record it was opened on, so a change made "
              "meanwhile could be overwritten; nothing was saved. Reload the page and edit again.")


def form_version(form) -> int:
    """The version an edit form was opened on (as the API, pages never write without one)."""
    version = str(form.get("version") or "")
    if not version.isdigit() or int(version) < 1:
        raise TruceWatchError(NO_VERSION)
    return int(version)


def _act_types() -> list[str]:
    from trucewatch.ontology import default_ontology

    return sorted(default_ontology().acts)


def _user_names(store) -> list[str]:
    from trucewatch.accounts.users import list_users

    return [user.name for user in list_users(store) if not user.disabled]


def _event_context(store, event_id: str, who) -> dict:
    found = get_event(store, event_id)
    if found is None:
        raise NotFound(f"There is no event '{event_id}' (re-extraction may have renumbered it).")
    event = overlay(store, [found])[0]
    return {"event": event, "review": state.read(store, "event", event_id),
            "history": [entry.as_dict() for entry in state.record_history(store, "event", event_id)],
            "next": rules.next_statuses("event", event["review_status"]), "types": _act_types(),
            "users": _user_names(store), "editing": editing(store, "event", event_id, besides=who.user.name),
            "presence_seconds": rules.presence_seconds()}


@router.get("/events/{event_id}")
def event_page(event_id: str, request: Request, who=Depends(require("read")), store=Depends(get_store)):
    return page(request, "event.html", who, **_event_context(store, event_id, who), conflict=None, tried=None,
                error=None)


def _form_changes(event: dict, form) -> dict:
    """The corrections a submitted form asks for: only fields that differ from what is shown now,
    plus the fields whose correction is to be removed."""
    changes: dict = {}
    if form.get("type") and form["type"] != event["type"]:
        changes["type"] = form["type"]
    if form.get("place_id"):
        changes["location"] = {"place_id": form["place_id"]}
    elif form.get("lat") and form.get("lon"):
        changes["location"] = {"lat": form["lat"], "lon": form["lon"], "name": form.get("place_name") or None}
    when = event.get("when") or {}
    start, end = form.get("start") or "", form.get("end") or ""
    if start and (start != when.get("start") or (end or start) != when.get("end")):
        changes["when"] = {"start": start, "end": end or start}
    shown_actors = ", ".join(a.get("name") or a.get("text") for a in event.get("actors") or [])
    if form.get("actors") is not None and form["actors"].strip() != shown_actors and form["actors"].strip():
        changes["actors"] = [part.strip() for part in form["actors"].split(",") if part.strip()]
    for field in ("fatalities", "injured"):
        shown = event.get(field) or {}
        given = {key: form.get(f"{field}_{key}", "").strip() for key in ("low", "best", "high")}
        if any(given.values()) and any(given[k] != ("" if shown.get(k) is None else str(shown.get(k))) for k in given):
            changes[field] = given
    for field in form.getlist("revert") if hasattr(form, "getlist") else []:
        if field in rules.correctable():
            changes[field] = None
    return changes


@router.post("/events/{event_id}/correct")
async def event_correct(event_id: str, request: Request, who=Depends(require("edit")), store=Depends(get_store)):
    form = await request.form()
    context = _event_context(store, event_id, who)
    try:
        version = form_version(form)
    except TruceWatchError as exc:
        return page(request, "event.html", who, status=400, **context, conflict=None, tried=None, error=str(exc))
    changes = _form_changes(context["event"], form)
    reason = (form.get("reason") or "").strip() or None
    if not changes:
        return page(request, "event.html", who, status=400, **context, conflict=None, tried=None,
                    error="Nothing was changed: correct a field, or tick a field's 'back to the machine' box.")
    try:
        correct_event(store, event_id, changes, version=version, actor=who.actor(request), reason=reason)
    except StaleEdit as exc:
        return page(request, "event.html", who, status=409, **_event_context(store, event_id, who), conflict=exc,
                    tried={"changes": changes, "reason": reason}, error=str(exc))
    except TruceWatchError as exc:
        return page(request, "event.html", who, status=400, **context, conflict=None, tried=None, error=str(exc))
    recheck_soon(request, who)
    from trucewatch.review.presence import leave

    leave(store, "event", event_id, who.user.name)
    return RedirectResponse(f"/events/{event_id}?saved=1", status_code=303)


async def _review_form(request: Request):
    form = await request.form()
    return form, form.get("kind") or "", form.get("key") or ""


def _back(form, kind: str, key: str) -> str:
    fallback = {"event": f"/events/{key}", "incident": f"/incidents/{key}",
                "finding": f"/incidents/{key.rpartition('|')[2]}"}.get(kind, "/review")
    return local_target(form.get("next"), fallback)


def _conflict_page(request, who, exc: StaleEdit, tried: dict, back: str):
    return page(request, "conflict.html", who, status=409, conflict=exc, tried=tried, back=back, error=str(exc))


@router.post("/review/status")
async def status_form(request: Request, who=Depends(require("review")), store=Depends(get_store)):
    form, kind, key = await _review_form(request)
    status = form.get("status") or ""
    try:
        workflow.set_status(store, kind, key, status, version=form_version(form), actor=who.actor(request),
                            permissions=who.permissions, reason=(form.get("reason") or "").strip() or None)
    except StaleEdit as exc:
        return _conflict_page(request, who, exc, {"status": status}, _back(form, kind, key))
    if kind in ("event", "incident"):
        recheck_soon(request, who)
    return RedirectResponse(_back(form, kind, key), status_code=303)


@router.post("/review/assign")
async def assign_form(request: Request, who=Depends(require("review")), store=Depends(get_store)):
    form, kind, key = await _review_form(request)
    assignee = form.get("assignee") or None
    try:
        workflow.assign(store, kind, key, assignee, version=form_version(form), actor=who.actor(request),
                        reason=(form.get("reason") or "").strip() or None)
    except StaleEdit as exc:
        return _conflict_page(request, who, exc, {"assignee": assignee}, _back(form, kind, key))
    return RedirectResponse(_back(form, kind, key), status_code=303)


@router.post("/review/comment")
async def comment_form(request: Request, who=Depends(require("review")), store=Depends(get_store)):
    form, kind, key = await _review_form(request)
    workflow.comment(store, kind, key, form.get("text") or "", actor=who.actor(request))
    return RedirectResponse(_back(form, kind, key) + "#history", status_code=303)


def _queue_items(kind: str, items: list[dict]) -> list[dict]:
    """Rows of the queue: what to show and the key and version a bulk change names."""
    rows = []
    for item in items:
        if kind == "event":
            key, title = item["id"], f"{(item.get('type') or '').replace('_', ' ')} — {(item.get('location') or {}).get('name') or '?'}"
            when, link = (item.get("when") or {}).get("start"), f"/events/{item['id']}"
        elif kind == "incident":
            key, title = item["id"], f"{(item.get('type') or '').replace('_', ' ')} — {item.get('place') or '?'}"
            when, link = item.get("start"), f"/incidents/{item['id']}"
        else:
            key = f"{item['truce']}|{item['incident']}"
            title = f"{item.get('verdict')} — {(item.get('type') or '').replace('_', ' ')}, {item.get('place') or '?'}"
            when, link = item.get("start"), f"/incidents/{item['incident']}"
        rows.append({"kind": kind, "key": key, "title": title, "when": when, "link": link,
                     "status": item.get("review_status"), "version": item.get("version") or 1,
                     "assignee": item.get("assignee"), "verdict": item.get("verdict"),
                     "value": json.dumps({"kind": kind, "key": key, "version": item.get("version") or 1})})
    return rows


def _with_assignees(store, kind: str, items: list[dict]) -> list[dict]:
    if kind == "event":
        return overlay(store, items)
    keys = [item["id"] if kind == "incident" else f"{item['truce']}|{item['incident']}" for item in items]
    with store.engine.connect() as connection:
        found = state.states(connection, kind, keys)
    for item, key in zip(items, keys):
        item["assignee"] = found[key].assignee if key in found else None
    return items


@router.get("/review")
def review_queue(request: Request, who=Depends(require("read")), store=Depends(get_store)):
    kind = request.query_params.get("kind") or "event"
    if kind not in LISTS:
        kind = "event"
    filters, problem = filters_from(request)
    items, total, next_url = [], 0, None
    if problem is None:
        try:
            found = LISTS[kind](store, filters, cursor=request.query_params.get("cursor"), limit=QUEUE_SIZE,
                                order="desc")
            items, total = _queue_items(kind, _with_assignees(store, kind, found.items)), found.total
            if found.next_cursor:
                next_url = "/review?" + urlencode([("kind", kind), *filters.query_pairs(), ("cursor", found.next_cursor)])
        except (CursorError, FilterError, NotFound) as exc:
            problem = str(exc)
    here = "/review?" + urlencode([("kind", kind), *filters.query_pairs()])
    return page(request, "review.html", who, status=400 if problem else 200, kind=kind, kinds=list(LISTS),
                filters=filters, problem=problem, rows=items, total=total, next_url=next_url, here=here,
                statuses=rules.statuses_for(kind), users=_user_names(store), colour=verdict_colour)


@router.post("/review/bulk")
async def bulk_form(request: Request, who=Depends(require("review")), store=Depends(get_store)):
    form = await request.form()
    items = []
    for value in form.getlist("item"):
        try:
            item = json.loads(value)
        except ValueError:
            continue
        if isinstance(item, dict):
            items.append({"kind": item.get("kind"), "key": str(item.get("key") or ""), "version": item.get("version")})
    status = form.get("status") or workflow.UNSET
    choice = form.get("assignee") or ""
    assignee = None if choice == "-" else (choice or workflow.UNSET)
    result = workflow.bulk_change(store, items, actor=who.actor(request), status=status, assignee=assignee,
                                  permissions=who.permissions, reason=(form.get("reason") or "").strip() or None)
    if status is not workflow.UNSET and result.done:
        recheck_soon(request, who)
    return page(request, "bulk_done.html", who, result=result, back=local_target(form.get("next"), "/review"))


@router.post("/incidents/{incident_id}/merge")
async def merge_form(incident_id: str, request: Request, who=Depends(require("edit")), store=Depends(get_store)):
    form = await request.form()
    try:
        _, merged = journal.merge(store, incident_id, (form.get("other") or "").strip(), version=form_version(form),
                                  actor=who.actor(request), reason=(form.get("reason") or "").strip() or None)
    except StaleEdit as exc:
        return _conflict_page(request, who, exc, {"merge with": form.get("other")}, f"/incidents/{incident_id}")
    recheck_soon(request, who)
    return RedirectResponse(f"/incidents/{merged.id}", status_code=303)


@router.post("/incidents/{incident_id}/split")
async def split_form(incident_id: str, request: Request, who=Depends(require("edit")), store=Depends(get_store)):
    form = await request.form()
    try:
        _, parts = journal.split(store, incident_id, list(form.getlist("event")), version=form_version(form),
                                 actor=who.actor(request), reason=(form.get("reason") or "").strip() or None)
    except StaleEdit as exc:
        return _conflict_page(request, who, exc, {"split out": list(form.getlist("event"))}, f"/incidents/{incident_id}")
    recheck_soon(request, who)
    return RedirectResponse(f"/incidents/{parts[0].id}", status_code=303)


@router.post("/journal/{op_id}/undo")
async def undo_form(op_id: str, request: Request, who=Depends(require("edit")), store=Depends(get_store)):
    form = await request.form()
    journal.undo(store, op_id, actor=who.actor(request), reason=(form.get("reason") or "").strip() or None)
    recheck_soon(request, who)
    return RedirectResponse(local_target(form.get("next"), "/"), status_code=303)


@router.get("/alerts")
def alerts_page(request: Request, who=Depends(require("read")), store=Depends(get_store)):
    from trucewatch.monitor.outbox import recent_alerts

    return page(request, "alerts.html", who, alerts=recent_alerts(store, limit=200))


@router.get("/jobs")
def jobs_page(request: Request, who=Depends(require("read")), store=Depends(get_store)):
    user = None if who.can("manage_users") else who.user.name
    return page(request, "jobs.html", who, jobs=job_queue.list_jobs(store, user=user), formats=job_queue.EXPORTS)


@router.post("/jobs")
async def job_form(request: Request, who=Depends(require("read")), store=Depends(get_store)):
    form = await request.form()
    queue_job(request, who, "export", {"resource": form.get("resource"), "format": form.get("format"),
                                       "query": form.get("query") or ""})
    return RedirectResponse("/jobs", status_code=303)


def incident_extras(store, record: dict, who) -> dict:
    """What the incident page adds for reviewers: the incident's and each finding's review state,
    the moves open to them, the users to assign, and the manual operations to undo."""
    from types import SimpleNamespace

    review = state.read(store, "incident", record["id"])
    findings = []
    for finding in record.get("findings") or []:
        key = f"{finding['truce']}|{record['id']}"
        found = state.read(store, "finding", key)
        findings.append({"key": key, "review": found, "next": rules.next_statuses("finding", found.status),
                         "history": [entry.as_dict() for entry in state.record_history(store, "finding", key)]})
    return {"review": review, "next": rules.next_statuses("incident", review.status), "users": _user_names(store),
            "journal": [SimpleNamespace(**op) for op in journal.journal_of(store, record["id"])],
            "finding_reviews": findings}
