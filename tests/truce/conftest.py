"""Truce fixtures: the shipped example truce, loaded once per test."""
from __future__ import annotations

from pathlib import Path

import pytest

import trucewatch.truce as truce_pkg
from trucewatch.truce import load_truce

EXAMPLE = Path(truce_pkg.__file__).parent / "examples" / "example_truce.yaml"


@pytest.fixture
def example_truce():
    return load_truce(EXAMPLE)


@pytest.fixture
def example_path():
    return EXAMPLE
