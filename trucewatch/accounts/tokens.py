"""API tokens for scripts: `tw_<prefix>_<secret>`, shown once, stored as a SHA-256 digest.

A token carries its owner's permissions cut down to its scope (read or write), may expire,
remembers when it was last used, and is only ever accepted in the Authorization header.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from trucewatch.audit.log import Actor, append, now
from trucewatch.audit.versions import as_utc
from trucewatch.errors import NotFound, TruceWatchError

from .roles import check_scope, permissions
from .tables import api_tokens, users
from .users import User, get_user, user_by_id

TOKEN_PATTERN = re.compile(r"tw_([a-z0-9]{10})_([A-Za-z0-9_-]{40,60})")
LOOKS_LIKE_TOKEN = re.compile(r"tw_[a-z0-9]{10}_[A-Za-z0-9_-]{20,}")
LAST_USED_RESOLUTION = timedelta(minutes=1)  # write "last used" at most this often per token
MAX_DAYS = 3660


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_name: str
    name: str
    prefix: str
    scope: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    def permissions_of(self, user: User) -> frozenset[str]:
        return user.permissions & permissions(user.role, self.scope)

    def as_dict(self) -> dict:
        def iso(moment):
            return moment.isoformat() if moment else None
        return {"id": self.id, "user": self.user_name, "name": self.name, "prefix": self.prefix,
                "scope": self.scope, "created_at": iso(self.created_at), "expires_at": iso(self.expires_at),
                "last_used_at": iso(self.last_used_at), "revoked_at": iso(self.revoked_at)}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def looks_like_token(text: str) -> bool:
    """Whether some text holds something shaped like one of our tokens (to refuse it in URLs)."""
    return bool(LOOKS_LIKE_TOKEN.search(text or ""))


def _token(row, user_name: str) -> ApiToken:
    return ApiToken(row.id, user_name, row.name, row.prefix, row.scope, as_utc(row.created_at),
                    as_utc(row.expires_at), as_utc(row.last_used_at), as_utc(row.revoked_at))


def issue_token(store, user_name: str, *, name: str, scope: str, expires_days: int | None,
                actor: Actor) -> tuple[ApiToken, str]:
    """A new token for a user: (its record, the secret to hand over once)."""
    check_scope(scope)
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise TruceWatchError("A token needs a name of 1-120 characters (what the script is for).")
    if expires_days is not None and not 1 <= expires_days <= MAX_DAYS:
        raise TruceWatchError(f"A token expires after 1 to {MAX_DAYS} days (or never, when not given).")
    user = get_user(store, user_name)
    prefix = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10))
    secret = f"tw_{prefix}_{secrets.token_urlsafe(36)}"
    at = now()
    expires_at = at + timedelta(days=expires_days) if expires_days else None
    with store.transaction() as connection:
        token_id = connection.execute(api_tokens.insert().values(
            user_id=user.id, name=name, prefix=prefix, secret_hash=_digest(secret), scope=scope,
            created_at=at, expires_at=expires_at, last_used_at=None, revoked_at=None)).inserted_primary_key[0]
        row = connection.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).first()
        token = _token(row, user.name)
        append(connection, actor, "create", "token", str(token_id),
               after={"user": user.name, "name": name, "scope": scope, "prefix": prefix,
                      "expires_at": token.as_dict()["expires_at"]})
    return token, secret


def token_user(store, secret: str | None) -> tuple[User, ApiToken] | None:
    """The enabled user and live token behind a secret, else None; notes when it was used."""
    match = TOKEN_PATTERN.fullmatch(secret or "")
    if not match:
        return None
    at = now()
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(api_tokens).where(api_tokens.c.prefix == match.group(1))).first()
        if row is None or not hmac.compare_digest(row.secret_hash, _digest(secret)):
            return None
        if row.revoked_at is not None or (row.expires_at is not None and as_utc(row.expires_at) <= at):
            return None
        user = user_by_id(connection, row.user_id)
    if user is None or user.disabled:
        return None
    last = as_utc(row.last_used_at)
    if last is None or at - last >= LAST_USED_RESOLUTION:
        with store.transaction() as connection:
            connection.execute(api_tokens.update().where(api_tokens.c.id == row.id).values(last_used_at=at))
    return user, _token(row, user.name)


def list_tokens(store, user_name: str | None = None) -> list[ApiToken]:
    query = (sa.select(api_tokens, users.c.name.label("user_name"))
             .join(users, users.c.id == api_tokens.c.user_id).order_by(api_tokens.c.id))
    if user_name is not None:
        query = query.where(users.c.name == get_user(store, user_name).name)
    with store.engine.connect() as connection:
        return [_token(row, row.user_name) for row in connection.execute(query)]


def revoke_token(store, token_id: int, *, actor: Actor, reason: str | None = None) -> ApiToken:
    at = now()
    with store.transaction() as connection:
        row = connection.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).first()
        if row is None:
            raise NotFound(f"There is no API token {token_id}.")
        owner = user_by_id(connection, row.user_id)
        if row.revoked_at is None:
            connection.execute(api_tokens.update().where(api_tokens.c.id == token_id).values(revoked_at=at))
            append(connection, actor, "revoke", "token", str(token_id), before={"revoked_at": None},
                   after={"revoked_at": at.isoformat()}, reason=reason)
        row = connection.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).first()
    return _token(row, owner.name if owner else "?")
