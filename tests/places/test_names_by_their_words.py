"""A name's own words say whether it is a place (issue 11, recognition without NER labels).

Our own example sentences. A capitalised name ending in a kind of place ("the Bani Harith
Suburb", as "X district" does) is a place though the gazetteer lacks it; a word for people or forces that the tagger
took for a place ("Police District 3") is not, unless a place noun introduces it.
"""
import pytest

from trucewatch.extract.where import story_places


def _mention(nlp, text, name):
    return next((m for m in story_places(nlp(text)) if m.text == name), None)


@pytest.mark.parametrize("text, name", [
    ("Government troops pushed into the Bani Harith Suburb on Thursday.", "Bani Harith Suburb"),
    ("Rebels held most of the Al-Hamdiya District by nightfall.", "Al-Hamdiya District"),
])
def test_a_name_s_own_words_make_it_a_place(nlp, text, name):
    assert _mention(nlp, text, name) is not None


@pytest.mark.parametrize("text", [
    "Gunmen attacked Police District 3 in Kabul on Monday.",
    "Officers from the Police District office met the governor.",
])
def test_a_word_for_forces_is_no_place(nlp, text):
    places = story_places(nlp(text))
    assert all(m.place is None or m.place.country != "PL" for m in places)
    assert not any(m.text.startswith("Police") for m in places)


def test_a_place_noun_still_makes_such_a_word_a_place(nlp):
    mention = _mention(nlp, "Fighting reached the town of Police in northern Poland.", "Police")
    assert mention is not None and mention.place is not None and mention.place.country == "PL"


def test_plain_english_before_a_kind_word_is_no_name(nlp):
    assert _mention(nlp, "Officials said the Tax Office District branch stays shut.", "Tax Office District") is None


def test_us_in_capitals_is_the_country_not_an_arabic_article(nlp):
    from trucewatch.places.names import name_key

    assert name_key("US Marine") != name_key("Marine")
    assert name_key("Deir us-Sham") == name_key("Deir Sham")  # the article, written in lower case
    places = story_places(nlp("A bomber drove into a US Marine barracks in Beirut on Sunday."))
    assert all(m.place is None or m.place.country in ("LB", "US") and m.place.name != "Marine" for m in places)


def test_a_region_the_cities_file_lacks_is_no_namesake_village(nlp):
    # the Sinai peninsula is curated (data/curated.yaml); a Mexican hamlet called Sinai is not meant
    mentions = [m for m in story_places(nlp("Gunmen shot a teacher dead in northern Sinai on Monday."))
                if "Sinai" in m.text]
    assert mentions and mentions[0].place is not None and mentions[0].place.country == "EG"
