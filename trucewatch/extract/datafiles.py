"""Extraction's word lists (YAML in data/), read once per process, so that every module reads a
data file the same way and none keeps its own copy of a list."""
from __future__ import annotations

import re
from functools import lru_cache

from trucewatch.datafiles import read_lexicon


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The mapping in data/<name>, checked for unquoted "on"/"no" (trucewatch.datafiles)."""
    return read_lexicon("trucewatch.extract", f"data/{name}")


@lru_cache(maxsize=None)
def words(name: str, key: str) -> frozenset[str]:
    """One list of data/<name> as a set of lower-case words."""
    return frozenset(str(word).lower() for word in load(name)[key])


@lru_cache(maxsize=1)
def actor_nouns() -> frozenset[str]:
    """Head nouns of people, groups and forces (participants.yaml)."""
    return words("participants.yaml", "person") | words("participants.yaml", "group") \
        | words("participants.yaml", "force")


def alternation(phrases) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of blanks."""
    unique = sorted({str(p).lower() for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique) + ")"
