"""Shared helpers: hand-made events and a fake extractor, so scorers are tested without spaCy."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from trucewatch.records import Event, Extraction

DATA = Path(__file__).parent / "data"


def make_event(type="attack", *, n=0, **fields) -> Event:
    """An Event with only the fields a test cares about; `when` defaults to one day."""
    fields.setdefault("when", {"start": date(2016, 3, 8), "end": date(2016, 3, 8), "precision": "day"})
    return Event.model_validate({"id": f"doc:{n}", "type": type, **fields})


class FakeExtractor:
    """Returns the events registered for the first keyword found in a text; records the calls."""

    def __init__(self, rules: dict[str, list[Event]] | None = None, fail_on: str | None = None):
        self.rules = rules or {}
        self.fail_on = fail_on
        self.documents = []

    def __call__(self, documents):
        for document in documents:
            if self.fail_on and self.fail_on in document.text:
                raise RuntimeError("extraction crashed")
        for document in documents:
            self.documents.append(document)
            events = next((events for key, events in self.rules.items() if key in document.text), [])
            yield Extraction(document=document, events=events)


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def event():
    """make_event, as a fixture (tests cannot import conftest under --import-mode=importlib)."""
    return make_event


@pytest.fixture
def fake():
    return FakeExtractor
