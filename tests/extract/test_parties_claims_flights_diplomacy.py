"""Parties, claims on the right act, negation and flights, planned diplomacy (issue 10 items 4-7).

Every report is our own, written for these tests.
"""
from datetime import date

import pytest

PUBLISHED = date(2016, 3, 10)  # a Thursday


def main_of(run, text):
    return next(e for e in run(text, PUBLISHED) if e.main)


# ---------------------------------------------------------------- item 4: parties

@pytest.mark.parametrize("text, country", [
    ("Turkish drones struck a farm outside the town on Monday.", "TUR"),
    ("Iraqi helicopters fired rockets at a convoy on the highway.", "IRQ"),
    ("Israeli jets bombed a workshop in the south on Sunday.", "ISR"),
    ("US-led coalition aircraft hit an oil depot near the river.", "USA"),
    ("Emirati drones struck a camp near the port.", "ARE"),
])
def test_nationalities_and_forces_name_their_state(run, text, country):
    main = main_of(run, text)
    assert country in {a.country for a in main.actors}


@pytest.mark.real_places
def test_regime_artillery_is_the_story_country_forces(run):
    events = run("Regime artillery shelled the town of Kafr Zita in Hama province on Monday.", PUBLISHED)
    main = next(e for e in events if e.main)
    assert {a.country for a in main.actors} == {"SYR"}


def test_a_faction_of_a_group_keeps_the_group(run):
    main = main_of(run, "The al-Nour faction of Hayat Tahrir al-Sham attacked an army post near the dam.")
    assert "Hayat Tahrir al-Sham" in {a.name for a in main.actors}


def test_a_claimant_capital_is_its_government(run):
    main = main_of(run, "Jets bombed a bakery in the old quarter on Monday. Tehran blamed the coalition.")
    accusations = [c for c in main.claims if c.stance == "accuses"]
    assert accusations and accusations[0].claimant.country == "IRN"
    assert accusations[0].claimant.sector == "GOV"


# ---------------------------------------------------------------- item 5: claims on the right act

@pytest.mark.parametrize("text, denier", [
    ("An air strike hit a bakery on Monday, killing five people. Activists blamed Turkish drones. "
     "Ankara denies this.", "TUR"),
    ("A drone strike killed four shepherds on Sunday. Local officials accused Iran. Tehran denied "
     "any involvement.", "IRN"),
    ("Shelling hit the old market, killing three children. The rebels blamed the army, which "
     "rejected the accusation.", None),
    ("A grenade thrown into a cafe wounded nine people on Friday. Witnesses blamed the police. "
     "The interior ministry denied any hand in the attack.", None),
])
def test_a_later_denial_is_a_claim_on_the_act_not_an_event(run, text, denier):
    events = run(text, PUBLISHED)
    assert not [e for e in events if e.type == "denial"]
    main = next(e for e in events if e.main)
    denials = [c for c in main.claims if c.stance == "denies"]
    assert denials
    if denier:
        assert denials[0].claimant.country == denier
    assert [c for c in main.claims if c.stance == "accuses"]


@pytest.mark.parametrize("text, name, country", [
    ("Gunmen shot dead a school teacher in Kandahar on Friday, police said. A provincial official "
     "blamed the Taliban. The insurgents rejected the charge on Saturday.", "Taliban", "AFG"),
    ("A bomb wrecked a minibus on the road out of Saada on Monday, killing six passengers. "
     "Tribal elders accused the Houthis. The rebels denied any part in it.", "Houthis", "YEM"),
])
def test_a_denier_described_only_as_the_accused_kind_is_the_accused(run, text, name, country):
    main = main_of(run, text)
    denials = [c for c in main.claims if c.stance == "denies"]
    assert denials and denials[0].claimant.name == name and denials[0].claimant.country == country


def test_a_described_denier_of_another_kind_than_the_accused_stays_unnamed(run):
    # soldiers are not the armed group that was accused: the description names nobody
    main = main_of(run, "Gunmen shot dead a school teacher in Kandahar on Friday, police said. A provincial "
                        "official blamed the Taliban. The soldiers denied the charge on Saturday.")
    denials = [c for c in main.claims if c.stance == "denies"]
    assert all(c.claimant.name != "Taliban" for c in denials)


def test_an_accused_armed_group_is_named_in_the_claim(run):
    main = main_of(run, "A car bomb exploded outside a police station in Kirkuk. Officials blamed Islamic State.")
    assert [c.value for c in main.claims if c.stance == "accuses"] == ["Islamic State"]


# ---------------------------------------------------------------- item 6: negation and flights

def test_circling_without_dropping_is_a_flight_and_no_strike(run):
    events = run("Helicopters circled over Saraqib for an hour without dropping anything.", PUBLISHED)
    kinds = {(e.type, e.status) for e in events}
    assert ("military_flight", "occurred") in kinds
    assert ("air_strike", "negated") in kinds


@pytest.mark.parametrize("text", [
    "Military flights over the city continued through the night.",
    "Jets flew over the northern districts on Monday.",
    "A reconnaissance flight was seen over the valley on Sunday.",
    "Drones overflew the camp twice on Tuesday.",
])
def test_overflights_are_military_flights(run, text):
    assert "military_flight" in {e.type for e in run(text, PUBLISHED)}


def test_a_strike_that_did_not_happen_is_negated(run):
    events = run("Jets flew over the town on Monday but did not strike.", PUBLISHED)
    assert ("air_strike", "negated") in {(e.type, e.status) for e in events}


# ---------------------------------------------------------------- item 7: planned diplomacy

def test_would_fly_to_two_capitals_is_a_planned_visit(run):
    events = run("The envoy said he would fly to Ankara and Tehran on Tuesday and Wednesday.", PUBLISHED)
    visits = [e for e in events if e.type == "visit"]
    assert visits and visits[0].status == "planned"


def test_would_meet_is_a_planned_meeting(run):
    events = run("The envoy would meet the foreign minister on Tuesday, his office said.", PUBLISHED)
    assert ("meeting", "planned") in {(e.type, e.status) for e in events}


def test_talks_that_opened_are_a_meeting_that_occurred(run):
    events = run("Talks between the two delegations opened on Saturday in Geneva.", PUBLISHED)
    assert ("meeting", "occurred") in {(e.type, e.status) for e in events}


def test_the_purpose_of_a_planned_trip_is_no_more_than_planned(run):
    events = run("The envoy will travel to Amman next week to seek support for a truce.", PUBLISHED)
    assert all(e.status != "occurred" for e in events)


def test_pressing_for_a_truce_asks_for_it(run):
    events = run("The envoy is pressing for a truce in the north.", PUBLISHED)
    truces = [e for e in events if e.type.startswith("ceasefire")]
    assert truces and all(e.status == "hypothetical" for e in truces)
