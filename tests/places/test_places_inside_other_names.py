"""Places written inside other names, and one name meaning one place through a story (issue 11).

Our own example sentences. The mechanisms: a name the story once writes with its area ("Paris,
Illinois") means that place wherever it is written alone; a place inside the name of an
organisation, an event or a work is found and, when the story also writes it as a place, kept
however small; a nationality inside such a name ("the Turkish consulate") names its country but is
neither the act's place nor the story's country; a possessive ending is not part of a name.
"""
import pytest

from trucewatch.extract.where import locate, story_places
from trucewatch.places.story import StoryName, resolve_story


def _mentions(nlp, text, name):
    return [m for m in story_places(nlp(text)) if m.text == name]


def test_a_name_written_once_with_its_state_means_that_place_wherever_it_is_written():
    alone, placed, state = resolve_story([StoryName("Paris"), StoryName("Paris", ("Illinois",)),
                                          StoryName("Illinois")])
    assert placed is not None and placed.country == "US"
    assert alone is not None and alone.id == placed.id  # not the French capital


def test_a_name_written_only_alone_is_left_to_the_story_context():
    (alone,) = resolve_story([StoryName("Paris")])
    assert alone is not None and alone.country == "FR"


@pytest.mark.parametrize("text, name, country", [
    # a small town inside an organisation's name, which the story also writes as a place
    ("The Carmi Public Library will host a reading on Friday in Carmi, Illinois.", "Carmi", "US"),
    # a country inside an organisation's name, and a nationality there
    ("The Kenya Wildlife Service closed two parks after the floods.", "Kenya", "KE"),
    ("The Russian Foreign Ministry summoned the envoy on Monday.", "Russian", "RU"),
])
def test_a_place_inside_another_name_is_found(nlp, text, name, country):
    mentions = _mentions(nlp, text, name)
    assert mentions, f"no mention of {name}"
    assert mentions[0].place is not None and mentions[0].place.country == country


def test_a_nationality_inside_a_name_is_its_country_but_not_where_the_act_was(nlp):
    text = "A bomb was found outside the Turkish consulate in Melbourne on Monday."
    doc = nlp(text)
    inner = [m for m in story_places(doc) if m.text == "Turkish"]
    assert inner and inner[0].place is not None and inner[0].place.country == "TR"
    trigger = next(t for t in doc if t.text == "found")
    location = locate(doc, trigger.sent, trigger, story_places(doc))
    assert location is not None and location.country == "AUS"


def test_a_nationality_inside_a_name_does_not_make_the_story_s_country(nlp):
    from datetime import date

    from trucewatch.extract import extract

    text = ("Two men attacked the Turkish consulate in Melbourne with petrol bombs on Monday. "
            "One of them was killed when a bomb went off early.")
    events = [e for e in extract(text, date(2026, 3, 2)).events if e.location is not None]
    assert events and all(e.location.country == "AUS" for e in events)


@pytest.mark.parametrize("text", [
    "Realists like Sri Lanka's former president saw it coming.",
    "Nine people were hurt, among them Sri Lanka's minister of posts.",
])
def test_a_possessive_ending_is_not_part_of_the_name(nlp, text):
    mentions = _mentions(nlp, text, "Sri Lanka")
    assert mentions and mentions[0].place is not None and mentions[0].place.country == "LK"


def test_a_town_inside_a_buildings_name_does_not_count_twice_for_its_famous_namesake(nlp):
    """"Paris City Hall" is found through the name "Paris": it is no second vote for France
    against "Henry County", and it means the Paris the story means."""
    text = ("A Paris man was arrested at Paris City Hall on Sunday by a Paris Police Department sergeant. "
            "He is due to appear in Henry County General Sessions Court on Tuesday.")
    mentions = story_places(nlp(text))
    paris = [m for m in mentions if m.text.startswith("Paris") and m.place is not None]
    assert paris and all(m.place.country == "US" for m in paris), [(m.text, m.place.country) for m in paris]


def test_a_country_written_another_way_still_says_where_the_story_is(nlp):
    text = ("In the Irish Republic, hundreds protested at the gates of Shannon airport on Saturday against "
            "its use by US warplanes.")
    shannon = [m for m in story_places(nlp(text)) if m.text == "Shannon"]
    assert shannon and shannon[0].place is not None and shannon[0].place.country == "IE"


@pytest.mark.parametrize("written", ["St.", "St"])
def test_a_two_letter_abbreviation_in_lower_case_is_no_towns_alternate_name(written):
    from trucewatch.places import get_gazetteer

    assert not [c for c in get_gazetteer().candidates(written, None, False) if c.fclass == "P"]  # not Sète


def test_a_towns_abbreviation_in_capitals_still_names_it():
    from trucewatch.places import get_gazetteer

    assert any(c.name == "Washington" for c in get_gazetteer().candidates("D.C.", None, False))


def test_a_county_inside_an_offices_name_is_a_place_of_the_story_though_its_name_is_a_word(nlp):
    """"the Levy County Sheriff's Office" beside "the Florida Highway Patrol": the story names only
    organisations, whose states say its country; a county of that country written with its kind
    word is a place though "levy" is an English word."""
    from trucewatch.extract.where import story_places

    found = {m.text: m for m in story_places(nlp("Deputies from the Levy County Sheriff's Office and the Florida "
                                                 "Highway Patrol searched the woods on Monday."))}
    assert "Levy County" in found and found["Levy County"].place.country3 == "USA"
