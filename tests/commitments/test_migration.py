"""Migration 0007 creates exactly the tables commitments/tables.py describes, and drops them again."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

import trucewatch
from trucewatch.commitments.tables import OUR_TABLES
from trucewatch.store import open_store
from trucewatch.store.schema import TABLE_MODULES, load_all_tables

MIGRATION = Path(trucewatch.__file__).parent / "store" / "migrations" / "versions" / "0007_commitments.py"


def _load():
    spec = importlib.util.spec_from_file_location("migration_0007", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(engine, step: str) -> None:
    module = _load()
    with engine.begin() as conn:
        with Operations.context(MigrationContext.configure(conn)):
            getattr(module, step)()


def test_revision_id_is_0007():
    assert _load().revision == "0007"


def test_upgrade_matches_tables_and_downgrade_drops(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    _run(engine, "upgrade")
    inspector = sa.inspect(engine)
    for table in OUR_TABLES:
        assert {c["name"] for c in inspector.get_columns(table.name)} == {c.name for c in table.columns}
    _run(engine, "upgrade")  # a second run (tables already there) is harmless
    _run(engine, "downgrade")
    assert not set(sa.inspect(engine).get_table_names()) & {t.name for t in OUR_TABLES}


def test_the_store_knows_the_tables_and_migrates_to_them(store_url):
    assert "trucewatch.commitments.tables" in TABLE_MODULES
    assert {"commitments", "commitment_checks"} <= set(load_all_tables().tables)
    with open_store(store_url) as store:
        assert {"commitments", "commitment_checks"} <= set(sa.inspect(store.engine).get_table_names())
