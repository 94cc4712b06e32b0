"""The demo's account: `make demo` (re)creates user "demo" with a fresh random password each run
and prints it, so the printed login always works and no fixed password is ever shipped."""
from __future__ import annotations

import secrets

from trucewatch.audit.log import Actor

from .users import add_user, find_user, update_user

DEMO_USER = "demo"
DEMO_ROLE = "admin"  # so the demo shows every control: truce editing, users, tokens


def reset_demo_user(store) -> tuple[str, str]:
    """(name, password) of the demo user, created or given a new password."""
    password = secrets.token_urlsafe(12)
    actor = Actor(name="demo", via="cli")
    if find_user(store, DEMO_USER) is None:
        add_user(store, DEMO_USER, DEMO_ROLE, password, actor=actor, reason="make demo")
    else:
        update_user(store, DEMO_USER, version=None, actor=actor, password=password, role=DEMO_ROLE,
                    disabled=False, reason="make demo")
    return DEMO_USER, password
