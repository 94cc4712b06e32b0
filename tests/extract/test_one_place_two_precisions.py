"""A headline's act and the body's account of it are one event when they name one place at two
precisions (a city and a district of it); two towns are two places however close (our own reports)."""
from datetime import date

import pytest

from trucewatch.extract.pipeline import extract_batch
from trucewatch.records import Document


pytestmark = pytest.mark.real_places


def _events(text):
    return extract_batch([Document(id="t", text=text, published=date(2021, 3, 4))])[0].events


def test_headline_city_and_body_district_are_one_event():
    events = _events("Shells hit homes in Tripoli\n\nShells struck homes in the Abu Salim district of Tripoli "
                     "late on Wednesday, killing one woman, the health ministry said.")
    shelling = [e for e in events if e.type == "shelling" and e.status == "occurred"]
    assert len(shelling) == 1
    assert shelling[0].fatalities is not None and shelling[0].fatalities.best == 1


def test_two_nearby_towns_struck_are_two_places():
    events = _events("Jets struck Ariha on Friday, killing six people. Separately, jets struck Jisr al-Shughur "
                     "on Friday, killing three.")
    places = {e.location.name for e in events if e.location is not None and e.status == "occurred"}
    assert len(places) >= 2
