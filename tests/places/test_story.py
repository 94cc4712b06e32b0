"""Resolving a story's names together: context from the other names, prominence, contained names."""
from trucewatch.places import resolve
from trucewatch.places.story import StoryName, resolve_story


def test_other_names_in_the_story_choose_between_namesakes():
    lebanon = resolve_story(["Tripoli", "Beirut", "Sidon"])
    libya = resolve_story(["Tripoli", "Benghazi", "Misrata"])
    assert lebanon[0].country == "LB"
    assert libya[0].country == "LY"


def test_a_name_never_vouches_for_itself_whatever_its_case():
    # Alone, a repeated name must resolve exactly as a single mention would.
    alone = resolve_story(["Arlington"])[0]
    repeated = resolve_story(["Arlington", "ARLINGTON"])
    assert repeated[0].id == repeated[1].id == alone.id


def test_appositive_name_decides():
    # "Tripoli, Lebanon" in a story that also speaks of Libya and Benghazi.
    places = resolve_story([StoryName("Tripoli", nearby=("Lebanon",)), "Lebanon", "Libya", "Benghazi"])
    assert places[0].country == "LB" and places[2].country == "LY"


def test_names_that_do_not_lend_context_are_still_resolved():
    places = resolve_story([StoryName("Aleppo", vouches=False), "Damascus"])
    assert places[0] is not None and places[0].country == "SY"


def test_a_bare_capital_name_means_the_capital():
    assert resolve("Paris").country == "FR"
    assert resolve("London").country == "GB"


def test_a_county_seat_is_not_more_prominent_than_a_bigger_namesake():
    # Arlington, Texas (about 390,000 people) over Arlington, Virginia (a county seat, about 210,000).
    assert resolve("Arlington").admin1 == "Texas"


def test_display_name_is_the_common_english_name():
    hama = resolve("Hama")
    assert hama.name == "Hama" and hama.country == "SY"
    assert resolve("Ḩamāh").id == hama.id


def test_formal_country_names_resolve_to_the_country():
    assert resolve("Russian Federation").fcode == "PCLI"
    assert resolve("Syrian Arab Republic").country == "SY"


def test_a_name_beginning_with_a_well_known_place_is_located_there_with_a_note():
    place = resolve("Damascus International Fairground Complex")
    assert place is not None and place.country == "SY" and place.fclass == "P"
    assert place.match < 0.95 and "named in" in place.note
    assert resolve("Damascus International Fairground Complex", fuzzy=False) is None


def test_a_street_named_after_a_hamlet_stays_unknown():
    assert resolve("Qwertyville Lane Extension") is None
