"""Migration 0002 creates exactly the tables tables.py describes, and drops them again."""
from __future__ import annotations

from trucewatch.incidents.tables import OUR_TABLES


def test_revision_chain(migration_file):
    module = migration_file("0002_incidents.py").module
    assert (module.revision, module.down_revision) == ("0002", "0001")


def test_upgrade_matches_tables_and_downgrade_drops(migration_file):
    migration_file("0002_incidents.py").check_round_trip(OUR_TABLES)
