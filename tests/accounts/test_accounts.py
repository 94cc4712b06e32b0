"""Accounts as library calls: Argon2id hashes, throttled logins, sessions, tokens, roles."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from trucewatch.accounts import add_user, authenticate, permissions, role_names, update_user
from trucewatch.accounts.sessions import end_session, find_session, start_session
from trucewatch.accounts.throttle import FREE_FAILURES, Throttled
from trucewatch.accounts.tokens import issue_token, list_tokens, looks_like_token, token_user
from trucewatch.audit import Actor, StaleEdit, history
from trucewatch.errors import Conflict, Refused, TruceWatchError

ME = Actor("tester")
PASSWORD = "a long test passphrase"


@pytest.fixture(autouse=True)
def quick_hashes():
    """Argon2id's cheapest parameters: these tests hash dozens of times (the defaults are checked below)."""
    from trucewatch.accounts.passwords import cheapest_hashing

    with cheapest_hashing():
        yield


@pytest.fixture
def user(store):
    return add_user(store, "amal", "analyst", PASSWORD, actor=ME)


def test_passwords_are_argon2id_hashes_with_rfc_9106_parameters(store, user):
    from argon2 import Type

    from trucewatch.accounts.passwords import _default_hasher, hash_password, verify_password

    with store.engine.connect() as connection:
        stored = connection.scalar(sa.text("SELECT password_hash FROM users WHERE name = 'amal'"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(store, "amal", PASSWORD).name == "amal"
    default = _default_hasher()
    assert default.type is Type.ID and default.memory_cost >= 65536 and default.time_cost >= 3
    assert not verify_password(hash_password(PASSWORD), "another passphrase")


def test_names_roles_and_passwords_are_checked(store, user):
    with pytest.raises(Conflict):
        add_user(store, "amal", "viewer", PASSWORD, actor=ME)
    with pytest.raises(TruceWatchError, match="not a role"):
        add_user(store, "bilal", "emperor", PASSWORD, actor=ME)
    with pytest.raises(TruceWatchError, match="at least 10"):
        add_user(store, "bilal", "viewer", "short", actor=ME)
    with pytest.raises(TruceWatchError, match="not a usable user name"):
        add_user(store, "drop table; --", "viewer", PASSWORD, actor=ME)


def test_roles_are_cumulative_data(store):
    assert role_names() == ["viewer", "analyst", "reviewer", "admin"]
    assert permissions("viewer") == {"read"}
    assert permissions("analyst") < permissions("reviewer") < permissions("admin")
    assert "publish" in permissions("reviewer") and "manage_users" not in permissions("reviewer")
    assert permissions("admin", "read") == {"read"}


def test_repeated_failures_throttle_the_account_not_the_password_check(store, user):
    for _ in range(FREE_FAILURES["name"]):
        with pytest.raises(Refused, match="Wrong user name or password"):
            authenticate(store, "amal", "wrong password!", client="10.0.0.1")
    with pytest.raises(Throttled) as refused:
        authenticate(store, "amal", "wrong password!", client="10.0.0.1")
    assert 0 < refused.value.retry_after <= 60
    with pytest.raises(Throttled):  # even the right password waits now
        authenticate(store, "AMAL", PASSWORD, client="10.0.0.2")
    failures = [entry.action for entry in history(store, "user", "amal")].count("login_failed")
    assert failures == FREE_FAILURES["name"] + 1


def test_the_wait_ends_and_success_clears_the_count(store, user):
    for _ in range(FREE_FAILURES["name"] + 1):
        with pytest.raises(Refused):
            authenticate(store, "amal", "wrong password!")
    with store.transaction() as connection:  # as if the wait were over
        connection.execute(sa.text("UPDATE login_failures SET locked_until = NULL"))
    assert authenticate(store, "amal", PASSWORD).name == "amal"
    with store.engine.connect() as connection:
        assert connection.scalar(sa.text("SELECT count(*) FROM login_failures WHERE key = 'name:amal'")) == 0


def test_unknown_and_disabled_users_cannot_log_in(store, user):
    with pytest.raises(Refused):
        authenticate(store, "nobody", PASSWORD)
    update_user(store, "amal", version=user.version, actor=ME, disabled=True, reason="left the team")
    with pytest.raises(Refused):
        authenticate(store, "amal", PASSWORD)


def test_sessions_end_at_logout_expiry_and_disabling(store, user):
    cookie, session = start_session(store, user)
    assert find_session(store, cookie).user.name == "amal" and find_session(store, "forged") is None
    end_session(store, session)
    assert find_session(store, cookie) is None
    cookie, _ = start_session(store, user, hours=-1)
    assert find_session(store, cookie) is None
    cookie, _ = start_session(store, user)
    update_user(store, "amal", version=None, actor=ME, disabled=True)
    assert find_session(store, cookie) is None


def test_a_new_password_signs_the_user_out_everywhere(store, user):
    """A password is changed because the old one may be known: a session opened with it must not
    outlive it. A role change keeps sessions (they read the role afresh on every request)."""
    cookie, _ = start_session(store, user)
    update_user(store, "amal", version=None, actor=ME, role="reviewer")
    assert find_session(store, cookie).user.role == "reviewer"
    update_user(store, "amal", version=None, actor=ME, password="another long passphrase")
    assert find_session(store, cookie) is None
    assert authenticate(store, "amal", "another long passphrase").name == "amal"


def test_tokens_are_hashed_scoped_and_expire(store, user):
    token, secret = issue_token(store, "amal", name="nightly", scope="read", expires_days=30, actor=ME)
    assert looks_like_token(secret) and not looks_like_token("tw_short")
    with store.engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT secret_hash FROM api_tokens")).scalar()
    assert secret not in stored and len(stored) == 64
    found_user, found = token_user(store, secret)
    assert found_user.name == "amal" and found.permissions_of(found_user) == {"read"}
    assert list_tokens(store, "amal")[0].last_used_at is not None
    assert token.expires_at - token.created_at == timedelta(days=30)
    with store.transaction() as connection:
        connection.execute(sa.text("UPDATE api_tokens SET expires_at = created_at"))
    assert token_user(store, secret) is None


def test_a_stale_role_change_is_refused(store, user):
    update_user(store, "amal", version=user.version, actor=Actor("first"), role="reviewer")
    with pytest.raises(StaleEdit) as stale:
        update_user(store, "amal", version=user.version, actor=Actor("second"), role="viewer")
    assert stale.value.current == user.version + 1 and stale.value.changes[0].user_name == "first"
