"""The database check: reachable, and at the schema this TruceWatch writes — without changing it.

`open_store` creates and migrates a database; the doctor only looks. A SQLite file is opened
read-only (a missing one is fine: the first ingest creates it), a server with the store's own
short connect timeout.
"""
from __future__ import annotations

import os
from pathlib import Path

from trucewatch.doctor.model import Check, Status

NAME = "database"
WHERE = "pass --db URL or set TRUCEWATCH_DB"


def database(url: str | None = None) -> Check:
    try:
        import sqlalchemy as sa
        from sqlalchemy.engine import make_url

        from trucewatch.errors import TruceWatchError
        from trucewatch.store.engine import create_store_engine, first_line, resolve_url, safe_url
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy or a driver broken
        return Check(NAME, Status.FAIL, f"the storage code cannot be imported ({exc})",
                     'pip install --upgrade "sqlalchemy>=2" alembic')
    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001
        return Check(NAME, Status.FAIL, f"{url!r} is not a database URL",
                     f"{WHERE}, e.g. sqlite:///trucewatch.db or postgresql://user@host/dbname")
    shown = safe_url(parsed)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            return Check(NAME, Status.OK, f"{shown}: in memory, gone when the command ends")
        path = Path(parsed.database)
        if not path.exists():
            return _not_created(path, shown)
        engine = sa.create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")
    else:
        try:
            engine = create_store_engine(url)
        except TruceWatchError as exc:
            return Check(NAME, Status.FAIL, str(exc).rstrip("."), WHERE)
    try:
        with engine.connect() as connection:
            return _schema_state(connection, shown)
    except sa.exc.SQLAlchemyError as exc:
        return Check(NAME, Status.FAIL, f"cannot reach {shown} ({first_line(exc).rstrip('.')})",
                     f"check that the server runs and accepts this user, or {WHERE}")
    finally:
        engine.dispose()


def _not_created(path: Path, shown: str) -> Check:
    folder = path.resolve().parent
    if folder.is_dir() and os.access(folder, os.W_OK):
        return Check(NAME, Status.OK, f"{shown}: not created yet; the first ingest creates it")
    return Check(NAME, Status.FAIL, f"{shown}: its folder {folder} does not exist or is not writable",
                 f"create the folder, or {WHERE}")


def _schema_state(connection, shown: str) -> Check:
    """Compare the database's alembic revision with this TruceWatch's migrations."""
    import sqlalchemy as sa
    from alembic.script import ScriptDirectory

    from trucewatch.store.migrate import alembic_config, current_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    heads = set(scripts.get_heads())
    known = {revision.revision for revision in scripts.walk_revisions()}
    current = current_revisions(connection)
    newest = ", ".join(sorted(heads))
    if current == heads:
        return Check(NAME, Status.OK, f"{shown}: reachable, migrated (revision {newest})")
    if not current:
        if sa.inspect(connection).get_table_names():
            return Check(NAME, Status.FAIL, f"{shown}: reachable, but its tables are not TruceWatch's",
                         f"use an empty or a TruceWatch database: {WHERE}")
        return Check(NAME, Status.OK, f"{shown}: reachable, empty; TruceWatch creates its tables on first use")
    unknown = current - known
    if unknown:
        return Check(NAME, Status.FAIL,
                     f"{shown}: at revision {', '.join(sorted(unknown))}, which this TruceWatch does not know "
                     f"(newest here: {newest})",
                     "a newer TruceWatch wrote it: upgrade TruceWatch (pip install --upgrade trucewatch)")
    return Check(NAME, Status.WARN,
                 f"{shown}: reachable, at revision {', '.join(sorted(current))}, newest {newest}",
                 "TruceWatch migrates it the next time a command opens it (back it up first)")
