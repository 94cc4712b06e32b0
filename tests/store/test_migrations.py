"""Migrations build the schema of schema.py from nothing, and take it away again."""
from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from trucewatch.store import open_store
from trucewatch.store.engine import create_store_engine
from trucewatch.store.migrate import current_revisions, downgrade, head_revisions, upgrade
from trucewatch.store.schema import CORE_TABLES, metadata


def table_names(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_first_revision_is_0001():
    assert "0001" in _all_revisions()


def _all_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from trucewatch.store.migrate import alembic_config

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def test_open_store_migrates_an_empty_database_to_head(store_url):
    with open_store(store_url) as store:
        assert set(CORE_TABLES) <= table_names(store.engine)
        with store.engine.connect() as connection:
            assert current_revisions(connection) == head_revisions()


def test_migrated_schema_matches_the_declared_tables(store_url):
    def core_only(name, kind, parent_names):  # later stages' tables are their own tests' job
        table = name if kind == "table" else parent_names.get("table_name")
        return table is None or table in CORE_TABLES

    with open_store(store_url) as store, store.engine.connect() as connection:
        def core_object(item, name, kind, reflected, compare_to):
            table = item if kind == "table" else getattr(item, "table", None)
            return table is None or table.name in CORE_TABLES

        opts = {"include_name": core_only, "include_object": core_object}
        context = MigrationContext.configure(connection, opts=opts)
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_down_to_base_and_up_again(store_url, samples):
    engine = create_store_engine(store_url)
    try:
        upgrade(engine)
        downgrade(engine, "base")
        assert not set(CORE_TABLES) & table_names(engine)
        upgrade(engine)
        assert set(CORE_TABLES) <= table_names(engine)
    finally:
        engine.dispose()
    with open_store(store_url) as store:  # the rebuilt schema takes records again
        assert store.add([samples[0].document], [samples[0]]) == [True]


def test_opening_a_migrated_database_writes_nothing(store_url):
    open_store(store_url).close()
    engine = create_store_engine(store_url)
    statements = []
    sa.event.listen(engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *rest: statements.append(statement))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    writes = ("CREATE", "ALTER", "INSERT", "UPDATE", "DROP")
    assert not [s for s in statements if s.lstrip().upper().startswith(writes)]


def test_sqlite_file_uses_wal(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'tw.db'}") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


def test_in_memory_sqlite_keeps_one_database():
    with open_store("sqlite://") as store:
        assert store.counts()["documents"] == 0
