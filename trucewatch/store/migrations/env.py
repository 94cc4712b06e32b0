"""Alembic environment for TruceWatch.

`trucewatch.store.migrate` runs migrations programmatically and hands over its open connection
(config.attributes["connection"]), so the upgrade happens inside the caller's locked transaction.
Run by hand, `alembic -x url=sqlite:///trucewatch.db upgrade head` also works.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from trucewatch.store.schema import load_all_tables, metadata

config = context.config


def _configure_and_run(connection: sa.Connection, target_metadata: sa.MetaData) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # Upgrades from open_store need no metadata; skip importing every stage (it is slow).
        _configure_and_run(connection, metadata)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    from trucewatch.store.engine import create_store_engine

    engine = create_store_engine(url)
    try:
        with engine.begin() as connection:
            # By hand (e.g. `alembic revision --autogenerate`): compare against every stage's tables.
            _configure_and_run(connection, load_all_tables())
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("TruceWatch migrations run against a live database (no offline SQL mode).")
run_migrations_online()
