"""Places that a writing convention marks, whatever the tagger made of them (issue 11).

Our own example sentences. A dateline opens a report with the place it was filed from in capitals
("TORRINGTON — ..."): the tagger often misses such a name, splits it ("ST" + "LOUIS") or calls it an
organisation. US news writes a legislator's party and home after the name ("Rep. Jane Roe, R-Elbow
Lake,"): the home is a place, but where the legislator is from, never where an act happened.
"""
from datetime import date

import pytest

from trucewatch.extract import extract
from trucewatch.extract.where import story_places


def _places(nlp, text):
    return {m.text: m for m in story_places(nlp(text))}


@pytest.mark.parametrize("text, name, country", [
    ("TORRINGTON — Fire crews spent the night at a burning warehouse on the edge of town.", "TORRINGTON", "US"),
    ("BYESVILLE -- Investigators are looking into a barn fire that broke out late on Monday.", "BYESVILLE", "US"),
    ("Talks resumed on Friday. MANASSAS (AP) - A man was charged with arson on Tuesday.", "MANASSAS", "US"),
    ("HAMA, Syria - Shelling killed three people in the town on Sunday.", "HAMA", "SY"),
])
def test_the_name_opening_a_dateline_is_a_place(nlp, text, name, country):
    places = _places(nlp, text)
    assert name in places, sorted(places)
    assert places[name].place is not None and places[name].place.country == country


def test_a_dateline_word_that_is_english_is_no_place(nlp):
    places = _places(nlp, "UPDATE - Police arrested two men after the robbery on Main Street.")
    assert not any(text.upper() == "UPDATE" for text in places)


@pytest.mark.parametrize("text, name, country", [
    ("Rep. Jane Roe, R-Elbow Lake, said the new rules went too far.", "Elbow Lake", "US"),
    ("Sen. Carl Ash, D-N.D., asked why the contract was renewed.", "N.D.", "US"),
    ("State Sen. Ted Moss, DFL-Minneapolis, voted against the bill.", "Minneapolis", "US"),
])
def test_a_legislators_home_after_a_party_letter_is_a_place_of_qualifying_role(nlp, text, name, country):
    places = _places(nlp, text)
    assert name in places, sorted(places)
    mention = places[name]
    assert mention.place is not None and mention.place.country == country
    assert mention.role == "qualifying"


def test_a_legislators_home_is_not_where_the_act_happened():
    result = extract("Rep. Jane Roe, R-Elbow Lake, said a gunman shot two guards at the prison in Stillwater "
                     "on Monday.", date(2026, 3, 2))
    shootings = [event for event in result.events if event.location is not None and event.location.text]
    assert shootings, "no located event"
    assert all(event.location.text != "Elbow Lake" for event in shootings)
