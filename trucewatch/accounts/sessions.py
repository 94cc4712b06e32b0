"""Browser sessions: a random cookie value whose SHA-256 is stored, with its CSRF token and expiry.

Server-side rows (not signed cookies) so that logging out, disabling a user or expiry ends a
session for certain.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from trucewatch.audit.log import append, now
from trucewatch.audit.versions import as_utc

from .tables import sessions
from .users import User, user_by_id

DEFAULT_HOURS = 12


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Session:
    id: str
    user: User
    csrf: str
    expires_at: datetime


def start_session(store, user: User, *, hours: float = DEFAULT_HOURS) -> tuple[str, Session]:
    """(cookie value, session) for a user who just logged in; expired sessions are cleared on the way."""
    cookie = secrets.token_urlsafe(32)
    at = now()
    session = Session(digest(cookie), user, secrets.token_urlsafe(32), at + timedelta(hours=hours))
    with store.transaction() as connection:
        connection.execute(sessions.delete().where(sessions.c.expires_at < at))
        connection.execute(sessions.insert().values(id=session.id, user_id=user.id, csrf=session.csrf,
                                                    created_at=at, expires_at=session.expires_at))
    return cookie, session


def find_session(store, cookie: str | None) -> Session | None:
    """The live session of an enabled user behind a cookie value, else None."""
    if not cookie or len(cookie) > 200:
        return None
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(sessions).where(sessions.c.id == digest(cookie))).first()
        if row is None or as_utc(row.expires_at) <= now():
            return None
        user = user_by_id(connection, row.user_id)
    if user is None or user.disabled:
        return None
    return Session(row.id, user, row.csrf, as_utc(row.expires_at))


def end_session(store, session: Session, *, via: str = "web") -> None:
    with store.transaction() as connection:
        connection.execute(sessions.delete().where(sessions.c.id == session.id))
        append(connection, session.user.actor(via), "logout", "user", session.user.name)
