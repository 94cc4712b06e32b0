"""The filters shared by `Store.documents/events/extractions` and the `list` command.

Dates bound a document's publication date, or an event's time span (an event is kept when its
span overlaps the range); text keeps rows whose document contains every word or "quoted phrase".
"""
from __future__ import annotations

import shlex
from datetime import date, datetime

import sqlalchemy as sa

from trucewatch.errors import TruceWatchError
from trucewatch.store.schema import documents, events


def as_date(value: date | str | None, what: str) -> date | None:
    """A date from a date or an ISO string (YYYY-MM-DD); a sentence if it is neither."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise TruceWatchError(
            f"The {what} date {value!r} is not a date in the form YYYY-MM-DD."
        ) from None


def words(text: str | None) -> list[str]:
    """Words and "quoted phrases" to look for; an unbalanced quote is taken literally."""
    if not text or not text.strip():
        return []
    try:
        return [word for word in shlex.split(text) if word]
    except ValueError:
        return text.split()


def as_list(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """One value or several (a list, or comma-separated text)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part) for part in value]


def text_condition(text: str | None):
    conditions = [
        sa.or_(
            documents.c.text.icontains(word, autoescape=True),
            documents.c.title.icontains(word, autoescape=True),
        )
        for word in words(text)
    ]
    return sa.and_(*conditions) if conditions else None


def document_conditions(*, since=None, until=None, text=None, ids=None) -> list:
    since, until = as_date(since, "--from"), as_date(until, "--to")
    conditions = []
    if since:
        conditions.append(documents.c.published >= since)
    if until:
        conditions.append(documents.c.published <= until)
    if ids is not None:
        conditions.append(documents.c.id.in_(list(ids)))
    matching_text = text_condition(text)
    if matching_text is not None:
        conditions.append(matching_text)
    return conditions


def event_conditions(*, since=None, until=None, country=None, type=None, text=None) -> list:
    since, until = as_date(since, "--from"), as_date(until, "--to")
    conditions = []
    if since:
        conditions.append(events.c.when_end >= since)
    if until:
        conditions.append(events.c.when_start <= until)
    countries = [code.upper() for code in as_list(country)]
    if countries:
        conditions.append(events.c.country.in_(countries))
    types = as_list(type)
    if types:
        conditions.append(events.c.type.in_(types))
    matching_text = text_condition(text)
    if matching_text is not None:
        conditions.append(matching_text)
    return conditions


def check_limit(limit: int | None) -> int | None:
    if limit is not None and limit < 0:
        raise TruceWatchError(f"The limit {limit} must be zero or more.")
    return limit
