"""Shared fixtures for the places tests: the gazetteer and the spaCy pipeline, loaded once."""
import pytest


@pytest.fixture(scope="session")
def gazetteer():
    from trucewatch.places import get_gazetteer

    return get_gazetteer()


@pytest.fixture(scope="session")
def nlp():
    from trucewatch.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def main_location():
    """The location of a report's main event, extracted with a fixed publication date."""
    from datetime import date

    from trucewatch.extract import extract

    def location_of(text: str):
        main = [event for event in extract(text, date(2026, 3, 2)).events if event.main]
        assert main, "no main event"
        return main[0].location

    return location_of
