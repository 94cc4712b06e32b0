"""Fixtures for the whole suite.

`store_url` runs a test once on SQLite (a temporary file) and once on PostgreSQL (a fresh
database on the throwaway cluster that `scripts/services.sh` starts, dropped afterwards).
Without $TRUCEWATCH_TEST_PG the PostgreSQL case is skipped locally but FAILS when $CI is "true":
CI must really test PostgreSQL.
`browser` is the session's one headless Chromium (Debian's, driven by Playwright, never a
downloaded one), shared by the dashboard's and the hostile reports' browser tests.
"""
from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager

import pytest

PG_ENV = "TRUCEWATCH_TEST_PG"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def postgres_admin_url() -> str | None:
    """The URL of the throwaway cluster's admin database, or None when none is configured."""
    return os.environ.get(PG_ENV) or None


def require_postgres() -> str:
    url = postgres_admin_url()
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"${PG_ENV} is unset in CI: run `bash scripts/services.sh` before pytest.")
    pytest.skip(f"${PG_ENV} is unset: run `bash scripts/services.sh; . ./.test-services.env`.")


@contextmanager
def fresh_postgres_database():
    """A fresh, empty PostgreSQL database on the throwaway cluster (its URL); dropped afterwards."""
    import sqlalchemy as sa

    admin_url = sa.make_url(require_postgres())
    name = f"tw_test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        problem = None
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        except sa.exc.OperationalError as exc:
            problem = str(exc.orig).strip().splitlines()[0]
        if problem:
            where = admin_url.render_as_string(hide_password=True)
            pytest.fail(f"The PostgreSQL test cluster {where} is unreachable ({problem}); "
                        "run `bash scripts/services.sh` again.", pytrace=False)
        yield admin_url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture
def postgres_url():
    """A fresh, empty PostgreSQL database on the throwaway cluster; dropped after the test."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def module_store_url(request, tmp_path_factory) -> str:
    """Like `store_url`, shared by the tests of one module (for fixtures that are slow to build)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'trucewatch.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """A database URL for an empty store: SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'trucewatch.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url):
    """An open, migrated, empty Store on each database; closed after the test."""
    from trucewatch.store import open_store

    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def strike_and_clash_store(tmp_path, monkeypatch):
    """What `check` and `report` read, without a real store: a government strike and an Islamic State
    clash near Idlib (invented reports), handed to `run_check` in place of `open_store`."""
    import trucewatch.truce.run as run_module
    from trucewatch.incidents.samples import GOV, IS, EventsOnlyStore, make_document, make_event

    a = make_document("Government jets bombed the grain silo in Idlib on Friday.", "Wire A", "2016-03-04")
    b = make_document("Islamic State fighters attacked a checkpoint near Idlib.", "Wire B", "2016-03-05")
    pairs = [(a, make_event(a, actors=[GOV])), (b, make_event(b, type="armed_clash", actors=[IS]))]
    fake = EventsOnlyStore(f"sqlite:///{tmp_path / 'tw.db'}", pairs)
    monkeypatch.setattr(run_module, "open_store", lambda url: fake)
    return fake


@pytest.fixture
def serve_http():
    """serve(handler_class) -> base URL of a real HTTP server on 127.0.0.1 (a free port); every
    server started this way is stopped after the test."""
    import threading
    from http.server import ThreadingHTTPServer

    servers = []

    def serve(handler) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_port}"

    yield serve
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


class MigrationFile:
    """One alembic migration file of the store, run on its own against a bare SQLite database."""

    def __init__(self, name: str, folder):
        import importlib.util
        from pathlib import Path

        import trucewatch

        path = Path(trucewatch.__file__).parent / "store" / "migrations" / "versions" / name
        spec = importlib.util.spec_from_file_location(f"migration_{path.stem}", path)
        self.module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.module)
        self.folder = folder

    def run(self, engine, step: str) -> None:
        from alembic.migration import MigrationContext
        from alembic.operations import Operations

        with engine.begin() as conn, Operations.context(MigrationContext.configure(conn)):
            getattr(self.module, step)()

    def check_round_trip(self, tables, added_columns=None) -> None:
        """Upgrade creates exactly these tables' columns (less `added_columns`: table -> columns a later
        migration adds), a second upgrade is harmless, downgrade drops them."""
        import sqlalchemy as sa

        engine = sa.create_engine(f"sqlite:///{self.folder / 'migration.db'}")
        self.run(engine, "upgrade")
        inspector = sa.inspect(engine)
        for table in tables:
            expected = {c.name for c in table.columns} - set((added_columns or {}).get(table.name, ()))
            assert {c["name"] for c in inspector.get_columns(table.name)} == expected
        self.run(engine, "upgrade")  # tables already there
        self.run(engine, "downgrade")
        assert not set(sa.inspect(engine).get_table_names()) & {t.name for t in tables}
        engine.dispose()


@pytest.fixture
def migration_file(tmp_path):
    """`migration_file("0002_incidents.py")`: that migration, loaded, with `check_round_trip(tables)`."""
    return lambda name: MigrationFile(name, tmp_path)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "CI=true but no chromium on PATH (scripts/services.sh installs it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()
