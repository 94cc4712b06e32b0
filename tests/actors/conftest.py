"""Shared fixtures: one packaged dictionary per session (building it reads every data file)."""
from __future__ import annotations

import pytest

from trucewatch.actors.dictionary import ActorDictionary


@pytest.fixture(scope="session")
def dictionary() -> ActorDictionary:
    return ActorDictionary(use_env=False)


@pytest.fixture
def resolve(dictionary):
    """resolve(text, on=None, implied=None) -> (name, country, sector, protected) or None."""

    def _resolve(text, on=None, implied=None):
        ref = dictionary.resolve(text, on, implied_country=implied)
        return None if ref is None else (ref.name, ref.country, ref.sector, ref.protected)

    return _resolve
