"""Names that look like places but say something else (issue 11: "never invented").

Our own example sentences. The mechanisms: a make or model written before a weapon or a vehicle
("Katyusha rockets", "a Black Hawk helicopter", "a Bell UH-1") is no town of that name; a people's
adjective before a place noun ("a Jewish settlement") names no place; the country of a diplomatic
mission ("the US consulate", "the ambassador of Norway") is whose mission it is, never where the
act was, and does not pull a namesake town into that country ("the Indian consulate in
Jalalabad"); a town is its own same-name governorate's seat even where the gazetteer files the two
under different countries (Jerusalem).
"""

import pytest

from trucewatch.extract.where import story_places


def _names(nlp, text):
    return {m.text: m for m in story_places(nlp(text))}



@pytest.mark.parametrize("text, make", [
    ("Katyusha rockets struck a crowded market, killing nine people.", "Katyusha"),
    ("Youths threw Molotov cocktails at a police van.", "Molotov"),
    ("A Black Hawk helicopter came down near the river on Tuesday.", "Black Hawk"),
    ("Rebels said they shot down a Bell UH-1 over the hills.", "Bell"),
    ("Fighters in Toyota pickups overran the checkpoint.", "Toyota"),
])
def test_a_make_written_before_a_weapon_or_a_vehicle_is_no_place(nlp, text, make):
    assert make not in _names(nlp, text)


def test_a_town_before_its_people_is_still_a_place(nlp):
    # guard: only weapons and vehicles make a make; "Kirkuk" near a helicopter is still a town
    found = _names(nlp, "A Black Hawk helicopter came down near Kirkuk on Tuesday.")
    assert found["Kirkuk"].place is not None and found["Kirkuk"].place.country3 == "IRQ"


@pytest.mark.parametrize("text, adjective", [
    ("A young man entered a house in a Jewish settlement and stabbed a guard.", "Jewish"),
    ("Gunmen stormed a Kurdish village before dawn.", "Kurdish"),
])
def test_a_peoples_adjective_before_a_place_noun_names_no_place(nlp, text, adjective):
    mention = _names(nlp, text).get(adjective)
    assert mention is None or (mention.place is not None and mention.place.precision == "country")


@pytest.mark.parametrize("text", [
    "Six gunmen attacked the U.S. consulate with a truck bomb and rifles.",
    "Militants stormed the Turkish embassy, killing two guards.",
    "The ambassador of Norway was wounded in a knife attack.",
])
def test_the_country_of_a_diplomatic_mission_is_not_where_the_act_was(main_location, text):
    location = main_location(text)
    assert location is None or location.precision != "country"


def test_a_missions_nationality_does_not_move_the_town_into_its_country(main_location):
    location = main_location("A suicide bomber blew himself up outside the Indian consulate in Jalalabad.")
    assert location is not None and location.country == "AFG"


def test_the_ambassador_to_a_country_serves_there(main_location):
    # guard: "to" names the host country, which may well be where the act was
    location = main_location("A man with a knife wounded the ambassador to South Korea at a breakfast meeting.")
    assert location is not None and location.country == "KOR"


def test_a_town_is_the_seat_of_its_same_name_governorate_across_the_gazetteers_border(nlp):
    found = _names(nlp, "A Palestinian man stabbed a police officer on a street in Jerusalem.")
    place = found["Jerusalem"].place
    assert place is not None and place.precision == "city"


# Written context, continued: a province or a big town written beside a name says where it lies.

def test_a_neighbourhood_of_a_written_province_is_no_namesake_in_another_province(nlp):
    # Istanbul has a Bahçelievler district; the one meant lies in Şırnak or is unknown
    found = _names(nlp, "Police said a roadside bomb wounded two village guards in the Bahçelievler "
                        "neighbourhood of Şırnak province.")
    place = found["Bahçelievler"].place
    assert place is None or place.admin1 == "Şırnak"


def test_a_quarter_of_a_town_that_is_also_its_province_stays_in_that_province(main_location):
    location = main_location("Two mortar rounds fell on homes in the al-Joura district in Deir Ezzor city, killing a boy.")
    assert location is not None and location.name == "Deir ez-Zor"


def test_the_state_written_after_a_list_belongs_to_its_last_town(nlp):
    # guard: "Denver, Indianapolis, Louisville, Ky." puts Louisville, not Indianapolis, in Kentucky
    found = _names(nlp, "The finalists were Denver, Indianapolis, Louisville, Ky., and Boise, Idaho.")
    assert found["Indianapolis"].place is not None and found["Indianapolis"].place.admin1 == "Indiana"
    assert found["Louisville"].place.admin1 == "Kentucky"


def test_a_state_written_beside_another_state_is_not_inside_it(nlp):
    # guard: "in Michigan, in Utah's parks" is two states, not Michigan inside Utah
    found = _names(nlp, "Rangers counted wolves in Michigan, in Utah's northern parks and in Idaho.")
    assert found["Michigan"].place is not None and found["Michigan"].place.precision == "admin1"


def test_a_county_written_before_its_towns_is_not_inside_them(nlp):
    # guard: "the Harlan County towns of Cumberland and Lynch": the county holds the towns
    found = _names(nlp, "Floods cut roads in the Harlan County towns of Cumberland and Lynch on Friday.")
    assert found["Harlan County"].place is not None and found["Harlan County"].place.admin1 == "Kentucky"


def test_a_clock_word_after_a_time_is_no_place(nlp):
    found = _names(nlp, "Fighters began the assault around 10 A.M. (Damascus Time), when a bomber tried to "
                        "blow up a checkpoint in eastern Khattab.")
    assert "A.M." not in found  # it was Hamme, a Belgian town
    assert "eastern Khattab" in found or "Khattab" in found


@pytest.mark.parametrize("text, name", [
    ("Militants raided an oil terminal south of Brega before dawn.", "Brega"),
    ("A mine went off on the outskirts of Brega, wounding a shepherd.", "Brega"),
])
def test_a_name_after_a_direction_or_the_outskirts_of_is_a_place_whatever_the_tagger_says(nlp, text, name):
    found = _names(nlp, text)
    assert name in found and found[name].place is not None and found[name].place.country3 == "LBY"


def test_a_part_word_and_a_kind_word_around_a_province_name_give_the_province(main_location):
    location = main_location("Four civilians were killed when their car struck a roadside bomb in southern Kandahar "
                             "province on Sunday.")
    assert location is not None and location.name == "Kandahar" and location.precision == "admin1"


def test_a_direction_before_a_town_noun_is_no_country_written_beside_the_town(main_location):
    # "the Northern town of X" once read "Northern" as a written province abroad and lost the town
    location = main_location("A bomb tore through a bus in the Northern town of Garoowe, killing two Kenyan "
                             "aid workers.")
    assert location is not None and location.country == "SOM"


def test_the_nationalities_of_victims_do_not_keep_out_a_provincial_seat_a_place_noun_introduces(main_location):
    location = main_location("Gunmen shot dead three Ethiopians and wounded four in Bosaso town on Friday.")
    assert location is not None and location.name == "Bosaso"


def test_a_province_written_after_a_districts_name_is_not_made_a_district(nlp):
    # "the X district of northwestern Jowzjan province" once read "... province district" and found
    # Zambia's North-Western province by a near spelling
    found = _names(nlp, "Gunmen seized ten elders in the Dayan district of northwestern Jowzjan province.")
    mention = next(m for text, m in found.items() if "Jowzjan" in text)
    assert mention.place is not None and mention.place.country3 == "AFG" and mention.place.precision == "admin1"


def test_the_second_half_of_a_groups_name_the_tagger_cut_is_no_place(nlp):
    # the tagger cuts the group's name at "and"; the dictionary knows the whole name
    found = _names(nlp, "Two soldiers died when a mine exploded in Jalawla. The Islamic State of Iraq and the "
                        "Levant claimed the blast.")
    assert "Levant" not in found or found["Levant"].role == "qualifying"
    assert not any(m.place is not None and m.place.country3 == "USA" for m in found.values())


def test_a_group_named_beside_a_country_does_not_swallow_it(nlp):
    # guard: "Hamas and Israel" are two names, not one the dictionary knows
    found = _names(nlp, "Hamas and Israel agreed a truce in Cairo on Sunday.")
    assert found["Israel"].place.country3 == "ISR"


def test_a_place_whose_whole_name_is_a_place_holds_no_other(nlp):
    # "Gana-Ropp village" is a place the gazetteer lacks; its first half is no Indian town
    found = _names(nlp, "Herders shot dead four farmers in Gana-Ropp village, Barkin Ladi LGA, Nigeria.")
    assert "Gana" not in found and "Gana-Ropp" in found


def test_a_town_introduced_by_its_kind_is_not_a_shared_namesake_abroad(nlp):
    # "the city of Banga" in a story that writes Mozambique: towns of three other countries bear
    # the name, so the one abroad is a guess
    found = _names(nlp, "Police in Tete province, Mozambique, said rebels burned the market in the city of Banga.")
    assert found["Banga"].place is None or found["Banga"].place.country3 == "MOZ"
