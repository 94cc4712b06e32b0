"""The timeline: incidents per day by verdict, for the same filters as the list and the map.

An incident counts on the day it began. Incidents dated only to a week, a month or a year are
counted apart (drawing them on their first day would invent a peak), as are undated ones, so the
timeline's totals always add up to the list's.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import sqlalchemy as sa

from trucewatch.incidents.tables import incidents
from trucewatch.report.period import DAILY_PRECISIONS

from .base import truce_name
from .filters import Filters
from .incidents import conditions, joined_for, verdict_column

MAX_DAYS = 3660


def timeline(store, filters: Filters) -> dict:
    """{"days": [{"day", "total", "verdicts": {verdict: n}}] (every day from first to last,
    empty days included), "imprecise": {...}, "undated": {...}, "total", "truce"}."""
    truce = truce_name(store, filters.truce)
    daily = incidents.c.time_precision.in_(sorted(DAILY_PRECISIONS))
    verdict = verdict_column().label("verdict")
    query = (sa.select(incidents.c.start, daily.label("daily"), verdict, sa.func.count().label("n"))
             .select_from(joined_for(truce, filters, verdicts=True)).where(*conditions(filters, truce))
             .group_by(incidents.c.start, daily, verdict))
    per_day: dict[date, dict[str, int]] = defaultdict(dict)
    imprecise: dict[str, int] = {}
    undated: dict[str, int] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            if row.start is None:
                bucket = undated
            elif not row.daily:
                bucket = imprecise
            else:
                bucket = per_day[row.start]
            bucket[row.verdict] = bucket.get(row.verdict, 0) + row.n
    days = []
    if per_day:
        first, last = min(per_day), max(per_day)
        if (last - first).days > MAX_DAYS:
            first = last - timedelta(days=MAX_DAYS)  # older days still count in the total
        for offset in range((last - first).days + 1):  # never a day past `last`: 9999-12-31 may be stored
            day = first + timedelta(days=offset)
            counts = per_day.get(day, {})
            days.append({"day": day.isoformat(), "total": sum(counts.values()), "verdicts": counts})
    total = sum(sum(c.values()) for c in per_day.values()) + sum(imprecise.values()) + sum(undated.values())
    return {"days": days, "imprecise": imprecise, "undated": undated, "total": total, "truce": truce}
