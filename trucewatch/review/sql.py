"""Two writes every review table needs on SQLite and PostgreSQL alike, safe against racing writers:
insert-if-missing and insert-or-update (both by the table's primary key or unique constraint)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert


def _insert(connection: sa.Connection, table: sa.Table):
    if connection.dialect.name == "postgresql":
        return pg_insert(table)
    if connection.dialect.name == "sqlite":
        return sqlite_insert(table)
    raise NotImplementedError(f"reviews need SQLite or PostgreSQL, not {connection.dialect.name}")


def insert_missing(connection: sa.Connection, table: sa.Table, row: dict) -> bool:
    """Insert unless a row with the same key exists; True if inserted."""
    return connection.execute(_insert(connection, table).values(row).on_conflict_do_nothing()).rowcount == 1


def upsert(connection: sa.Connection, table: sa.Table, row: dict, keys: list[str]) -> None:
    """Insert, or update the non-key columns of the row with the same `keys`."""
    statement = _insert(connection, table).values(row)
    changes = {name: statement.excluded[name] for name in row if name not in keys}
    connection.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes))
