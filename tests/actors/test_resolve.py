"""Resolving actor phrases: militaries, groups, organisations, generic sector words."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("Russian warplanes", ("Russia", "RUS", "MIL", None)),
    ("Russian aircraft", ("Russia", "RUS", "MIL", None)),
    ("the Syrian government", ("Syria", "SYR", "GOV", None)),
    ("Turkish jets", ("Turkey", "TUR", "MIL", None)),
    ("Iranian officials", ("Iran", "IRN", "GOV", None)),
    ("Russia's defence ministry", ("Russia", "RUS", "MIL", None)),
    ("the Syrian Arab Army", ("Syrian Arab Army", "SYR", "MIL", None)),
    ("IDF", ("Israel Defense Forces", "ISR", "MIL", None)),
    ("forces loyal to the Syrian government", ("Syria", "SYR", "MIL", None)),
])
def test_state_actors_take_their_country_from_the_phrase(resolve, text, expected):
    assert resolve(text) == expected


@pytest.mark.parametrize("text", ["government helicopters", "regime forces", "the army command",
                                  "government forces", "pro-government militias", "the regime"])
def test_state_words_without_a_country_take_the_implied_one(resolve, text):
    assert resolve(text, implied="SYR")[:2] == ("Syria", "SYR")
    assert resolve(text)[1] is None  # nothing implied: no country is invented


def test_plain_aircraft_do_not_borrow_the_story_country(resolve):
    # In a Syrian story "warplanes" may be Russian: only state words imply the state.
    assert resolve("warplanes", implied="SYR") == (None, None, "MIL", None)


@pytest.mark.parametrize("implied, expected", [
    ("SYR", ("US-led coalition", "USA", "MIL", None)),
    ("YEM", ("Saudi-led coalition", "SAU", "MIL", None)),
])
def test_coalition_depends_on_the_story_country(resolve, implied, expected):
    assert resolve("coalition aircraft", implied=implied) == expected


@pytest.mark.parametrize("text, expected", [
    ("ISIS", ("Islamic State", None, "REB", None)),
    ("Daesh", ("Islamic State", None, "REB", None)),
    ("the Islamic State group", ("Islamic State", None, "REB", None)),
    ("Jabhat al-Nusra", ("Nusra Front", "SYR", "REB", None)),
    ("Jabhat Fateh al-Sham", ("Nusra Front", "SYR", "REB", None)),
    ("HTS", ("Hayat Tahrir al-Sham", "SYR", "REB", None)),
    ("FSA", ("Free Syrian Army", "SYR", "REB", None)),
    ("Jaish al-Islam", ("Jaish al-Islam", "SYR", "REB", None)),
    ("Ahrar al-Sham", ("Ahrar al-Sham", "SYR", "REB", None)),
    ("the SDF", ("Syrian Democratic Forces", "SYR", "REB", None)),
    ("YPG", ("People's Protection Units", "SYR", "REB", None)),
    ("PKK", ("Kurdistan Workers' Party", "TUR", "REB", None)),
    ("al-Shabaab", ("al-Shabab", "SOM", "REB", None)),
    ("the Houthis", ("Houthis", "YEM", "REB", None)),
    ("Ansar Allah", ("Houthis", "YEM", "REB", None)),
    ("Hamas", ("Hamas", "PSE", "REB", None)),
    ("Islamic Jihad", ("Palestinian Islamic Jihad", "PSE", "REB", None)),
    ("AQAP", ("al-Qaeda in the Arabian Peninsula", "YEM", "REB", None)),
    ("JNIM", ("Jama'at Nusrat al-Islam wal-Muslimin", "MLI", "REB", None)),
    ("Wagner mercenaries", ("Wagner Group", "RUS", "UAF", None)),
    ("Hezbollah", ("Hezbollah", "LBN", "UAF", None)),
    ("Hezbollah fighters", ("Hezbollah", "LBN", "UAF", None)),
])
def test_armed_groups_by_any_alias(resolve, text, expected):
    assert resolve(text) == expected


def test_transnational_group_takes_the_story_country_where_it_operates(resolve):
    assert resolve("IS militants", implied="SYR")[:3] == ("Islamic State", "SYR", "REB")
    assert resolve("IS militants", implied="FRA")[:3] == ("Islamic State", None, "REB")


def test_acronyms_match_only_in_capitals(resolve):
    assert resolve("is") is None
    assert resolve("who") is None
    assert resolve("us") is None
    assert resolve("IS")[0] == "Islamic State"
    assert resolve("WHO")[0] == "World Health Organization"


@pytest.mark.parametrize("text, expected", [
    ("the U.N.", ("United Nations", None, "IGO", None)),
    ("the UN Security Council", ("UN Security Council", None, "IGO", None)),
    ("UNOSAT", ("UNOSAT", None, "IGO", None)),
    ("OCHA", ("OCHA", None, "AID", True)),
    ("UNHCR", ("UNHCR", None, "AID", True)),
    ("the World Food Programme", ("World Food Programme", None, "AID", True)),
    ("UNICEF", ("UNICEF", None, "AID", True)),
    ("the OPCW", ("OPCW", None, "IGO", None)),
    ("the ICRC", ("International Committee of the Red Cross", None, "AID", True)),
    ("IFRC", ("IFRC", None, "AID", True)),
    ("the Syrian Arab Red Crescent", ("Syrian Arab Red Crescent", "SYR", "AID", True)),
    ("the European Union", ("European Union", None, "IGO", None)),
    ("the Arab League", ("Arab League", None, "IGO", None)),
    ("NATO", ("NATO", None, "IGO", None)),
    ("Doctors Without Borders", ("Doctors Without Borders", None, "MED", True)),
    ("Médecins Sans Frontières", ("Doctors Without Borders", None, "MED", True)),
    ("Human Rights Watch", ("Human Rights Watch", None, "NGO", None)),
    ("Amnesty International", ("Amnesty International", None, "NGO", None)),
    ("the Syrian Observatory for Human Rights", ("Syrian Observatory for Human Rights", "SYR", "NGO", None)),
    ("the White Helmets", ("White Helmets", "SYR", "AID", True)),
])
def test_organisations_and_agencies(resolve, text, expected):
    assert resolve(text) == expected


def test_organisation_owner_keeps_a_protected_head_word(resolve):
    assert resolve("a UN aid convoy") == ("United Nations", None, "AID", True)
    assert resolve("UN officials") == ("United Nations", None, "IGO", None)


@pytest.mark.parametrize("text, sector", [
    ("activists", "CVL"), ("local residents", "CVL"), ("witnesses", "CVL"),
    ("rebels", "REB"), ("insurgents", "REB"), ("militants", "REB"), ("opposition fighters", "REB"),
    ("doctors", "MED"), ("medics", "MED"), ("journalists", "JRN"), ("reporters", "JRN"),
    ("refugees", "REF"), ("displaced families", "REF"), ("aid workers", "AID"), ("the convoy", "AID"),
    ("police", "COP"), ("officials", "GOV"), ("monitors", "NGO"), ("gunmen", "UAF"),
])
def test_generic_sector_words_have_no_country(resolve, text, sector):
    name, country, got, _ = resolve(text)
    assert (name, country, got) == (None, None, sector)


def test_non_state_owner_words_change_armed_heads(resolve):
    assert resolve("rebel forces")[2] == "REB"
    assert resolve("Kurdish forces", implied="SYR")[1:3] == ("SYR", "UAF")


def test_sponsor_is_not_the_owner(resolve):
    assert resolve("Iranian-backed militias") == (None, None, "UAF", None)
    assert resolve("Turkish-backed rebels")[1:3] == (None, "REB")


def test_possessives_articles_and_case_are_ignored(resolve):
    expected = resolve("Russian warplanes")
    assert resolve("the RUSSIAN WARPLANES") == expected
    assert resolve("Russia's warplanes")[1:3] == ("RUS", "MIL")


def test_longest_match_wins(resolve):
    assert resolve("Syrian Observatory for Human Rights")[0] == "Syrian Observatory for Human Rights"
    assert resolve("Pakistani Taliban")[0] == "Tehrik-i-Taliban Pakistan"


@pytest.mark.parametrize("text", ["", "   ", "the", "a sunny afternoon", "12 apples"])
def test_unknown_phrases_give_none(resolve, text):
    assert resolve(text) is None


def test_a_title_in_front_speaks_for_a_person_without_a_dated_role(resolve):
    assert resolve("U.N. Secretary-General Kofi Annan") == ("Kofi Annan", None, "IGO", None)
    assert resolve("Syrian Foreign Minister Walid al-Moallem")[:3] == ("Walid al-Moallem", "SYR", "GOV")
    # someone the dictionary does not know: the title alone decides
    assert resolve("Lebanese Prime Minister Hana Example")[1:3] == ("LBN", "GOV")


def test_common_word_names_yield_to_a_qualifier(resolve):
    assert resolve("the opposition coalition")[:3] == (None, None, "OPP")
    assert resolve("the coalition", implied="SYR")[0] == "US-led coalition"


def test_non_state_qualifiers_speak_for_spokesmen_and_leaders(resolve):
    assert resolve("a rebel spokesman")[2] == "REB"
    assert resolve("the opposition leader")[2] == "OPP"
    assert resolve("a Taliban spokesman")[:3] == ("Taliban", "AFG", "REB")


def test_an_adversary_is_not_an_owner(resolve):
    assert resolve("an anti-Assad journalist", "2016-01-01")[1:3] == (None, "JRN")


def test_nationals_and_peoples(resolve):
    assert resolve("Syrians") == ("Syria", "SYR", "CVL", None)
    assert resolve("Iraqi Kurds")[1:3] == ("IRQ", "CVL")
    assert resolve("12 people") == (None, None, "CVL", None)


def test_organisation_keeps_the_armed_head(resolve):
    assert resolve("UN peacekeepers") == ("United Nations", None, "MIL", None)


def test_coordinated_owners_share_the_head():
    from trucewatch.actors import resolve_actors

    refs = resolve_actors("Syrian and Russian warplanes")
    assert [(r.text, r.country, r.sector) for r in refs] == [
        ("Syrian", "SYR", "MIL"), ("Russian warplanes", "RUS", "MIL")]
    refs = resolve_actors("Syrian, Russian and Iranian forces")
    assert [r.country for r in refs] == ["SYR", "RUS", "IRN"]
    assert [r.sector for r in resolve_actors("women and children")] == ["CVL", "CVL"]
    refs = resolve_actors("Hezbollah and Iranian-backed militias")
    assert [(r.country, r.sector) for r in refs] == [("LBN", "UAF"), (None, "UAF")]
    assert resolve_actors("nothing known") == []


def test_former_office_holders_are_former_elites(resolve):
    assert resolve("the former Syrian president")[1:3] == ("SYR", "ELI")
    assert resolve("an ousted prime minister")[2] == "ELI"
    assert resolve("the Syrian president")[1:3] == ("SYR", "GOV")


def test_regions_are_not_countries(resolve):
    assert resolve("Latin American governments")[1] is None
    assert resolve("American jets")[1] == "USA"


@pytest.mark.parametrize("text, expected", [
    ("the European Community", ("European Community", None, "IGO", None)),
    ("EEC", ("European Community", None, "IGO", None)),
    ("the International Labor Office", ("International Labour Organization", None, "IGO", None)),
])
def test_older_and_labour_bodies_are_intergovernmental(resolve, text, expected):
    assert resolve(text) == expected
