"""Storage: SQLite by default (one file, WAL), any SQLAlchemy URL for teams (PostgreSQL tested).

    from trucewatch.store import open_store
    with open_store("sqlite:///trucewatch.db") as store:
        flags = store.add(documents, extractions)      # True = new, False = already stored
        for document, event in store.events(country="SYR", since="2016-02-27"):
            ...

`open_store` migrates the database to the newest schema before returning.
"""
from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from trucewatch.store.engine import (
    DEFAULT_URL, connection_error, create_store_engine, resolve_url,
)
from trucewatch.store.migrate import upgrade
from trucewatch.store.store import Store

__all__ = ["open_store", "Store", "DEFAULT_URL"]


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating if needed) the database at `url`.

    `url` defaults to $TRUCEWATCH_DB, else sqlite:///trucewatch.db in the working directory.
    Raises TruceWatchError with a sentence when the URL is malformed or the server unreachable.
    """
    url = resolve_url(url)
    engine = create_store_engine(url)
    try:
        upgrade(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise connection_error(engine.url, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
