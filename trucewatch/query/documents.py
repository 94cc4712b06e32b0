"""Reports as pages and single records; a document's events come with it when asked for one."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from trucewatch.store import rows as store_rows
from trucewatch.store.schema import documents, events

from .base import FAR_FUTURE, Page, fetch_page, iso, refuse, types_of
from .filters import Filters
from .sql import words_condition

NOT_FOR_DOCUMENTS = ("admin1", "actor", "grade", "verdict", "review_status", "bbox", "near", "truce")
SORT_KEY = sa.func.coalesce(documents.c.published, sa.literal(FAR_FUTURE, sa.Date))


def conditions(filters: Filters) -> list:
    refuse(filters, "documents", NOT_FOR_DOCUMENTS)
    found = []
    if filters.date_after:
        found.append(documents.c.published >= filters.date_after)
    if filters.date_before:
        found.append(documents.c.published <= filters.date_before)
    if filters.country or filters.type:
        parts = [events.c.document_id == documents.c.id]
        if filters.country:
            parts.append(events.c.country.in_(filters.country))
        if filters.type:
            parts.append(events.c.type.in_(types_of(filters.type)))
        found.append(sa.exists(sa.select(events.c.id).where(*parts)))
    words = words_condition(filters.q)
    if words is not None:
        found.append(words)
    if filters.updated_since:
        found.append(documents.c.ingested_at >= filters.updated_since)
    return found


LIST_COLUMNS = [c for c in documents.c if c.name != "text"]


def item(row) -> dict:
    return {"id": row.id, "ref": row.ref, "title": row.title, "published": iso(row.published),
            "published_given": bool(row.published_given), "source": row.source, "url": row.url,
            "language": row.language, "ingested_at": iso(row.ingested_at)}


def list_documents(store, filters: Filters, *, cursor: str | None = None, limit: int = 50,
                   order: str = "asc") -> Page:
    where = conditions(filters)
    count = sa.select(sa.func.count()).select_from(documents).where(*where)
    rows, next_cursor, total = fetch_page(store, sa.select(*LIST_COLUMNS).where(*where), count,
                                          keys=[SORT_KEY, documents.c.id], kinds=(date, str), cursor=cursor,
                                          limit=limit, order=order,
                                          cursor_of=lambda row: [row.published or FAR_FUTURE, row.id])
    return Page([item(row) for row in rows], next_cursor, total)


def get_document(store, document_id: str) -> tuple[dict, object, list] | None:
    """(the API's record with text and events, the Document, its Events) or None."""
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(documents).where(documents.c.id == document_id)).first()
        if row is None:
            return None
        event_rows = connection.execute(sa.select(events.c.record).where(events.c.document_id == document_id)
                                        .order_by(events.c.position)).all()
    document = store_rows.document_from_row(row)
    found = [store_rows.event_from_row(r) for r in event_rows]
    record = {**item(row), "text": document.text, "events": [e.model_dump(mode="json") for e in found]}
    return record, document, found
