"""Migration 0006: its tables are exactly those review/tables.py declares; a database written at
0003 keeps its review statuses through the upgrade; and corrections survive a later migration
that rebuilds their tables (SQLite rebuilds a table to alter it), on SQLite and PostgreSQL."""
from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from trucewatch.audit import Actor
from trucewatch.audit.tables import record_versions
from trucewatch.query import list_findings, parse_filters
from trucewatch.review import correct_event, set_status
from trucewatch.review.overrides import reviewed_events
from trucewatch.review.tables import REVIEW_TABLES
from trucewatch.store import open_store
from trucewatch.store.engine import create_store_engine
from trucewatch.store.migrate import MIGRATIONS_DIR, alembic_config, head_revisions, upgrade
from trucewatch.store.schema import load_all_tables
from trucewatch.store.store import Store
from trucewatch.truce.run import run_check

from .conftest import ALEPPO, EXAMPLE_TRUCE, first_extraction

ANALYST = Actor(name="amal", via="web")
LATER = '''"""A later migration (test only): a column on event_reviews and record_versions, added in batch
mode, so SQLite copies both tables into new ones."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"


def upgrade():
    for table in ("event_reviews", "record_versions"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("later_note", sa.Text, nullable=True))


def downgrade():
    for table in ("event_reviews", "record_versions"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_column("later_note")
'''


def test_revision_chain(migration_file):
    module = migration_file("0006_review.py").module
    assert module.revision == "0006" and module.down_revision == "0003"


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
def test_upgrade_matches_the_declared_tables_and_downgrade_drops_them(store_url):
    names = {table.name for table in REVIEW_TABLES} | {"record_versions"}
    with open_store(store_url) as store, store.engine.connect() as connection:
        def ours(item, name, kind, reflected, compare_to):
            table = item if kind == "table" else getattr(item, "table", None)
            return table is not None and table.name in names

        context = MigrationContext.configure(connection, opts={"include_object": ours})
        assert compare_metadata(context, load_all_tables()) == []
    engine = create_store_engine(store_url)
    try:
        from trucewatch.store.migrate import downgrade

        downgrade(engine, "0003")
        assert not {t.name for t in REVIEW_TABLES} & set(sa.inspect(engine).get_table_names())
        assert "assignee" not in {c["name"] for c in sa.inspect(engine).get_columns("record_versions")}
        upgrade(engine)  # and again: idempotent on tables that are there
    finally:
        engine.dispose()


def test_statuses_written_at_0003_survive_the_upgrade(store_url, report):
    engine = create_store_engine(store_url)
    try:
        upgrade(engine, "0003")
        with engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO record_versions (kind, key, version, review_status, digest, changed_at, changed_by) "
                "VALUES ('incident', 'inc-1', 4, 'confirmed', NULL, CURRENT_TIMESTAMP, 'amal')"))
        upgrade(engine)
        with engine.connect() as connection:
            row = connection.execute(sa.select(record_versions).where(record_versions.c.key == "inc-1")).one()
        assert (row.version, row.review_status, row.assignee) == (4, "confirmed", None)
    finally:
        engine.dispose()


def test_corrections_survive_a_later_migration_that_rebuilds_their_tables(store_url, report, tmp_path):
    with open_store(store_url) as store:
        store.add([report], [first_extraction(report)])
        shelling = f"{report.id}:1"
        done = correct_event(store, shelling, {"location": ALEPPO, "fatalities": {"low": 2, "best": 3, "high": 4}},
                             version=1, actor=ANALYST)
        set_status(store, "event", shelling, "confirmed", version=done.version, actor=ANALYST)
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    [head] = head_revisions()
    (scripts / "versions" / "9999_later.py").write_text(LATER.format(head=head), encoding="utf-8")
    engine = create_store_engine(store_url)
    try:
        for target in ("9999", head):  # up through the rebuild, and down through it again
            with engine.begin() as connection:
                config = alembic_config(connection)
                config.set_main_option("script_location", str(scripts))
                (command.upgrade if target == "9999" else command.downgrade)(config, target)
            store = Store(engine)  # the store as it is, without migrating it back to the package's head
            pairs = {event.id: event for _, event in reviewed_events(store)}
            assert pairs[shelling].location.admin1 == "Aleppo" and pairs[shelling].fatalities.best == 3
            with engine.connect() as connection:
                assert connection.scalar(sa.select(record_versions.c.review_status).where(
                    record_versions.c.key == shelling)) == "confirmed"
    finally:
        engine.dispose()
    with open_store(store_url) as store:  # back at the package's head: the check still uses them
        run_check(EXAMPLE_TRUCE, store, actor=ANALYST)
        verdicts = {f["type"]: f["verdict"] for f in list_findings(store, parse_filters({}), limit=10).items}
        assert verdicts["shelling"] == "out of scope"
