"""Names the tagger cuts or mislabels, and stories that name their town but no country (issue 11).

Our own example sentences. Each test names the mechanism: a part of a joined name is not a place,
an apostrophe inside a name does not end it, a name read as a date is still a name, a country that
only says whose forces act does not say where the story is, written context filters namesakes, and
the countries of a story's actors choose among namesakes when its places say no country.
"""
import pytest

from trucewatch.extract.actor_countries import actor_countries
from trucewatch.extract.name_spans import whole_names
from trucewatch.extract.where import locate, story_places
from trucewatch.places import resolve


def _places(nlp, text):
    return story_places(nlp(text))


def _country_of(nlp, text, name):
    """The country of the first mention written `name`, or None (no such mention, or unresolved)."""
    mention = next((m for m in _places(nlp, text) if m.text == name), None)
    return mention.place.country if mention is not None and mention.place is not None else None


def _place_of(nlp, text, trigger):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return locate(doc, token.sent, token, story_places(doc))


@pytest.mark.parametrize("text, name, country", [
    ("A roadside bomb hit a bus in Sar-e Pol city on Monday.", "Sar-e Pol", "AF"),
    ("Gunmen stormed a checkpoint on the edge of Qala i Naw overnight.", "Qala i Naw", "AF"),
    ("A grenade was thrown at a shop in Mazar-e-Sharif on Friday.", "Mazar-e-Sharif", "AF"),
])
def test_a_name_cut_at_its_joiners_is_read_whole(nlp, text, name, country):
    mentions = _places(nlp, text)
    whole = [m for m in mentions if m.text == name]
    assert whole and whole[0].place is not None and whole[0].place.country == country
    # no part of it stands alone as some other place ("Qala" in Malta, "Sar-e" in Canada)
    assert all(m.text == name for m in mentions if m.start < whole[0].end and whole[0].start < m.end)


def test_a_joined_name_the_gazetteer_lacks_is_kept_whole_not_as_its_first_part(nlp):
    location = _place_of(nlp, "Two farmers were shot in the municipality of Villa del Tormento, Meta "
                              "Department, on Sunday.", "shot")
    assert location is not None and location.country == "COL"
    assert "Villa" != (location.text or "")


def test_two_places_joined_by_a_bare_hyphen_stay_two(nlp):
    doc = nlp("Shelling closed the Homs-Hama road again on Tuesday.")
    homs = next(t.i for t in doc if t.text == "Homs")
    # a tagger's span on "Homs" is not widened into "Homs-Hama": both parts are places of their own
    assert whole_names(doc, [(homs, homs + 1, "GPE")]) == [(homs, homs + 1, "GPE")]


@pytest.mark.parametrize("text, name", [
    ("Rebels stormed Dara’a from the south at dawn.", "Dara’a"),
    ("Jets struck Ma’arat al-Nu’man twice on Sunday.", "Ma’arat al-Nu’man"),
])
def test_an_apostrophe_inside_a_name_does_not_end_it(nlp, text, name):
    mentions = _places(nlp, text)
    assert any(m.text.startswith(name.split()[0]) and m.place is not None and m.place.country == "SY"
               for m in mentions)


def test_a_name_the_tagger_read_as_a_date_is_still_a_name(nlp):
    text = "A shopkeeper was killed in Mayadeen in the eastern province of Deir ez-Zor."
    assert any(m.text == "Mayadeen" and m.place is not None and m.place.country == "SY"
               for m in _places(nlp, text))


def test_feast_days_stay_dates(nlp):
    mentions = _places(nlp, "The two sides held their fire over Christmas Eve, and again over Ramadan.")
    assert not any(m.text in ("Christmas", "Christmas Eve", "Ramadan") for m in mentions)


def test_a_name_run_on_into_plain_words_keeps_its_place(nlp):
    # the tagger may read "Aleppo for the fifth straight day" as one title
    text = "Warplanes kept up their raids on Aleppo for the fifth straight day, residents said."
    assert any(m.text == "Aleppo" and m.place is not None and m.place.country == "SY"
               for m in _places(nlp, text))


def test_a_country_that_only_says_whose_forces_speak_does_not_exclude_the_town(nlp):
    text = "A parked car exploded in Tal Afar on Tuesday, killing two, the US military said."
    location = _place_of(nlp, text, "exploded")
    assert location is not None and location.country == "IRQ" and location.name == "Tal Afar"


def test_the_country_written_after_a_province_filters_its_namesakes():
    # "Northern Province" is also an old name of a South African province: "of Afghanistan" rules it out
    found = resolve("Northern Province", context={"nearby": ["Afghanistan"]})
    assert found is None or found.country == "AF"


def test_a_neighbourhood_written_in_its_city_is_the_act_place_with_the_city_point(nlp):
    text = "A bomb went off in the Qurtuba neighbourhood in central Baghdad, killing three."
    location = _place_of(nlp, text, "went")
    assert location is not None and location.country == "IRQ"
    assert "Qurtuba" in (location.note or location.text or "")


@pytest.mark.parametrize("text, countries", [
    ("Taliban fighters attacked a police post at night.", ("AF",)),
    ("Malian soldiers and Boko Haram fighters were named in the report.", ("ML", "NG")),
    # armed groups whose home the actor dictionary knows (groups.yaml)
    ("ADF rebels raided two villages overnight.", ("CD",)),
    ("ELN guerrillas blew up a stretch of pipeline.", ("CO",)),
    ("Abu Sayyaf gunmen seized three fishermen.", ("PH",)),
    # a group fighting in two countries names neither
    ("Lashkar-e-Taiba militants attacked a bunker.", ()),
])
def test_a_story_s_actors_say_which_countries_it_is_about(nlp, text, countries):
    assert set(actor_countries(nlp(text))) == set(countries)


def test_actor_countries_choose_among_namesakes_when_no_place_names_a_country(nlp):
    # "Diban" is a town in Syria and another in Mali; the SDF places the story in Syria
    text = "Gunmen killed three fighters of the Syrian Democratic Forces in the market of Diban."
    assert _country_of(nlp, text, "Diban") == "SY"


def test_a_known_group_places_a_story_that_names_no_country(nlp):
    # "Beni" is a town in DR Congo and a department of Bolivia; the ADF fight in North Kivu
    text = "ADF rebels killed seven civilians with machetes near Beni overnight."
    assert _country_of(nlp, text, "Beni") == "CD"


def test_a_people_s_name_before_its_noun_is_no_town_of_that_name(nlp):
    text = "A car bomb struck Sunni worshippers outside a mosque in Ramadi on Friday."
    location = _place_of(nlp, text, "struck")
    assert location is not None and location.name == "Ramadi"
    assert not any(m.text == "Sunni" and m.place is not None and m.place.precision == "city"
                   for m in _places(nlp, text))


def test_a_name_spelled_with_and_is_one_place_and_its_district_is_the_act_place(nlp):
    text = "Militants threw a grenade at an army post in Jammu and Kashmir's Kupwara district."
    mentions = _places(nlp, text)
    assert any(m.text == "Jammu and Kashmir" for m in mentions)
    assert not any(m.text == "Jammu" for m in mentions)
    location = _place_of(nlp, text, "threw")
    assert location is not None and "Kupwara" in location.text


def test_two_towns_joined_by_and_stay_two(nlp):
    mentions = _places(nlp, "Shelling hit villages between Homs and Hama on Monday.")
    assert {"Homs", "Hama"} <= {m.text for m in mentions}


def test_a_name_the_tagger_split_in_two_is_read_whole(nlp):
    text = "Two fighters were killed by a roadside bomb near Tal Afar city in northern Iraq."
    mentions = _places(nlp, text)
    assert any(m.text == "Tal Afar" and m.place is not None and m.place.country == "IQ" for m in mentions)
    assert not any(m.text == "Afar" for m in mentions)  # the Ethiopian region of that name


def test_a_small_namesake_abroad_is_unknown_when_the_story_names_its_country(nlp):
    # no town called "Kodjari" lies in Burkina Faso in the gazetteer; a namesake abroad is no answer
    text = "In Burkina Faso, a convoy hit a landmine near the Kodjari gold mine, killing two gendarmes."
    location = _place_of(nlp, text, "hit")
    assert location is None or location.country == "BFA"


@pytest.mark.parametrize("text, trigger, country", [
    # the Taliban are placed in Afghanistan by the dictionary; the story names Pakistan's Peshawar
    ("Taliban gunmen attacked a school in Peshawar, Pakistan, on Monday.", "attacked", "PAK"),
    # the neighbour across a border is a reference point
    ("In Niger, gunmen attacked a camp on the border with Mali, killing four refugees.", "attacked", "NER"),
    # people from a country are not the place of the act
    ("Four engineers from Turkey were among nine people killed when a bomb exploded in Kandahar.",
     "exploded", "AFG"),
    # nor is the country whose base it is
    ("A suicide bomber struck outside a US base in eastern Afghanistan, killing four soldiers.", "struck", "AFG"),
])
def test_the_act_place_is_where_the_story_says_it_was(nlp, text, trigger, country):
    location = _place_of(nlp, text, trigger)
    assert location is not None and location.country == country


def test_the_country_before_a_capital_of_x_restricts_x(nlp):
    assert _country_of(nlp, "Jets struck a depot south of the Yemen capital of Sanaa on Monday.", "Sanaa") == "YE"


@pytest.mark.parametrize("text, trigger, name", [
    ("Five herders were killed near Um Dukhun Wells in South Darfur on Friday.", "killed", "Um Dukhun Wells"),
    ("Soldiers raided a farm in Kasara Ndogo, a hill village east of Goma.", "raided", "Kasara Ndogo"),
    ("A mine exploded as a patrol drove through Velankeni area in Jaffna district.", "exploded", "Velankeni"),
])
def test_a_name_the_gazetteer_lacks_written_as_lying_in_a_place_is_the_act_place(nlp, text, trigger, name):
    location = _place_of(nlp, text, trigger)
    assert location is not None and location.lat is not None  # the point of the place around it
    assert name in (location.note or "") or location.text == name


def test_a_word_that_begins_like_an_article_does_not_glue_a_name():
    from trucewatch.extract.name_spans import glued_article

    class Word:  # the only attribute the check reads
        def __init__(self, text):
            self.text = text

    assert glued_article(Word("al")) and glued_article(Word("al-Sham"))
    assert not glued_article(Word("area")) and not glued_article(Word("Assad"))


def test_a_country_that_opens_the_next_clause_is_no_apposition(nlp):
    text = "To drive the militants out of Sirte, the US flew air strikes for months."
    assert _country_of(nlp, text, "Sirte") == "LY"


def test_a_lower_case_word_is_never_a_place_whatever_the_tagger_says(nlp):
    text = "Raiders burned houses in Gidan Waya and stole goods worth thousands of naira."
    assert not any(m.text == "naira" for m in _places(nlp, text))


def test_every_name_in_a_list_of_settlements_is_a_place(nlp):
    text = "In the province of Homs, gunmen shelled the settlements of Talbiseh, Rastan and Ghantu."
    names = {m.text for m in _places(nlp, text) if m.place is not None}
    assert {"Talbiseh", "Rastan"} <= names
    location = _place_of(nlp, text, "shelled")
    assert location is not None and location.name in ("Talbiseh", "Talbisah", "Rastan", "Ar Rastan")


@pytest.mark.parametrize("text, trigger, site, town", [
    ("Rebels stormed the Al-Nour Gas Fields in the eastern countryside of Homs on Friday.", "stormed",
     "Al-Nour Gas Fields", "Homs"),
    ("A car bomb exploded outside the Bab al-Qibla shrine in Karbala, killing four.", "exploded",
     "Bab al-Qibla", "Karbala"),
    ("A car bomb exploded outside the Qubbat Khadra Mosque in Karbala, killing four.", "exploded",
     "Qubbat Khadra Mosque", "Karbala"),
])
def test_a_named_site_is_the_act_place_at_the_point_of_its_town(nlp, text, trigger, site, town):
    location = _place_of(nlp, text, trigger)
    assert location is not None and location.name is not None and town in location.name
    assert site in (location.note or "")


def test_a_town_measured_from_a_named_site_is_a_reference_point(nlp):
    text = "Militants attacked the Sheikh Najjar Industrial Zone near Aleppo overnight."
    location = _place_of(nlp, text, "attacked")
    assert location is not None and "Najjar Industrial Zone" in (location.note or location.text or "")


def test_a_town_followed_by_a_site_noun_stays_the_town(nlp):
    # "the Rafah terminal", "a Winnipeg jail": the town is the place, not a site named after it
    mentions = _places(nlp, "Crowds gathered at the Rafah terminal on Sunday.")
    assert any(m.text == "Rafah" and m.place is not None for m in mentions)


def test_a_nationality_before_a_place_noun_is_no_place_name(nlp):
    mentions = _places(nlp, "Shells hit homes in the Somali capital overnight.")
    assert not any(m.label == "KIND" and m.text == "Somali" for m in mentions)


def test_a_person_s_home_town_is_not_the_act_place(nlp):
    text = "Sergeant Yossi Levi, 39, of Beersheba, was killed when militants fired on his car south of Hebron."
    location = _place_of(nlp, text, "killed")
    assert location is not None and location.name == "Hebron"
