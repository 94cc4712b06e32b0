"""Events (one report's account of one act) as pages and single records, filtered like incidents:
their own place, time, type and actors; the grade, verdict and text of the incident they belong to."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from trucewatch.audit.tables import record_versions as versions
from trucewatch.incidents.tables import findings, incident_mentions
from trucewatch.store import rows as store_rows
from trucewatch.store.schema import documents, events, places

from .base import Page, fetch_page, iso, truce_name, types_of
from .filters import Filters
from .parties import event_actor_condition, incident_party_condition
from .sql import shared_conditions, words_condition


def joined(truce: str | None):
    version = sa.and_(versions.c.kind == "event", versions.c.key == events.c.id)
    finding = sa.and_(findings.c.incident_id == incident_mentions.c.incident_id, findings.c.truce == (truce or ""))
    return (events.join(documents, documents.c.id == events.c.document_id)
            .outerjoin(places, places.c.id == events.c.place_id)
            .outerjoin(versions, version)
            .outerjoin(incident_mentions, incident_mentions.c.event_id == events.c.id)
            .outerjoin(findings, finding))


def conditions(filters: Filters) -> list:
    found = shared_conditions(filters, start=events.c.when_start, end=events.c.when_end, country=events.c.country,
                              admin1=places.c.admin1, lat=places.c.lat, lon=places.c.lon)
    if filters.type:
        found.append(events.c.type.in_(types_of(filters.type)))
    if filters.actor:
        found.append(event_actor_condition(events.c.id, filters.actor))
    if filters.grade:
        found.append(incident_party_condition(incident_mentions.c.incident_id, (), filters.grade))
    if filters.verdict:
        found.append(sa.func.coalesce(findings.c.verdict, "unchecked").in_(filters.verdict))
    if filters.review_status:
        found.append(sa.func.coalesce(versions.c.review_status, "machine").in_(filters.review_status))
    words = words_condition(filters.q)
    if words is not None:
        found.append(words)
    if filters.updated_since:
        found.append(sa.or_(documents.c.ingested_at >= filters.updated_since,
                            versions.c.changed_at >= filters.updated_since))
    return found


def _select(truce: str | None):
    return (sa.select(events.c.id.label("event_id"), events.c.record, events.c.when_start, *documents.c,
                      places.c.admin1.label("place_admin1"), incident_mentions.c.incident_id,
                      sa.func.coalesce(findings.c.verdict, "unchecked").label("verdict"),
                      sa.func.coalesce(versions.c.review_status, "machine").label("review_status"),
                      versions.c.version, versions.c.changed_at)
            .select_from(joined(truce)))


def item(row, truce: str | None) -> tuple[dict, object, object]:
    """(the API's item, the Document, the Event): the contract event with its report and incident."""
    document = store_rows.document_from_row(row)
    event = store_rows.event_from_row(row)
    entry = {**event.model_dump(mode="json"), "document": document.contract(),
             "incident": row.incident_id, "verdict": row.verdict,
             "truce": truce if row.verdict != "unchecked" else None,
             "review_status": row.review_status, "version": row.version or 1,
             "updated_at": iso(row.changed_at or row.ingested_at)}
    return entry, document, event


def list_events(store, filters: Filters, *, cursor: str | None = None, limit: int = 50,
                order: str = "asc") -> Page:
    """A page of events by date; items carry (document, event) pairs under "_pair" for the export formats."""
    truce = truce_name(store, filters.truce)
    where = conditions(filters)
    count = sa.select(sa.func.count()).select_from(joined(truce)).where(*where)
    rows, next_cursor, total = fetch_page(store, _select(truce).where(*where), count,
                                          keys=[events.c.when_start, events.c.id], kinds=(date, str), cursor=cursor,
                                          limit=limit, order=order, cursor_of=lambda row: [row.when_start, row.event_id])
    items = []
    for row in rows:
        entry, document, event = item(row, truce)
        entry["_pair"] = (document, event)
        items.append(entry)
    return Page(items, next_cursor, total, {"truce": truce})


def get_event(store, event_id: str, truce: str | None = None) -> dict | None:
    truce = truce_name(store, truce)
    with store.engine.connect() as connection:
        row = connection.execute(_select(truce).where(events.c.id == event_id)).first()
    return item(row, truce)[0] if row else None


def incidents_of_events(store, event_ids: list[str]) -> dict[str, str]:
    """event id -> the incident it belongs to (events not yet fused are left out)."""
    found = {}
    with store.engine.connect() as connection:
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start:start + 500]
            query = sa.select(incident_mentions.c.event_id, incident_mentions.c.incident_id).where(
                incident_mentions.c.event_id.in_(chunk))
            found.update({row.event_id: row.incident_id for row in connection.execute(query)})
    return found
