"""/api/v1/documents: the stored reports (text only when one is asked for)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from trucewatch.errors import NotFound
from trucewatch.exports import Shape
from trucewatch.query import get_document, list_documents

from ..deps import get_store, require
from ..problems import responses
from .common import export_page, fields_param, filter_params, json_page, list_responses, paging_params
from .models import DocumentItem, DocumentOut, DocumentPage

router = APIRouter(tags=["documents"])
COLUMNS = list(DocumentItem.model_fields)


@router.get("/documents", summary="List documents", response_model=None,
            responses={**list_responses(DocumentPage), **responses(400, 401, 403, 404, 422)})
def documents_list(request: Request, filters=Depends(filter_params), paging=Depends(paging_params),
                   fields=Depends(fields_param),
                   format: str = Query("json", pattern="^(json|csv)$", description="json or csv."),
                   who=Depends(require("read")), store=Depends(get_store)):
    """Reports by publication date; the date filters bound the publication date (inclusive)."""
    page = list_documents(store, filters, **paging)
    if format == "json":
        return json_page(request, page, fields, COLUMNS)
    return export_page(request, page, format, Shape(lambda item: item, "csv", COLUMNS), page.items, fields)


@router.get("/documents/{document_id}", summary="One document with its text and events", response_model=None,
            responses={200: {"model": DocumentOut}, **responses(401, 403, 404, 422)})
def document_get(document_id: str, who=Depends(require("read")), store=Depends(get_store)):
    found = get_document(store, document_id)
    if found is None:
        raise NotFound(f"There is no document '{document_id}'.")
    return JSONResponse(found[0])
