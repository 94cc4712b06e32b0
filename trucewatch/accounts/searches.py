"""Saved searches: a user's named dashboard filters (the URL's query string), to come back to."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from trucewatch.audit.log import Actor, append, now
from trucewatch.audit.versions import as_utc
from trucewatch.errors import NotFound, Refused, TruceWatchError

from .tables import saved_searches
from .users import User

MAX_QUERY = 2000


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    created_at: datetime

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "query": self.query, "created_at": self.created_at.isoformat()}


def _search(row) -> SavedSearch:
    return SavedSearch(row.id, row.name, row.query, as_utc(row.created_at))


def list_searches(store, user: User) -> list[SavedSearch]:
    query = sa.select(saved_searches).where(saved_searches.c.user_id == user.id).order_by(saved_searches.c.name)
    with store.engine.connect() as connection:
        return [_search(row) for row in connection.execute(query)]


def save_search(store, user: User, name: str, query: str, *, actor: Actor) -> SavedSearch:
    """Save (or replace, under the same name) one of the user's searches."""
    name = (name or "").strip()
    query = (query or "").lstrip("?")
    if not name or len(name) > 120:
        raise TruceWatchError("A saved search needs a name of 1-120 characters.")
    if len(query) > MAX_QUERY:
        raise TruceWatchError(f"A saved search's filters may be at most {MAX_QUERY} characters long.")
    table = saved_searches
    with store.transaction() as connection:
        old = connection.execute(sa.select(table).where(table.c.user_id == user.id, table.c.name == name)).first()
        if old is not None:
            connection.execute(table.update().where(table.c.id == old.id).values(query=query))
            search_id = old.id
        else:
            search_id = connection.execute(table.insert().values(
                user_id=user.id, name=name, query=query, created_at=now())).inserted_primary_key[0]
        append(connection, actor, "update" if old else "create", "search", str(search_id),
               before={"name": name, "query": old.query} if old else None,
               after={"name": name, "query": query})
        return _search(connection.execute(sa.select(table).where(table.c.id == search_id)).first())


def delete_search(store, user: User, search_id: int, *, actor: Actor) -> None:
    table = saved_searches
    with store.transaction() as connection:
        row = connection.execute(sa.select(table).where(table.c.id == search_id)).first()
        if row is None:
            raise NotFound(f"There is no saved search {search_id}.")
        if row.user_id != user.id:
            raise Refused("Only its owner may delete a saved search.")
        connection.execute(table.delete().where(table.c.id == search_id))
        append(connection, actor, "delete", "search", str(search_id),
               before={"name": row.name, "query": row.query})
