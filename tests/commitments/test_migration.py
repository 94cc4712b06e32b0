"""Migration 0007 creates exactly the tables commitments/tables.py describes, and drops them again."""
from __future__ import annotations

import sqlalchemy as sa

from trucewatch.commitments.tables import OUR_TABLES
from trucewatch.store import open_store
from trucewatch.store.schema import TABLE_MODULES, load_all_tables


def test_revision_id_is_0007(migration_file):
    assert migration_file("0007_commitments.py").module.revision == "0007"


def test_upgrade_matches_tables_and_downgrade_drops(migration_file):
    migration_file("0007_commitments.py").check_round_trip(OUR_TABLES)


def test_the_store_knows_the_tables_and_migrates_to_them(store_url):
    assert "trucewatch.commitments.tables" in TABLE_MODULES
    assert {"commitments", "commitment_checks"} <= set(load_all_tables().tables)
    with open_store(store_url) as store:
        assert {"commitments", "commitment_checks"} <= set(sa.inspect(store.engine).get_table_names())
