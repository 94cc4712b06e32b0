"""Shared pieces for the CLI tests: the example truce and a readable 80-column terminal."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

import trucewatch.truce as truce_pkg

EXAMPLE = Path(truce_pkg.__file__).parent / "examples" / "example_truce.yaml"


@pytest.fixture
def example_truce() -> Path:
    return EXAMPLE


@pytest.fixture
def narrow_screen():
    """An 80-column terminal whose output a test can read."""
    screen = io.StringIO()
    return screen, Console(file=screen, width=80, force_terminal=True, color_system=None)
