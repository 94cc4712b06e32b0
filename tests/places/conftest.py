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
