"""The audit log as a file: every change (who, when, before -> after, why) as CSV or JSON Lines,
for one record, one kind of record, or everything since a time. Streams in id order, so a log
of millions of rows is written without holding it in memory."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

import sqlalchemy as sa

from trucewatch.errors import TruceWatchError

from .log import AuditEntry, _entry
from .tables import audit_log

COLUMNS = ["id", "at", "user", "via", "action", "kind", "key", "version", "before", "after", "reason"]
FORMATS = ("jsonl", "csv")
PAGE = 2000


def entries(store, *, kind: str | None = None, keys: list[str] | None = None, since: datetime | None = None,
            exclude_kinds: tuple[str, ...] = ()) -> Iterator[AuditEntry]:
    """Audit rows, oldest first, of one kind (and some keys of it) and/or since a time."""
    conditions = []
    if kind is not None:
        conditions.append(audit_log.c.kind == kind)
    if keys is not None:
        conditions.append(audit_log.c.key.in_(keys))
    if since is not None:
        conditions.append(audit_log.c.at >= since)
    if exclude_kinds:
        conditions.append(audit_log.c.kind.not_in(exclude_kinds))
    last = 0
    while True:
        query = sa.select(audit_log).where(audit_log.c.id > last, *conditions).order_by(audit_log.c.id).limit(PAGE)
        with store.engine.connect() as connection:
            rows = list(connection.execute(query))
        yield from (_entry(row) for row in rows)
        if len(rows) < PAGE:
            return
        last = rows[-1].id


def write_entries(found, fmt: str, out: IO[str] | str | Path | None, *, raw_cells: bool = False) -> int:
    """Write audit entries as `jsonl` or `csv` (before/after as JSON text in CSV cells) to a stream,
    or to a file written whole or not at all; CSV cells are defused for spreadsheets unless
    `raw_cells` (reasons and comments are typed by people, keys come from data)."""
    from trucewatch.exports import write_to

    if fmt not in FORMATS:
        raise TruceWatchError(f"The audit log exports as {' or '.join(FORMATS)} (not {fmt!r}).")
    rows = (entry.as_dict() for entry in found)
    return write_to(rows, fmt, out, columns=COLUMNS if fmt == "csv" else None, raw_cells=raw_cells)
