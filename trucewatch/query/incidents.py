"""Incidents as lists, pages and single records, filtered, with the verdict of one truce and the
review status each carries. Every SQL statement the server runs about incidents is here."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from trucewatch.audit.log import history
from trucewatch.audit.tables import record_versions as versions
from trucewatch.errors import NotFound, TruceWatchError
from trucewatch.incidents.tables import SORT_KEY as incidents_sort_key
from trucewatch.incidents.tables import findings, incident_mentions, incidents
from trucewatch.store.schema import documents

from .base import FAR_FUTURE, Page, as_dict, fetch_page, iso, truce_name, types_of
from .filters import Filters
from .parties import incident_party_condition
from .sql import shared_conditions, words_condition

VERDICT_DEFAULT = "unchecked"
SORT_KEY = incidents_sort_key  # undated last, served by the index ix_incidents_sort


def joined(truce: str | None, *, verdicts: bool = True, review: bool = True):
    """incidents + that truce's findings + the incidents' versions, outer-joined (each join only
    when asked for: on 20,000 incidents every join costs, so counts join what their filters need)."""
    table = incidents
    if verdicts:
        table = table.outerjoin(findings, sa.and_(findings.c.incident_id == incidents.c.id,
                                                  findings.c.truce == (truce or "")))
    if review:
        table = table.outerjoin(versions, sa.and_(versions.c.kind == "incident", versions.c.key == incidents.c.id))
    return table


def joined_for(truce: str | None, filters: Filters, *, verdicts: bool = False):
    """The join the filters need (plus the findings when the caller groups or shows verdicts)."""
    return joined(truce, verdicts=verdicts, review=bool(filters.review_status or filters.updated_since))


def verdict_condition(truce: str | None, verdicts: tuple[str, ...]):
    """Incidents with one of these verdicts under the truce, as a subquery on the findings (their
    index on truce and verdict), so a count never has to join every incident to its finding."""
    checked = [verdict for verdict in verdicts if verdict != VERDICT_DEFAULT]
    of_truce = findings.c.truce == (truce or "")
    parts = []
    if checked:
        parts.append(incidents.c.id.in_(sa.select(findings.c.incident_id).where(of_truce,
                                                                                findings.c.verdict.in_(checked))))
    if VERDICT_DEFAULT in verdicts:
        parts.append(incidents.c.id.not_in(sa.select(findings.c.incident_id).where(of_truce)))
    return sa.or_(*parts)


def verdict_column():
    return sa.func.coalesce(findings.c.verdict, VERDICT_DEFAULT)


def status_column(table=versions):
    return sa.func.coalesce(table.c.review_status, "machine")


def conditions(filters: Filters, truce: str | None = None, *, verdict=None, review_status=None,
               changed_at=None) -> list:
    """SQL conditions on `incidents` (and, through the given columns, its finding and version);
    `truce` names whose verdicts the verdict filter reads, unless `verdict` gives the column."""
    found = shared_conditions(filters, start=incidents.c.start,
                              end=sa.func.coalesce(incidents.c.end, incidents.c.start), country=incidents.c.country,
                              admin1=incidents.c.admin1, lat=incidents.c.lat, lon=incidents.c.lon)
    if filters.type:
        names = types_of(filters.type)
        found.append(sa.or_(incidents.c.type.in_(names), incidents.c.family.in_(filters.type)))
    if filters.actor or filters.grade:
        found.append(incident_party_condition(incidents.c.id, filters.actor, filters.grade))
    if filters.verdict:
        found.append(verdict.in_(filters.verdict) if verdict is not None
                     else verdict_condition(truce, filters.verdict))
    if filters.review_status:
        found.append((review_status if review_status is not None else status_column()).in_(filters.review_status))
    if filters.q:
        words = words_condition(filters.q)
        if words is not None:
            in_reports = sa.exists(sa.select(incident_mentions.c.event_id)
                                   .join(documents, documents.c.id == incident_mentions.c.document_id)
                                   .where(incident_mentions.c.incident_id == incidents.c.id, words))
            found.append(sa.or_(in_reports, incidents.c.place.icontains(filters.q, autoescape=True)))
    if filters.updated_since:
        changed = changed_at if changed_at is not None else sa.func.coalesce(versions.c.changed_at,
                                                                             incidents.c.updated_at)
        found.append(changed >= filters.updated_since)
    return found


COLUMNS = [incidents.c.id, incidents.c.type, incidents.c.family, incidents.c.status, incidents.c.start,
           incidents.c.end, incidents.c.time_precision, incidents.c.place, incidents.c.country,
           incidents.c.admin1, incidents.c.lat, incidents.c.lon, incidents.c.place_precision,
           incidents.c.independent_sources, incidents.c.documents, incidents.c.act_disputed,
           incidents.c.data, incidents.c.updated_at]


def _figures(casualties: dict | None) -> dict:
    casualties = casualties or {}
    return {key: casualties.get(key) for key in ("low", "best", "high")}


def item(row, truce: str | None) -> dict:
    """One incident as the API lists it (parties and casualty ranges from its stored data)."""
    data = as_dict(row.data)
    return {
        "id": row.id, "type": row.type, "family": row.family, "status": row.status,
        "start": iso(row.start), "end": iso(row.end), "time_precision": row.time_precision,
        "place": row.place, "country": row.country, "admin1": row.admin1, "lat": row.lat, "lon": row.lon,
        "place_precision": row.place_precision, "independent_sources": row.independent_sources,
        "documents": row.documents, "act_disputed": bool(row.act_disputed),
        "outlets": list(data.get("outlets") or []),
        "parties": [{"party": p.get("party"), "label": p.get("label") or p.get("party"), "grade": p.get("grade")}
                    for p in data.get("parties") or []],
        "fatalities": _figures(data.get("fatalities")), "injured": _figures(data.get("injured")),
        "verdict": row.verdict, "truce": truce if row.verdict != VERDICT_DEFAULT else None,
        "review_status": row.review_status, "version": row.version or 1,
        "updated_at": iso(row.changed_at or row.updated_at),
    }


def _select(truce: str | None):
    return (sa.select(*COLUMNS, verdict_column().label("verdict"), status_column().label("review_status"),
                      versions.c.version, versions.c.changed_at)
            .select_from(joined(truce)))


def list_incidents(store, filters: Filters, *, cursor: str | None = None, limit: int = 50,
                   order: str = "asc", with_data: bool = False) -> Page:
    """A page of incidents by date (undated last when ascending), with the total that match.

    `with_data` adds each incident's stored data (for the spreadsheet formats) under "_data".
    """
    truce = truce_name(store, filters.truce)
    where = conditions(filters, truce)
    count = sa.select(sa.func.count()).select_from(joined_for(truce, filters)).where(*where)
    rows, next_cursor, total = fetch_page(store, _select(truce).where(*where), count, keys=[SORT_KEY, incidents.c.id],
                                          kinds=(date, str), cursor=cursor, limit=limit, order=order,
                                          cursor_of=lambda row: [row.start or FAR_FUTURE, row.id])
    items = []
    for row in rows:
        entry = item(row, truce)
        if with_data:
            entry["_data"] = as_dict(row.data)
        items.append(entry)
    return Page(items, next_cursor, total, {"truce": truce})


def incident_summary(store, incident_id: str, truce: str | None) -> dict | None:
    """One incident as the list shows it (None when no incident has that id)."""
    with store.engine.connect() as connection:
        row = connection.execute(_select(truce).where(incidents.c.id == incident_id)).first()
    return item(row, truce) if row else None


def incident_findings(store, incident_id: str) -> list[dict]:
    """The incident's findings under every truce, with each finding's review status."""
    finding_version = sa.and_(versions.c.kind == "finding",
                              versions.c.key == findings.c.truce + "|" + findings.c.incident_id)
    query = (sa.select(findings.c.truce, findings.c.verdict, findings.c.data, findings.c.checked_at,
                       status_column().label("review_status"), versions.c.version)
             .select_from(findings.outerjoin(versions, finding_version))
             .where(findings.c.incident_id == incident_id).order_by(findings.c.truce))
    with store.engine.connect() as connection:
        return [{**as_dict(row.data), "truce": row.truce, "verdict": row.verdict,
                 "checked_at": iso(row.checked_at), "review_status": row.review_status,
                 "version": row.version or 1} for row in connection.execute(query)]


def incident_record(store, incident_id: str):
    """(the API's record: the stored incident with every mention, its findings, review status,
    version and history; the lookup with Mention objects, for pages). NotFound for an unknown id;
    a merged or split id resolves to the incident that holds its events now."""
    from trucewatch.incidents.stored import find_incident

    try:
        lookup = find_incident(store, incident_id)
    except TruceWatchError as exc:
        raise NotFound(str(exc)) from None
    record = lookup.as_dict()
    key = record["id"]
    with store.engine.connect() as connection:
        found = connection.execute(sa.select(versions.c.review_status, versions.c.version).where(
            versions.c.kind == "incident", versions.c.key == key)).first()
    record["review_status"] = found.review_status if found else "machine"
    record["version"] = found.version if found else 1
    record["findings"] = incident_findings(store, key)
    record["history"] = [entry.as_dict() for entry in history(store, "incident", key)]
    return record, lookup
