"""Opening a database URL: SQLite tuned for several writers, other servers with short timeouts.

Every failure to open becomes a TruceWatchError whose message names the URL (password hidden)
and the reason, because a user who typed `--db` needs a sentence, not a driver traceback.
"""
from __future__ import annotations

import os
import sqlite3
import time

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from trucewatch.errors import TruceWatchError

DEFAULT_URL = "sqlite:///trucewatch.db"
SQLITE_BUSY_TIMEOUT_S = 60  # writers queue rather than fail while another process commits
CONNECT_TIMEOUT_S = 5  # an unreachable server should fail fast, not hang the CLI


def resolve_url(url: str | None) -> str:
    """The URL given, else $TRUCEWATCH_DB, else the embedded default."""
    return url or os.environ.get("TRUCEWATCH_DB") or DEFAULT_URL


def safe_url(url: str | sa.URL) -> str:
    """The URL for messages: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparseable URL is shown as given
        return str(url)


def create_store_engine(url: str) -> sa.Engine:
    """An engine for `url`; raises TruceWatchError if the URL is malformed or its driver missing."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # ArgumentError, ValueError from odd ports
        raise TruceWatchError(
            f"The database URL {url!r} is not a valid SQLAlchemy URL "
            "(expected e.g. sqlite:///trucewatch.db or postgresql://user@host/dbname)."
        ) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return _server_engine(parsed)
    except TruceWatchError:
        raise
    except Exception as exc:  # NoSuchModuleError, ImportError of a driver, bad arguments
        raise TruceWatchError(
            f"Cannot use the database URL {safe_url(parsed)}: {_reason(exc)}."
        ) from exc


def _with_installed_driver(url: sa.URL) -> sa.URL:
    """`postgresql://` means psycopg (3) to SQLAlchemy 2.1; we ship psycopg2, so use it when psycopg is absent."""
    if url.drivername == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return url.set(drivername="postgresql+psycopg2")
    return url


def _server_engine(url: sa.URL) -> sa.Engine:
    url = _with_installed_driver(url)
    connect_args = {}
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("psycopg2", "psycopg"):
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    return sa.create_engine(url, connect_args=connect_args, pool_pre_ping=True)


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    in_memory = url.database in (None, "", ":memory:")
    if not in_memory:
        folder = os.path.dirname(os.path.abspath(url.database))
        if not os.path.isdir(folder):
            raise TruceWatchError(
                f"Cannot open the SQLite database {url.database!r}: "
                f"its folder {folder!r} does not exist."
            )
    kwargs: dict = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S}}
    if in_memory:
        # One shared connection, or each connection would see its own empty database.
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    engine = sa.create_engine(url, **kwargs)
    _tune_sqlite(engine, wal=not in_memory)
    return engine


def _tune_sqlite(engine: sa.Engine, *, wal: bool) -> None:
    """WAL, foreign keys, busy timeout; and we issue BEGIN ourselves (see `_begin`)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        # SQLite's own lower() knows only ASCII; text filters must match "École" as "école".
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if wal:
            _ensure_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe against crashes in WAL mode
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        # Writers take the write lock up front (BEGIN IMMEDIATE): a deferred transaction that
        # reads first and writes later cannot wait for the lock and fails with "database is
        # locked" when two processes ingest at once.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


WAL_SWITCH_ATTEMPTS = 200


def _ensure_wal(cursor) -> None:
    """Switch a database file to WAL once; the mode is stored in the file, so later connections
    only read it. The switch needs the file to itself and SQLite does not wait for that (no busy
    handler), so when another process is opening the same new database at that moment we retry."""
    for attempt in range(WAL_SWITCH_ATTEMPTS):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == WAL_SWITCH_ATTEMPTS - 1:
                raise
            time.sleep(0.05)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def first_line(exc: BaseException) -> str:
    """The driver's first line, without SQLAlchemy's background links."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def _reason(exc: BaseException) -> str:
    """`first_line` to end a sentence of ours: its own full stop dropped."""
    return first_line(exc).rstrip(".")


def connection_error(url: str | sa.URL, exc: BaseException) -> TruceWatchError:
    """A sentence for a database that could not be reached or read."""
    return TruceWatchError(f"Cannot open the database {safe_url(url)}: {_reason(exc)}.")
