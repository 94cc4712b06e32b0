"""Shared fixtures for extraction tests: the pipeline is loaded once per session.

Every report text in these tests is our own invention, written for the test.
"""
from __future__ import annotations

import warnings
from datetime import date

import pytest

from trucewatch.extract.what import find_triggers

# Thursday 10 March 2016: a fixed publication date for relative dates.
PUBLISHED = date(2016, 3, 10)


@pytest.fixture(scope="session")
def nlp():
    from trucewatch.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def run(nlp):
    """Extract a text published on PUBLISHED (or another date) and return its events."""
    from trucewatch.extract import extract

    def _run(text: str, published: date = PUBLISHED):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return extract(text, published=published).events

    return _run


@pytest.fixture(scope="session")
def triggers(nlp):
    """The act types found in one sentence."""

    def _triggers(sentence: str) -> list[str]:
        return [t.act.name for t in find_triggers(nlp(sentence)[:])]

    return _triggers


@pytest.fixture(scope="session")
def only():
    """The single event (of a type), failing clearly if there are more or none."""

    def _only(events, type_=None):
        chosen = [e for e in events if type_ is None or e.type == type_]
        assert len(chosen) == 1, [(e.type, e.status) for e in events]
        return chosen[0]

    return _only


@pytest.fixture(autouse=True)
def _places_stubbed(request, monkeypatch):
    """Places come from a colleague's gazetteer stage; tests of other items run without it so
    they test extraction alone. Tests marked `real_places` use the real stage."""
    if request.node.get_closest_marker("real_places"):
        return
    from trucewatch.extract import links

    monkeypatch.setattr(links, "story_places", lambda doc: [])
    monkeypatch.setattr(links, "locate", lambda doc, sentence, token, places: None)


def pytest_configure(config):
    config.addinivalue_line("markers", "real_places: use the real place stage (where.py)")
