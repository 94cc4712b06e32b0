"""Migration 0002 creates exactly the tables tables.py describes (less what 0003 adds), and drops them again."""
from __future__ import annotations

from trucewatch.incidents.tables import OUR_TABLES


def test_revision_chain(migration_file):
    module = migration_file("0002_incidents.py").module
    assert (module.revision, module.down_revision) == ("0002", "0001")


def test_upgrade_matches_tables_and_downgrade_drops(migration_file):
    later = migration_file("0003_accounts_audit.py").module
    added_tables = {name for name, _ in later._tables()}
    ours_in_0002 = [table for table in OUR_TABLES if table.name not in added_tables]
    migration_file("0002_incidents.py").check_round_trip(ours_in_0002, added_columns=later.ADDED_COLUMNS)
