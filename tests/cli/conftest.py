"""A stand-in store for the `check` and `report` commands (invented reports, sample places)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

import trucewatch.truce as truce_pkg
import trucewatch.truce.run as run_module
from trucewatch.incidents.samples import GOV, IS, EventsOnlyStore, make_document, make_event

EXAMPLE = Path(truce_pkg.__file__).parent / "examples" / "example_truce.yaml"


FakeStore = EventsOnlyStore


@pytest.fixture
def example_truce() -> Path:
    return EXAMPLE


@pytest.fixture
def fake_store(tmp_path, monkeypatch):
    a = make_document("Government jets bombed the grain silo in Idlib on Friday.", "Wire A", "2016-03-04")
    b = make_document("Islamic State fighters attacked a checkpoint near Idlib.", "Wire B", "2016-03-05")
    pairs = [(a, make_event(a, actors=[GOV])), (b, make_event(b, type="armed_clash", actors=[IS]))]
    fake = FakeStore(f"sqlite:///{tmp_path / 'tw.db'}", pairs)
    monkeypatch.setattr(run_module, "open_store", lambda url: fake)
    return fake


@pytest.fixture
def narrow_screen():
    """An 80-column terminal whose output a test can read."""
    screen = io.StringIO()
    return screen, Console(file=screen, width=80, force_terminal=True, color_system=None)
