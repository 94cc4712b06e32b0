"""The incident page and the document page."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from trucewatch.errors import NotFound
from trucewatch.query import get_document
from trucewatch.query.events import incidents_of_events
from trucewatch.query.incidents import incident_record

from ..deps import get_store, require
from .common import page
from .views import casualty_rows, claims_side_by_side, document_spans, marked_text, mention_blocks

router = APIRouter(include_in_schema=False)


@router.get("/incidents/{incident_id}")
def incident_page(incident_id: str, request: Request, who=Depends(require("read")), store=Depends(get_store)):
    from .review import incident_extras

    record, lookup = incident_record(store, incident_id)
    return page(request, "incident.html", who, incident=record, note=lookup.note, blocks=mention_blocks(lookup),
                claims=claims_side_by_side(lookup), casualties=casualty_rows(record),
                **incident_extras(store, record, who))


@router.get("/documents/{document_id}")
def document_page(document_id: str, request: Request, who=Depends(require("read")), store=Depends(get_store)):
    found = get_document(store, document_id)
    if found is None:
        raise NotFound(f"There is no document '{document_id}'.")
    record, document, events = found
    owners = incidents_of_events(store, [event.id for event in events])
    return page(request, "document.html", who, document=record, text=marked_text(document.text, document_spans(events)),
                events=[{"event": event, "incident": owners.get(event.id)} for event in events])
