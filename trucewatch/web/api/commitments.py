"""/api/v1/commitments: one side's pledges with their verdicts, the rates before and after, the
claims that report them and links to their incidents (docs/commitments.md)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from trucewatch.commitments.export import COMMITMENT_SHAPES, flat_commitment_row
from trucewatch.query.commitments import commitment_incidents, get_commitment, list_commitment_page

from ..deps import get_store, require
from ..problems import responses
from .common import export_page, fields_param, json_page, list_responses, paging_params
from .models import CommitmentItem, CommitmentOut, CommitmentPage

router = APIRouter(tags=["commitments"])


def commitment_item(view) -> dict:
    """The CSV row's fields, with `id` for `commitment_id` and the breaking incidents as a list."""
    row = flat_commitment_row(view)
    row["id"] = row.pop("commitment_id")
    after = view.assessment.after if view.assessment else None
    row["breach_incidents"] = list(after.incidents) if after else []
    return row


def commitment_record(view) -> dict:
    """The whole commitment, its latest assessment, its verdict and the incidents it names."""
    return {**view.as_dict(), "verdict": view.verdict, "incidents": commitment_incidents(view)}


@router.get("/commitments", summary="List commitments", response_model=None,
            responses={**list_responses(CommitmentPage), **responses(400, 401, 403, 422)})
def commitments_list(request: Request, paging=Depends(paging_params), fields=Depends(fields_param),
                     verdict: list[str] | None = Query(None, description="kept, broken, possibly broken, "
                                                       "not yet assessable, unchecked (repeat, or commas)."),
                     party: str | None = Query(None, max_length=200, description="The committing party: ISO3 for "
                                               "states (SYR), an actor name, or its label."),
                     kind: list[str] | None = Query(None, description="Kinds of pledge (de_escalation, "
                                                    "ceasefire_acceptance, ...)."),
                     date_after: date | None = Query(None, description="Pledges in force on this day or later."),
                     date_before: date | None = Query(None, description="Pledges begun on this day or earlier."),
                     format: str = Query("json", pattern="^(json|csv)$", description="json or csv."),
                     who=Depends(require("read")), store=Depends(get_store)):
    """Stored commitments (built by `trucewatch check` or `commitments check`), earliest start
    first, each with its latest verdict and the rates before and after it began."""
    page = list_commitment_page(store, verdict=verdict, party=party, kind=kind, date_after=date_after,
                                date_before=date_before, **paging)
    if format == "json":
        return json_page(request, replace(page, items=[commitment_item(v) for v in page.items]), fields,
                         list(CommitmentItem.model_fields))
    return export_page(request, page, format, COMMITMENT_SHAPES["csv"], page.items, fields)


@router.get("/commitments/{commitment_id}", summary="One commitment with its verdict and incidents",
            response_model=None, responses={200: {"model": CommitmentOut}, **responses(401, 403, 404, 422)})
def commitment_get(commitment_id: str, who=Depends(require("read")), store=Depends(get_store)):
    """Who pledged what, where and when, how firm, who reports it (quotes with their offsets), the
    verdict with its trace, incidents per day and reports read before and after, and each
    incident it names with links to it."""
    return JSONResponse(commitment_record(get_commitment(store, commitment_id)))
