"""Truce pages: the list, one truce (terms, findings, report, history), creating and editing terms.

Editing names the version the form was opened on; when somebody saved in between, the page
answers 409 and shows their change (who, when, why, their text) beside the text you typed.
"""
from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from trucewatch.audit import StaleEdit, history
from trucewatch.errors import ConfigError, TruceWatchError
from trucewatch.query import list_findings, parse_filters
from trucewatch.truce.run import run_check
from trucewatch.truce.stored import create_truce, get_truce, list_truces, update_truce

from ..deps import get_store, require
from .common import page

router = APIRouter(include_in_schema=False)
FINDINGS_SHOWN = 500


@router.get("/truces")
def truces_page(request: Request, who=Depends(require("read")), store=Depends(get_store)):
    return page(request, "truces.html", who, truces=list_truces(store))


@router.get("/truces/new")
def truce_new(request: Request, who=Depends(require("manage_truces"))):
    return page(request, "truce_edit.html", who, truce=None, text="", error=None, conflict=None, reason="")


@router.post("/truces/new")
def truce_create(request: Request, text: str = Form(""), reason: str = Form(""), who=Depends(require("manage_truces")),
                 store=Depends(get_store)):
    try:
        created = create_truce(store, text=text, actor=who.actor(request), reason=reason or None, source=None)
    except (ConfigError, TruceWatchError) as exc:
        return page(request, "truce_edit.html", who, status=400, truce=None, text=text, error=str(exc),
                    conflict=None, reason=reason)
    return RedirectResponse(f"/truces/{created.id}", status_code=303)


@router.get("/truces/{truce_id}")
def truce_page(truce_id: str, request: Request, who=Depends(require("read")), store=Depends(get_store)):
    truce = get_truce(store, truce_id)
    found = list_findings(store, parse_filters({"truce": truce.id}), limit=FINDINGS_SHOWN)
    counts = Counter(item["verdict"] for item in found.items)
    terms = truce.parsed()
    return page(request, "truce.html", who, truce=truce, findings=found, counts=counts,
                history=[entry.as_dict() for entry in history(store, "truce", truce.id)],
                period_start=terms.start.date().isoformat(), period_end=terms.end.date().isoformat())


@router.get("/truces/{truce_id}/edit")
def truce_edit_form(truce_id: str, request: Request, who=Depends(require("manage_truces")), store=Depends(get_store)):
    truce = get_truce(store, truce_id)
    return page(request, "truce_edit.html", who, truce=truce, text=truce.text, version=truce.version, error=None,
                conflict=None, reason="")


@router.post("/truces/{truce_id}/edit")
def truce_edit(truce_id: str, request: Request, text: str = Form(""), version: int = Form(...),
               reason: str = Form(""), who=Depends(require("manage_truces")), store=Depends(get_store)):
    try:
        update_truce(store, truce_id, version=version, text=text, actor=who.actor(request), reason=reason or None)
    except StaleEdit as exc:
        truce = get_truce(store, truce_id)
        return page(request, "truce_edit.html", who, status=409, truce=truce, text=text, version=truce.version,
                    error=str(exc), conflict=exc, reason=reason)
    except (ConfigError, TruceWatchError) as exc:
        truce = get_truce(store, truce_id)
        return page(request, "truce_edit.html", who, status=400, truce=truce, text=text, version=version,
                    error=str(exc), conflict=None, reason=reason)
    return RedirectResponse(f"/truces/{truce_id}", status_code=303)


@router.post("/truces/{truce_id}/check")
def truce_check(truce_id: str, request: Request, who=Depends(require("edit")), store=Depends(get_store)):
    truce = get_truce(store, truce_id)
    run_check(truce.parsed(), store, actor=who.actor(request))
    return RedirectResponse(f"/truces/{truce.id}", status_code=303)
