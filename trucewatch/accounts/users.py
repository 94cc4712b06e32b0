"""Users: adding them, changing their role, disabling them, and checking a password at login.

Every change is versioned (record_versions, kind "user") and audited in the same transaction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from trucewatch.audit import versions
from trucewatch.audit.log import Actor, append, now
from trucewatch.audit.versions import as_utc
from trucewatch.errors import Conflict, NotFound, Refused, TruceWatchError

from . import throttle
from .passwords import check_password, hash_password, needs_rehash, verify_password
from .roles import check_role, permissions
from .tables import users

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
KIND = "user"


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool
    created_at: datetime
    version: int

    @property
    def permissions(self) -> frozenset[str]:
        return frozenset() if self.disabled else permissions(self.role)

    def actor(self, via: str) -> Actor:
        return Actor(name=self.name, user_id=self.id, via=via)

    def public(self) -> dict:
        """What the audit log and the API show: never the password hash."""
        return {"name": self.name, "role": self.role, "disabled": self.disabled}

    def as_dict(self) -> dict:
        return {"id": self.id, **self.public(), "created_at": self.created_at.isoformat(),
                "version": self.version}


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise TruceWatchError(f"'{name}' is not a usable user name: use 1-64 letters, digits, "
                              "and . _ @ - (starting with a letter or digit).")
    return name


def _user(connection: sa.Connection, row) -> User:
    info = versions.current(connection, KIND, row.name)
    return User(row.id, row.name, row.role, bool(row.disabled), as_utc(row.created_at),
                info.version if info else 1)


def _row_by_name(connection: sa.Connection, name: str):
    return connection.execute(sa.select(users).where(users.c.name == name)).first()


def find_user(store, name: str) -> User | None:
    with store.engine.connect() as connection:
        row = _row_by_name(connection, name)
        return _user(connection, row) if row else None


def get_user(store, name: str) -> User:
    found = find_user(store, name)
    if found is None:
        raise NotFound(f"There is no user '{name}'.")
    return found


def user_by_id(connection: sa.Connection, user_id: int) -> User | None:
    row = connection.execute(sa.select(users).where(users.c.id == user_id)).first()
    return _user(connection, row) if row else None


def list_users(store) -> list[User]:
    with store.engine.connect() as connection:
        return [_user(connection, row) for row in connection.execute(sa.select(users).order_by(users.c.name))]


def add_user(store, name: str, role: str, password: str, *, actor: Actor, reason: str | None = None) -> User:
    """A new, enabled user; Conflict when the name is taken."""
    check_name(name)
    check_role(role)
    password_hash = hash_password(password)  # slow on purpose: outside the transaction
    at = now()
    with store.transaction() as connection:
        if _row_by_name(connection, name) is not None:
            raise Conflict(f"A user named '{name}' exists already.")
        connection.execute(users.insert().values(name=name, role=role, password_hash=password_hash,
                                                 disabled=False, created_at=at))
        version = versions.create(connection, KIND, name, actor.name, at)
        user = _user(connection, _row_by_name(connection, name))
        append(connection, actor, "create", KIND, name, after=user.public(), reason=reason, version=version)
    return user


def update_user(store, name: str, *, version: int | None, actor: Actor, role: str | None = None,
                disabled: bool | None = None, password: str | None = None, reason: str | None = None) -> User:
    """Change a user's role, enabled state or password; StaleEdit when `version` is not current."""
    if role is not None:
        check_role(role)
    password_hash = hash_password(password) if password is not None else None
    at = now()
    with store.transaction() as connection:
        row = _row_by_name(connection, name)
        if row is None:
            raise NotFound(f"There is no user '{name}'.")
        before = _user(connection, row)
        changes = {key: value for key, value in (("role", role), ("disabled", disabled)) if value is not None}
        if password_hash is not None:
            changes["password_hash"] = password_hash
        if not changes:
            raise TruceWatchError("Nothing to change: give a role, disabled, or a password.")
        new_version = versions.bump(connection, store, KIND, name, version, actor.name, at)
        connection.execute(users.update().where(users.c.id == row.id).values(**changes))
        if disabled or password_hash is not None:  # disabled, or the old password may be known:
            from .tables import sessions            # signed out everywhere at once
            connection.execute(sessions.delete().where(sessions.c.user_id == row.id))
        after = _user(connection, _row_by_name(connection, name))
        shown_before, shown_after = before.public(), after.public()
        if password_hash is not None:
            shown_before["password"], shown_after["password"] = "(old)", "(changed)"
        append(connection, actor, "update", KIND, name, before=shown_before, after=shown_after,
               reason=reason, version=new_version)
    return after


def authenticate(store, name: str, password: str, *, client: str | None = None, via: str = "web") -> User:
    """The user whose name and password these are. Refused (Throttled while locked out) otherwise;
    failures count towards throttling, and both outcomes go into the audit log."""
    name = (name or "").strip()
    keys = throttle.keys_for(name, client)
    at = now()
    with store.engine.connect() as connection:
        throttle.check(connection, keys, at)
        row = _row_by_name(connection, name) if NAME_PATTERN.match(name) else None
    usable = row is not None and not row.disabled
    ok = verify_password(row.password_hash if usable else None, password)
    who = Actor(name=name[:64] or "(no name)", user_id=row.id if row else None, via=via)
    with store.transaction() as connection:
        if not ok:
            throttle.record_failure(connection, keys, at)
            append(connection, who, "login_failed", KIND, name[:64], after={"client": client})
        else:
            throttle.clear(connection, keys[0])
            append(connection, who, "login", KIND, name, after={"client": client})
            if needs_rehash(row.password_hash):
                connection.execute(users.update().where(users.c.id == row.id).values(
                    password_hash=hash_password(password)))
    if not ok:
        with store.engine.connect() as connection:
            throttle.check(connection, keys, at)  # this failure may have started a wait: say so
        raise Refused("Wrong user name or password.")
    return find_user(store, name)


__all__ = ["User", "add_user", "update_user", "find_user", "get_user", "list_users", "authenticate",
           "check_name", "check_password", "user_by_id"]
