"""Password hashing with Argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile)."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from trucewatch.errors import TruceWatchError

MIN_LENGTH = 10
MAX_LENGTH = 1024  # hashing is deliberately slow; an endless "password" must not tie up a worker


_override: list[PasswordHasher] = []


@lru_cache(maxsize=1)
def _default_hasher() -> PasswordHasher:
    return PasswordHasher()  # Argon2id with RFC 9106's low-memory parameters


def _hasher() -> PasswordHasher:
    return _override[-1] if _override else _default_hasher()


@contextmanager
def cheapest_hashing():
    """Argon2id at its cheapest parameters inside this block: for test fixtures that make many
    users (a login re-hashes with the defaults afterwards, as after a parameter upgrade)."""
    from argon2 import profiles

    _override.append(PasswordHasher.from_parameters(profiles.CHEAPEST))
    try:
        yield
    finally:
        _override.pop()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not anybody's password")


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise TruceWatchError(f"A password needs at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise TruceWatchError(f"A password may have at most {MAX_LENGTH} characters.")
    return password


def hash_password(password: str) -> str:
    return _hasher().hash(check_password(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether the password matches; a missing account costs the same time as a wrong password."""
    if not isinstance(password, str) or len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher().verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's defaults."""
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
