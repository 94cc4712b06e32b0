"""Findings (one verdict on one incident under one truce) as pages, filtered through their incident."""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.audit.tables import record_versions as versions
from trucewatch.incidents.tables import findings, incidents

from .base import Page, as_dict, fetch_page, iso
from .filters import Filters
from .incidents import conditions as incident_conditions

KEY = findings.c.truce + "|" + findings.c.incident_id


def joined():
    version = sa.and_(versions.c.kind == "finding", versions.c.key == KEY)
    return findings.join(incidents, incidents.c.id == findings.c.incident_id).outerjoin(versions, version)


def conditions(store, filters: Filters) -> list:
    from .base import truce_name

    found = incident_conditions(filters, verdict=findings.c.verdict,
                                review_status=sa.func.coalesce(versions.c.review_status, "machine"),
                                changed_at=sa.func.coalesce(versions.c.changed_at, findings.c.checked_at))
    if filters.truce:
        found.append(findings.c.truce == truce_name(store, filters.truce))
    return found


def item(row) -> dict:
    data = as_dict(row.data)
    return {**data, "truce": row.truce, "incident": row.incident_id, "verdict": row.verdict,
            "lat": row.lat, "lon": row.lon, "country": row.country, "admin1": row.admin1,
            "checked_at": iso(row.checked_at), "review_status": row.review_status,
            "version": row.version or 1, "updated_at": iso(row.changed_at or row.checked_at)}


def list_findings(store, filters: Filters, *, cursor: str | None = None, limit: int = 50,
                  order: str = "asc") -> Page:
    where = conditions(store, filters)
    query = (sa.select(findings.c.truce, findings.c.incident_id, findings.c.verdict, findings.c.data,
                       findings.c.checked_at, incidents.c.lat, incidents.c.lon, incidents.c.country,
                       incidents.c.admin1,
                       sa.func.coalesce(versions.c.review_status, "machine").label("review_status"),
                       versions.c.version, versions.c.changed_at)
             .select_from(joined()).where(*where))
    count = sa.select(sa.func.count()).select_from(joined()).where(*where)
    rows, next_cursor, total = fetch_page(store, query, count, keys=[findings.c.truce, findings.c.incident_id],
                                          kinds=(str, str), cursor=cursor, limit=limit, order=order,
                                          cursor_of=lambda row: [row.truce, row.incident_id])
    return Page([item(row) for row in rows], next_cursor, total)
