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


def test_upgrade_matches_tables_and_downgrade_drops(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    _run(engine, "upgrade")
    inspector = sa.inspect(engine)
    for table in OUR_TABLES:
        assert {c["name"] for c in inspector.get_columns(table.name)} == {c.name for c in table.columns}
    _run(engine, "upgrade")  # a second run (tables already there) is harmless
    _run(engine, "downgrade")
    assert not set(sa.inspect(engine).get_table_names()) & {t.name for t in OUR_TABLES}
