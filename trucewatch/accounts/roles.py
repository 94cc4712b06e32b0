"""Roles and permissions, read from data/roles.yaml: the one place that decides who may do what."""
from __future__ import annotations

from functools import lru_cache

from trucewatch.datafiles import read_lexicon
from trucewatch.errors import ConfigError, TruceWatchError


@lru_cache(maxsize=1)
def _table() -> dict:
    data = read_lexicon("trucewatch.accounts", "data/roles.yaml")
    if not isinstance(data.get("roles"), dict) or not isinstance(data.get("scopes"), dict):
        raise ConfigError("trucewatch/accounts/data/roles.yaml needs `roles` and `scopes` mappings")
    return data


def role_names() -> list[str]:
    """Roles from least to most allowed."""
    return list(_table()["roles"])


def scope_names() -> list[str]:
    return list(_table()["scopes"])


def permissions(role: str, scope: str | None = None) -> frozenset[str]:
    """What a role may do; through an API token, only what its scope also allows."""
    granted = set(_table()["roles"].get(role, ()))
    if scope is not None:
        granted &= set(_table()["scopes"].get(scope, ()))
    return frozenset(granted)


def check_role(role: str) -> str:
    if role not in _table()["roles"]:
        raise TruceWatchError(f"'{role}' is not a role; use one of {', '.join(role_names())}.")
    return role


def check_scope(scope: str) -> str:
    if scope not in _table()["scopes"]:
        raise TruceWatchError(f"'{scope}' is not a token scope; use one of {', '.join(scope_names())}.")
    return scope
