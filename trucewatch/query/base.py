"""What every record query shares: keyset paging, the truce whose verdicts are shown, act types.

Paging is by key, not offset, so a page's `next` cursor still points to the right place when
records are added meanwhile, and deep pages cost no more than the first.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from trucewatch.errors import NotFound, TruceWatchError

MAX_LIMIT = 1000
FAR_FUTURE = date(9999, 12, 31)  # where undated records sort


class CursorError(TruceWatchError):
    def __init__(self):
        super().__init__("The paging cursor is not one this server gave out; start again from the first page.")


@dataclass
class Page:
    items: list[dict]
    next_cursor: str | None
    total: int
    meta: dict = field(default_factory=dict)  # e.g. the truce whose verdicts the items carry


def encode_cursor(values: list) -> str:
    text = json.dumps([v.isoformat() if isinstance(v, (date, datetime)) else v for v in values])
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, kinds: tuple[type, ...]) -> list | None:
    """The values of a cursor, typed as `kinds` (date, str, int); CursorError when it is not ours."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode("utf-8"))
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        typed = []
        for value, kind in zip(values, kinds):
            if kind is date:
                typed.append(date.fromisoformat(value))
            elif kind is datetime:
                typed.append(datetime.fromisoformat(value))
            elif kind is int and isinstance(value, int) and not isinstance(value, bool):
                typed.append(value)
            elif kind is str and isinstance(value, str) and "\x00" not in value:
                typed.append(value)
            else:
                raise ValueError
        return typed
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise CursorError() from None


def after_key(columns: list, values: list | None, descending: bool):
    """Rows after the cursor in (columns...) order: lexicographic comparison spelled out."""
    if values is None:
        return None
    alternatives = []
    for n, column in enumerate(columns):
        equal = [columns[i] == values[i] for i in range(n)]
        beyond = column < values[n] if descending else column > values[n]
        alternatives.append(sa.and_(*equal, beyond))
    return sa.or_(*alternatives)


def fetch_page(store, query, count, *, keys: list, kinds: tuple, cursor: str | None, limit: int,
               order: str, cursor_of) -> tuple[list, str | None, int]:
    """(rows of the page, the next page's cursor or None, how many match in all) for a query
    ordered by `keys`; `cursor_of(row)` gives the key values a cursor holds."""
    limit, descending = check_limit(limit), check_order(order)
    position = after_key(keys, decode_cursor(cursor, kinds), descending)
    if position is not None:
        query = query.where(position)
    query = query.order_by(*([key.desc() for key in keys] if descending else keys)).limit(limit + 1)
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
        total = connection.scalar(count)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (encode_cursor(cursor_of(rows[-1])) if more and rows else None), total


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise TruceWatchError(f"The limit {limit} must be between 1 and {MAX_LIMIT}.")
    return limit


def check_order(order: str) -> bool:
    """True for descending."""
    if order not in ("asc", "desc"):
        raise TruceWatchError(f"The order {order!r} must be asc or desc.")
    return order == "desc"


def truce_name(store, wanted: str | None) -> str | None:
    """The name findings are filed under for the truce asked for (id or name), else for the truce
    checked most recently; None when nothing was ever checked."""
    from trucewatch.incidents.tables import findings
    from trucewatch.truce.stored import default_truce, find_truce

    if wanted:
        stored = find_truce(store, wanted)
        if stored is not None:
            return stored.name
        with store.engine.connect() as connection:
            if connection.scalar(sa.select(findings.c.truce).where(findings.c.truce == wanted).limit(1)):
                return wanted
        raise NotFound(f"There is no truce '{wanted}'.")
    stored = default_truce(store)
    if stored is not None and stored.last_checked_at is not None:
        return stored.name
    with store.engine.connect() as connection:
        latest = connection.scalar(sa.select(findings.c.truce).order_by(findings.c.checked_at.desc()).limit(1))
    return latest or (stored.name if stored else None)


def types_of(names: tuple[str, ...]) -> list[str]:
    """Act types named directly or through their family (fusion or ontology family)."""
    from trucewatch.incidents.families import fusion_table, ontology_table

    wanted = set(names)
    found = set(wanted)
    for table in (fusion_table(), ontology_table()):
        found |= {act for act, family in table.items() if family in wanted}
    return sorted(found)


def as_dict(value) -> dict:
    if isinstance(value, str):  # some drivers hand JSON back as text
        return json.loads(value)
    return dict(value or {})


def iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        from datetime import timezone
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def refuse(filters, resource: str, names: tuple[str, ...]) -> None:
    """A sentence for filters that mean nothing for this resource, rather than silently ignoring them."""
    from .filters import FilterError

    for name in names:
        if getattr(filters, name) not in (None, ()):
            raise FilterError(name, f"does not apply to {resource}")
