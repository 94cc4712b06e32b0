"""Bringing a database to the newest schema, safely when several processes open it at once.

`open_store` calls `upgrade`. The upgrade runs in one transaction that first takes a lock
(SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), then re-reads the revision, so two
processes opening a fresh database do not both try to create the tables.
"""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from trucewatch.errors import TruceWatchError
from trucewatch.store.engine import safe_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
PG_LOCK_KEY = 0x7472_7563_6577  # "trucew": any constant shared by all TruceWatch processes


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An alembic Config pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(connection: sa.Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


def upgrade(engine: sa.Engine, revision: str = "heads") -> None:
    """Migrate to `revision` (default: newest) unless the database is already there."""
    heads = head_revisions()
    with engine.connect() as connection:
        if revision == "heads" and current_revisions(connection) == heads:
            return  # the common case: no lock, no write
    _run(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: sa.Engine, revision: str = "base") -> None:
    """Migrate down to `revision` (default: drop every TruceWatch table)."""
    _run(engine, lambda config: command.downgrade(config, revision))


def _run(engine: sa.Engine, step) -> None:
    locked = engine.execution_options(sqlite_begin="IMMEDIATE")
    with locked.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
        try:
            step(alembic_config(connection))
        except CommandError as exc:
            raise TruceWatchError(
                f"Cannot migrate the database {safe_url(engine.url)}: "
                f"{exc} (was it written by a newer TruceWatch?)."
            ) from exc
