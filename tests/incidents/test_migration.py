"""Migration 0002 creates exactly the tables tables.py describes, and drops them again."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

import trucewatch
from trucewatch.incidents.tables import OUR_TABLES

MIGRATION = Path(trucewatch.__file__).parent / "store" / "migrations" / "versions" / "0002_incidents.py"


def _load():
    spec = importlib.util.spec_from_file_location("migration_0002", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(engine, step: str) -> None:
    module = _load()
    with engine.begin() as conn:
        with Operations.context(MigrationContext.configure(conn)):
            getattr(module, step)()


def test_revision_chain():
    module = _load()
    assert (module.revision, module.down_revision) == ("0002", "0001")


def _later():
    """What migration 0003 adds on top of 0002: its columns on 0002's tables, and its own tables."""
    spec = importlib.util.spec_from_file_location("migration_0003", MIGRATION.with_name("0003_accounts_audit.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ADDED_COLUMNS, {name for name, _ in module._tables()}


def test_upgrade_matches_tables_and_downgrade_drops(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    _run(engine, "upgrade")
    inspector = sa.inspect(engine)
    added_columns, added_tables = _later()
    ours_in_0002 = [table for table in OUR_TABLES if table.name not in added_tables]
    for table in ours_in_0002:
        expected = {c.name for c in table.columns} - added_columns.get(table.name, set())
        assert {c["name"] for c in inspector.get_columns(table.name)} == expected
    _run(engine, "upgrade")  # a second run (tables already there) is harmless
    _run(engine, "downgrade")
    assert not set(sa.inspect(engine).get_table_names()) & {t.name for t in ours_in_0002}
