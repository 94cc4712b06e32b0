"""Namesakes abroad in stories that say their country, and the roles of listed claimants (issue 11).

Our own example sentences. The mechanisms: a big town written next to a name ("South Kensington,
London", "Matani in Peshawar") restricts it to that town's country, as a written country or
province does, unless the names form a list ("Moscow, Kiev, Minsk and Riga"); a town abroad that
the story's written countries exclude, found under a near-miss spelling or under a name that towns
of many countries share, is unknown rather than a guess; a known name inside a longer run of proper
names ("Oscar Brent Pike") is a word of that name; every country in a list of accusers speaks.
"""

import pytest

from trucewatch.extract.where import story_places


def _mention(nlp, text, name):
    found = [m for m in story_places(nlp(text)) if m.text == name]
    assert found, f"no mention of {name}"
    return found[0]



@pytest.mark.parametrize("text, written_next_to_it, country", [
    ("A parcel bomb went off outside a café in South Kensington, London, on Tuesday night.",
     "South Kensington", "GBR"),
    ("A grenade was thrown into a tailor's shop in Matani in Peshawar on Friday, injuring three.",
     "Matani", "PAK"),
])
def test_a_big_town_written_next_to_a_name_keeps_it_in_that_country(main_location, text, written_next_to_it, country):
    location = main_location(text)
    assert location is not None and location.country == country


@pytest.mark.parametrize("name, country", [("Moscow", "RU"), ("Kiev", "UA")])
def test_a_list_of_towns_is_no_apposition(nlp, name, country):
    text = "The airline hopes to fly from Warsaw to Moscow, Kiev, Minsk and Riga by the spring."
    mention = _mention(nlp, text, name)
    assert mention.place is not None and mention.place.country == country


def test_a_list_of_counties_does_not_restrict_its_first_name(nlp):
    text = "Roofs were torn off in Harvey, Harper and Kingman counties, but nobody was hurt."
    mention = _mention(nlp, text, "Harvey")
    assert mention.place is not None  # not kept to Liberia by the town of Harper there


def test_a_name_many_countries_share_is_no_place_abroad_when_the_story_says_its_country(main_location):
    location = main_location("A suicide bomber drove his truck into an outpost near al-Mazraa camp during clashes "
                             "with Islamic State fighters in Iraq.")
    assert location is None or location.country == "IRQ"


def test_a_near_miss_spelling_of_a_provincial_seat_abroad_is_not_the_village_meant(main_location):
    location = main_location("Nine farmers were killed when gunmen attacked the village of Nyanga, the Christian "
                             "Association of Nigeria said.")
    assert location is None or location.country in (None, "NGA")  # not Nyanza, Rwanda


def test_a_place_name_inside_a_persons_longer_name_is_no_place(nlp):
    doc = nlp("Elders Oscar Brent Pike and Luke Mills were shot dead in La Paz, Bolivia.")
    doc.ents = [ent for ent in doc.ents if ent.label_ != "PERSON"]  # as when the tagger misses the names
    places = [m.text for m in story_places(doc)]
    assert "Brent" not in places  # not the London borough
    assert "La Paz" in places


def test_every_country_in_a_list_of_accusers_speaks_and_is_not_the_acts_place(main_location, nlp):
    text = "Russia, Turkey and Iran have accused the militia of shelling Saraqib on Monday."
    for name in ("Russia", "Turkey", "Iran"):
        assert _mention(nlp, text, name).role == "acting", name
    location = main_location(text)
    assert location is not None and location.name == "Saraqib"


def test_a_datelines_town_and_country_are_no_list_of_speakers(nlp):
    text = "GAO, Mali -- Amadou Traoré, the rebel leader in last month's talks, has rejected the peace plan."
    assert _mention(nlp, text, "Mali").role != "acting"


def test_a_countrys_common_english_name_is_the_country(main_location):
    location = main_location("Three bombs went off in market towns across Burma on Saturday.")
    assert location is not None and location.country == "MMR"  # not a Jordanian village called Burma


def test_an_english_word_that_is_only_a_translated_name_of_a_province_abroad_is_no_place(main_location, nlp):
    text = "A gunman wounded the Pakistani Interior Minister at a rally in Narowal, Pakistan."
    places = {m.text: m for m in story_places(nlp(text))}
    assert "Interior" not in places or places["Interior"].place is None or places["Interior"].place.country == "PK"
    location = main_location(text)
    assert location is not None and location.country == "PAK"


def test_a_compass_direction_before_a_province_is_no_region_abroad(main_location):
    location = main_location("A roadside bomb killed two soldiers in the North-east part of Diyala, Iraq, on Monday.")
    assert location is not None and location.country == "IRQ"  # not Iceland's Northeast region


def test_the_countries_whose_embassies_were_hit_are_not_the_acts_place(main_location):
    location = main_location("Car bombs hit the embassies of Egypt and Jordan in Tripoli, Libya, wounding four guards.")
    assert location is not None and location.country == "LBY"


def test_a_province_abroad_written_in_another_transliteration_of_its_own_name_is_kept(nlp):
    text = ("State television said a commander of the Islamic State of Iraq and al-Sham was killed by a "
            "coalition air strike in the Al-Raqqa Governorate last week.")
    raqqa = [m for m in story_places(nlp(text)) if "Raqqa" in m.text]
    assert raqqa and raqqa[0].place is not None and raqqa[0].place.country == "SY"


def test_a_town_written_with_its_country_is_that_countrys_namesake_not_one_in_a_country_that_only_owns_an_embassy(
        main_location):
    location = main_location("Students protested on Friday outside the embassies of the United States and Spain in "
                             "La Paz, the capital of Bolivia.")
    assert location is not None and location.country == "BOL"
