"""The actor dictionary: who an actor phrase names, as of the event's date.

    >>> from trucewatch.actors import resolve_actor
    >>> resolve_actor("Russian warplanes")            # name Russia, country RUS, sector MIL
    >>> resolve_actor("Lavrov", on="2016-03-01")      # RUS GOV: he was foreign minister then
    >>> resolve_actor("a field hospital")             # sector MED, protected True

Data files (YAML, documented in data/SCHEMA.md) hold countries, militaries, armed groups,
organisations, office holders with dated roles and generic terms. Users add their own with
$TRUCEWATCH_ACTORS. The dictionary is built once per process and cached.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from trucewatch.actors.codes import cameo_code as _cameo_code
from trucewatch.actors.codes import plover_actor as _plover_actor
from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.records import ActorRef

__all__ = [
    "ActorDictionary", "get_dictionary", "resolve_actor", "resolve_actors", "is_protected", "lookup_country",
    "entity_patterns", "cameo_code", "plover_actor", "reload",
]


@lru_cache(maxsize=1)
def get_dictionary() -> ActorDictionary:
    """The packaged dictionary plus the user's files named by $TRUCEWATCH_ACTORS."""
    return ActorDictionary()


def reload() -> ActorDictionary:
    """Forget the cached dictionary (after the data files or $TRUCEWATCH_ACTORS changed)."""
    get_dictionary.cache_clear()
    _cached_resolve.cache_clear()
    return get_dictionary()


@lru_cache(maxsize=65536)
def _cached_resolve(text: str, on: date | str | None, implied_country: str | None) -> ActorRef | None:
    return get_dictionary().resolve(text, on, implied_country=implied_country)


def resolve_actor(text: str, on: date | str | None = None, *,
                  implied_country: str | None = None) -> ActorRef | None:
    """The actor a phrase names on date `on`, or None when the dictionary knows none of it.

    `implied_country` (ISO3) is the country the story is about: it fills in the state for
    phrases that name a state organ but not the state ("government helicopters", "the regime")
    and picks the local branch of groups active in several countries. People count as their
    government only on dates inside a role; without `on` a person resolves to a name only.
    """
    return _cached_resolve(text, on, implied_country)


def resolve_actors(text: str, on: date | str | None = None, *,
                   implied_country: str | None = None) -> list[ActorRef]:
    """Every actor of a coordinated phrase: "Syrian and Russian warplanes" -> SYR MIL, RUS MIL.
    Each reference's `text` is its own part as written ("Syrian", "Russian warplanes")."""
    return get_dictionary().resolve_all(text, on, implied_country=implied_country)


def is_protected(text: str) -> bool:
    """True for people and places a truce shields: aid, medical, schools, markets, civilians, press."""
    ref = resolve_actor(text)
    return bool(ref and ref.protected)


def lookup_country(text: str) -> str | None:
    """ISO3 code for a country's name or demonym ("Syrian" -> SYR); None for "Kurdish"."""
    return get_dictionary().lookup_country(text)


def entity_patterns(*, label: str | None = None, include_terms: bool = False) -> list[dict]:
    """Patterns for spaCy's EntityRuler: {"label", "pattern", "id": actor id}."""
    from trucewatch.actors.patterns import build_patterns

    return build_patterns(get_dictionary(), label=label, include_terms=include_terms)


def cameo_code(ref: ActorRef) -> str:
    """CAMEO actor code: "SYRMIL", "USAGOV", "IGOUNO" (the UN), "---REB" (rebels, no country)."""
    dictionary = get_dictionary()
    return _cameo_code(ref, dictionary.entry_for(ref), dictionary.entries)


def plover_actor(ref: ActorRef) -> dict:
    """PLOVER actor code and sector: {"code": "SYR", "sector": "MIL"}, {"code": "IGO", ...}."""
    dictionary = get_dictionary()
    return _plover_actor(ref, dictionary.entry_for(ref), dictionary.entries)
