"""How an actor, a claimant or a claim's value becomes one comparable key.

States are keyed by ISO3 code (so "SYR" in a claim meets "government forces" resolved to Syria);
non-state groups by their dictionary name, else by the words used.
"""
from __future__ import annotations

STATE_SECTORS = {"GOV", "MIL", "POL", "SPY", "JUD", "LEG"}


def actor_key(name: str | None, country: str | None, sector: str | None, text: str | None) -> str | None:
    """The key of a participant: ISO3 for state actors, else name, else text."""
    if country and (sector in STATE_SECTORS or sector in (None, "UNK")):
        return country  # a state's forces, or the state itself ("Syria" with no sector)
    if name:
        return name
    if country and not text:
        return country
    return (text or "").strip() or None


def identified(name: str | None, country: str | None) -> bool:
    """Resolved through the actor dictionary (not just words like "gunmen" or "its aircraft")."""
    return bool(name or country)


def value_key(value: str | None) -> str | None:
    """A claim's `value` (ISO3 code or actor name) as a key: ISO3 codes meet state actors' keys."""
    if not value:
        return None
    return value.strip() or None


def same_key(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.casefold() == b.casefold())
