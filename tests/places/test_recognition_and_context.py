"""Every report's place, wherever the sentence puts it, and never invented (issue 11).

Each report is our own, written for these tests; places are real towns.
"""
import pytest

from trucewatch.extract import extract
from trucewatch.extract.place_names import calendar_words, is_abbreviation, is_word_not_name
from trucewatch.places.wordstats import is_common_word


def place_of(text: str):
    events = [e for e in extract(text).events if e.status != "background"]
    main = next(e for e in events if e.main)
    return main.location


@pytest.mark.parametrize("text, country, name_part", [
    # objects of strike verbs, whatever the tagger called them
    ("Warplanes struck Saraqib on Monday, killing six people.", "SYR", "Saraqib"),
    ("Houthi fighters stormed Taiz at dawn, killing two soldiers.", "YEM", "izz"),
    ("Helicopters dropped barrel bombs on Maarat al-Numan, wounding ten people.", "SYR", "Ma"),
    ("Russian jets pounded Ariha and Jisr al-Shughur overnight.", "SYR", ""),
    ("Militants raided a checkpoint in Dera Ismail Khan, killing three policemen.", "PAK", "Dera Ismail Khan"),
    ("Gunmen killed two traders in the city of Qamishli on Friday.", "SYR", "Qamishli"),
    ("A bomb exploded at a bus stop in Kidal, wounding four people.", "MLI", "Kidal"),
])
def test_towns_are_found_in_any_position(text, country, name_part):
    location = place_of(text)
    assert location is not None and location.country == country
    assert name_part in (location.name or "")
    assert location.precision == "city"


@pytest.mark.parametrize("word", ["Western", "Battle", "Vice", "Police", "Sep", "Jul", "Mon"])
def test_words_are_not_names_by_evidence(word):
    assert is_word_not_name(word)


def test_common_words_come_from_usage_not_a_list_of_cases():
    assert is_common_word("Western") and is_common_word("Battle")
    assert not is_common_word("Aleppo") and not is_common_word("Syrian")  # names, never lower case
    assert not is_common_word("US")  # capitals: an abbreviation, not the word "us"
    assert {"sep", "sept", "jul", "tue", "march"} <= calendar_words()


@pytest.mark.parametrize("text", ["SDF", "HTS", "ELN", "U.N."])
def test_initials_are_abbreviations(text):
    assert is_abbreviation(text)


@pytest.mark.parametrize("text, not_country", [
    ("SDF fighters shelled a village near Raqqa on Sunday.", "USA"),  # "SDF" is an airport code
    ("HTS militants attacked an army post near Saraqib.", "USA"),
    ("Police District 3 reported that gunmen shot a shopkeeper in Mosul.", "POL"),
    ("KIDAL, Sep 12 (Sahel Wire) - Gunmen attacked a checkpoint outside the town.", "CAN"),
])
def test_abbreviations_and_datelines_do_not_become_places_abroad(text, not_country):
    location = place_of(text)
    assert location is None or location.country != not_country


def test_a_dateline_town_in_capitals_is_the_story_place():
    location = place_of("KIDAL, March 12 (Sahel Wire) - Gunmen attacked a checkpoint outside the town.")
    assert location is not None and location.country == "MLI"


@pytest.mark.parametrize("text, country", [
    ("A car bomb exploded near a mosque in Tripoli, Lebanon, on Friday.", "LBN"),
    ("A car bomb exploded near a mosque in Tripoli, Libya, on Friday.", "LBY"),
    ("Three soldiers were killed in the Kech district of Balochistan, Pakistan.", "PAK"),
    ("Gunmen killed a herder in a village in Borno on Sunday.", "NGA"),
])
def test_written_context_is_a_filter(text, country):
    location = place_of(text)
    assert location is not None and location.country == country


def test_a_story_that_names_its_country_keeps_small_namesakes_out():
    # "Ketsch" in Germany is also written "Kech"; the report names Pakistan
    location = place_of("Six policemen were killed in Kech district in the Pakistani province of Balochistan.")
    assert location is not None and location.country == "PAK"


@pytest.mark.parametrize("text", [
    "An air strike hit a market in Saraqib on Monday. Activists blamed Russian jets. Moscow denied it.",
    "Artillery shelled a village near Azaz on Sunday, the monitor said. Ankara said it had fired at militants.",
])
def test_a_claimant_capital_is_the_government_not_the_place(text):
    main = next(e for e in extract(text).events if e.main)
    assert main.location is not None and main.location.country == "SYR"


def test_a_nationality_is_not_the_act_place():
    location = place_of("US-led coalition jets struck an oil field near Deir ez-Zor, killing four.")
    assert location is not None and location.country == "SYR"


@pytest.mark.parametrize("text, precision", [
    ("Shelling hit Hama on Friday, killing a child.", "city"),
    ("Shelling hit Hama province on Friday, killing a child.", "admin1"),
    ("Clashes broke out in the western countryside of Idlib.", "admin1"),
    ("Shelling hit the Idlib countryside overnight.", "admin1"),
    ("Jets struck rural Damascus on Monday.", "admin1"),
])
def test_town_over_its_same_name_area_unless_the_text_says_area(text, precision):
    location = place_of(text)
    assert location is not None and location.precision == precision


def test_a_district_named_after_its_town_does_not_take_the_town_name():
    location = place_of("SDF fighters captured Manbij from the militants on Friday.")
    assert location.precision == "city" and location.name == "Manbij"


def test_n_km_north_of_a_town_moves_the_point_and_says_so():
    here = place_of("A roadside bomb killed two soldiers 12 km north of Hama on Monday.")
    town = place_of("A roadside bomb killed two soldiers in Hama on Monday.")
    assert here.name == town.name == "Hama"
    assert here.lat == pytest.approx(town.lat + 12 / 111.2, abs=0.01)
    assert "12 km north" in here.note


def test_a_reference_point_gives_way_to_the_place_measured_from_it():
    location = place_of("A car bomb killed five people in Samarra, 110 km north of Baghdad.")
    assert "Samarra" in location.name


def test_outskirts_and_near_keep_the_town_with_a_note():
    location = place_of("Jets struck the outskirts of Raqqa on Sunday.")
    assert location.precision == "city" and "outskirts" in location.note


def test_a_village_the_gazetteer_lacks_takes_the_known_place_around_it_with_a_note():
    location = place_of("Gunmen attacked the village of Umm Tuwaynah near Maiduguri, killing nine.")
    assert location is not None and location.country == "NGA"
    assert "Umm Tuwaynah" in (location.note or "")


@pytest.mark.parametrize("text, name_part", [
    # a town that names the act ("the Mosul bombing") is where it was; a country ("US strikes") is whose
    ("The 2009 Peshawar bombings: three car bombs exploded near a market, killing 40 people.", "Peshawar"),
    # a town that only qualifies a participant, when the sentence names no other place
    ("A Kano traffic warden was stabbed to death by a man on Friday.", "Kano"),
    ("A deputy of the Mogadishu police commander was shot dead outside his home.", "Mogadishu"),
    # a town the parser made a subject is no government that acts
    ("Gunmen fired grenades at the offices of a party, the Union of Democrats in Iraq, in Tikrit killing two.",
     "Tikrit"),
    # a name's own kind word, and "the <Name> Province"
    ("Militants ambushed a police convoy in northeast Nigeria's Yobe state, killing four officers.", "Yobe"),
    ("A roadside bomb exploded in the Kunar Province, killing three soldiers.", "Kunar"),
])
def test_towns_that_qualify_or_head_a_phrase_still_place_the_act(text, name_part):
    location = place_of(text)
    assert location is not None and name_part in location.name


def test_a_country_that_qualifies_an_act_is_not_its_place():
    location = place_of("US strikes killed six fighters near the border on Monday, the ministry in Kabul said.")
    assert location is None or location.country != "USA"


@pytest.mark.parametrize("text, country, name_part", [
    # the country is written, though the tagger took it for an organisation: the namesake there
    ("Suicide bombers struck a market in Cameroon's Far North region on Friday. The blast in Mora "
     "killed four traders.", "CMR", "Mora"),
    # an area in brackets after a town restricts it as a comma does
    ("Rebels ambushed an army patrol near Segovia (Antioquia), killing three soldiers.", "COL", "Segovia"),
    # a lower-case particle inside a name: the whole name, not the capital its last word spells
    ("Insurgents burned homes in Mocimboa da Praia on Tuesday, killing two people.", "MOZ", "Mocimboa"),
])
def test_written_countries_brackets_and_particles_keep_namesakes_abroad_out(text, country, name_part):
    location = place_of(text)
    assert location is not None and location.country == country and name_part in (location.name or "")


def test_an_armed_group_tagged_as_a_facility_is_no_place():
    location = place_of("Two farmers were killed in a Boko Haram raid at dawn.")
    assert location is None or location.country != "AFG"


def test_a_capital_written_as_a_place_is_not_the_government_acting():
    main = next(e for e in extract("Three shoppers were hurt in the Nairobi market bombing.").events if e.main)
    assert not [a for a in main.actors if a.sector == "GOV"]
    assert main.type == "bombing"


@pytest.mark.parametrize("text, country, precision", [
    # "the city of X" asks for the town: not the same-name department across the world
    ("Rebels raided a village in the city of Beni on Sunday, killing seven people.", "COD", "city"),
    # a nationality before "town of" names the country, though a region of another is spelled alike
    ("A car bomb killed nine people in the central Somali town of Beledweyne.", "SOM", "city"),
])
def test_a_settlement_noun_and_a_nationality_guide_the_namesake(text, country, precision):
    location = place_of(text)
    assert location is not None and location.country == country and location.precision == precision


def test_a_particle_glues_a_name_whose_first_word_is_another_place():
    # "wa" joins the district's name; its first word alone is a town in another country
    location = place_of("A mine exploded during a football match in the Tala wa Barfak district, "
                        "killing four spectators.")
    assert location is None or location.country == "AFG"


@pytest.mark.parametrize("text, country", [
    # a village the gazetteer lacks: its loose look-alike abroad is a guess, the named region is not
    ("Gunmen on motorbikes attacked a militia post in Talataye in the Gao region of Mali, killing "
     "eleven fighters.", "MLI"),
    # a town and its country tagged as one name
    ("A bomb went off at a bus park in the northern town of Biu, Nigeria, killing six traders.", "NGA"),
])
def test_no_place_abroad_when_the_text_names_the_country(text, country):
    location = place_of(text)
    assert location is not None and location.country == country


@pytest.mark.parametrize("text, name", [
    # a part word after "in", or the parts around a place, say a name the gazetteer lacks is a place
    ("Shells fell on a school in central Qaryat Nour, wounding six pupils.", "Qaryat Nour"),
    ("Rebels overran an army post on the outskirts of Tell Basal Saghir.", "Tell Basal Saghir"),
])
def test_a_part_or_the_outskirts_of_an_unknown_name_make_it_a_place(text, name):
    location = place_of(text)
    assert location is not None and name in location.text


def test_a_part_word_does_not_make_a_person_a_place():
    # guard: "central" only counts after a locative preposition
    location = place_of("Central Maria Okonjo said gunmen attacked the convoy on Friday.")
    assert location is None or "Okonjo" not in (location.text or "")


@pytest.mark.parametrize("text, name", [
    # a place noun before a name that is also an English word makes it a place ("in Reading" was
    # already one; "the town of Reading", "the town of Tame" were not)
    ("Gunmen shot two men in the town of Reading on Friday.", "Reading"),
    ("A grenade wounded three officers at a checkpoint in the town of Tame in Arauca Department.", "Tame"),
])
def test_a_place_noun_makes_a_common_word_a_place(text, name):
    location = place_of(text)
    assert location is not None and location.name == name
