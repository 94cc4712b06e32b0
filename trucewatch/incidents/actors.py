"""How an actor, a claimant or a claim's value becomes one comparable party key.

A party is an actor the dictionary resolved: a state keyed by its ISO3 code (so "SYR" in a claim,
"Syria" and "government forces" resolved to Syria all meet as SYR), any other actor by its
dictionary name. Words the dictionary did not resolve ("who", "fighters", "its aircraft") are
never parties: they have no key and are kept apart as unidentified wording.
"""
from __future__ import annotations

import re
from functools import lru_cache

STATE_SECTORS = {"GOV", "MIL", "POL", "SPY", "JUD", "LEG", "COP"}
_ISO3 = re.compile(r"^[A-Z]{3}$")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 code -> country name, from the actor dictionary (empty if it cannot be loaded)."""
    try:
        from trucewatch.actors import get_dictionary
        return dict(get_dictionary().country_names)
    except Exception:  # the dictionary is optional here: keys then rest on the code's shape
        return {}


@lru_cache(maxsize=1)
def dictionary_names() -> dict[str, str]:
    """Casefolded name -> dictionary name of every actor the dictionary knows (empty if unavailable)."""
    try:
        from trucewatch.actors import get_dictionary
        return {name.casefold(): name for name in get_dictionary().by_name}
    except Exception:
        return {}


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    return {name.casefold(): code for code, name in country_names().items()}


def country_code(value: str | None) -> str | None:
    """The ISO3 code a value stands for: a known code ("SYR") or a country's name ("Syria")."""
    if not value:
        return None
    value = value.strip()
    names = country_names()
    if _ISO3.match(value) and (value in names or not names):
        return value
    return _codes_by_name().get(value.casefold())


def actor_key(name: str | None, country: str | None, sector: str | None, text: str | None = None) -> str | None:
    """The party key of a resolved actor (ISO3 for a state, else its dictionary name), or None.

    None means the actor is not identified: no dictionary name and no valid country code,
    or a country code alone on a non-state actor ("rebels" in Syria are not Syria).
    """
    code = country_code(country)
    if code and (sector in STATE_SECTORS or sector in (None, "UNK")):
        return code  # a state's forces, or the state itself
    if name and name.strip():
        state = country_code(name)
        if state and sector not in STATE_SECTORS and sector not in (None, "UNK"):
            return None  # "rebels" or "civilians" of Syria are not the Syrian state
        return state or name.strip()  # "Syria" as a name is the state
    if code and not (text or "").strip():
        return code
    return None


def identified(name: str | None, country: str | None, sector: str | None = None) -> bool:
    """Resolved through the actor dictionary (not just words like "gunmen" or "its aircraft")."""
    return actor_key(name, country, sector) is not None


def value_key(value: str | None) -> str | None:
    """A claim's `value` as a party key: codes and country names become ISO3, dictionary names stay.

    A value the dictionary does not know ("the rebels") names no party, so it gives None.
    """
    if not value or not value.strip():
        return None
    code = country_code(value)
    if code:
        return code
    names = dictionary_names()
    if not names:
        return value.strip()
    return names.get(value.strip().casefold())


def party_label(key: str) -> str:
    """How a party is shown: "Syria (SYR)" for a state, else its dictionary name."""
    name = country_names().get(key) if _ISO3.match(key or "") else None
    return f"{name} ({key})" if name else key


def same_key(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.casefold() == b.casefold())
