"""Accounts: users with roles, Argon2id passwords, browser sessions, API tokens, login throttling,
saved searches. Plain functions over a Store; the server and the `trucewatch users` command share them.

    from trucewatch.accounts import add_user
    from trucewatch.audit import Actor
    add_user(store, "amal", "analyst", "a long passphrase", actor=Actor.command_line())
"""
from .roles import permissions, role_names, scope_names
from .users import User, add_user, authenticate, find_user, get_user, list_users, update_user

__all__ = ["User", "add_user", "authenticate", "find_user", "get_user", "list_users", "update_user",
           "permissions", "role_names", "scope_names"]
