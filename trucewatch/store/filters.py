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


def shard_bounds(shard: int, shards: int) -> tuple[str, str | None]:
    """The k-th of n equal slices of the document id space (ids are hex SHA-256): [low, high)."""
    if not 0 <= shard < shards:
        raise TruceWatchError(f"Shard {shard} does not exist among {shards} shards.")
    span = 16 ** 4
    low = f"{shard * span // shards:04x}"
    high = f"{(shard + 1) * span // shards:04x}" if shard + 1 < shards else None
    return low, high


def event_conditions(*, since=None, until=None, country=None, type=None, text=None,
                     shard: tuple[int, int] | None = None) -> list:
    """`shard=(k, n)` keeps the events of the documents in the k-th of n slices of the id space,
    so n processes can each read a whole-document share (trucewatch.scale)."""
    since, until = as_date(since, "--from"), as_date(until, "--to")
    conditions = []
    if shard is not None:
        low, high = shard_bounds(*shard)
        conditions.append(events.c.document_id >= low)
        if high is not None:
            conditions.append(events.c.document_id < high)
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
