"""Login throttling: after repeated failures an account (and, more leniently, a client address)
must wait, each further failure doubling the wait up to a ceiling.

Kept in the database, so every server process and restart sees the same counts.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from trucewatch.audit.versions import as_utc
from trucewatch.errors import Refused

from .tables import login_failures

WINDOW = timedelta(minutes=15)  # failures older than this are forgotten
FREE_FAILURES = {"name": 5, "ip": 20}  # failures allowed before waits begin
FIRST_WAIT_S = 30
MAX_WAIT_S = 15 * 60


class Throttled(Refused):
    """A login refused without looking at the password, because of earlier failures."""


def keys_for(name: str, client: str | None) -> list[str]:
    keys = [f"name:{name.strip().casefold()[:150]}"]
    if client:
        keys.append(f"ip:{client[:150]}")
    return keys


def _limit(key: str) -> int:
    return FREE_FAILURES[key.split(":", 1)[0]]


def check(connection: sa.Connection, keys: list[str], at: datetime) -> None:
    """Refused (with the seconds to wait) while any key is locked."""
    rows = connection.execute(sa.select(login_failures).where(login_failures.c.key.in_(keys)))
    waits = [(as_utc(row.locked_until) - at).total_seconds() for row in rows
             if row.locked_until is not None and as_utc(row.locked_until) > at]
    if waits:
        seconds = int(max(waits)) + 1
        raise Throttled(f"Too many failed logins; try again in {seconds} seconds.", retry_after=seconds)


def record_failure(connection: sa.Connection, keys: list[str], at: datetime) -> None:
    for key in keys:
        row = connection.execute(sa.select(login_failures).where(login_failures.c.key == key)).first()
        if row is None or as_utc(row.first_at) < at - WINDOW:
            failures, first_at = 1, at
            connection.execute(login_failures.delete().where(login_failures.c.key == key))
            connection.execute(login_failures.insert().values(key=key, failures=1, first_at=at, locked_until=None))
        else:
            failures, first_at = row.failures + 1, as_utc(row.first_at)
        over = failures - _limit(key)
        locked_until = at + timedelta(seconds=min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (over - 1))) if over > 0 else None
        connection.execute(login_failures.update().where(login_failures.c.key == key).values(
            failures=failures, first_at=first_at, locked_until=locked_until))


def clear(connection: sa.Connection, key: str) -> None:
    connection.execute(login_failures.delete().where(login_failures.c.key == key))
