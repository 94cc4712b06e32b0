"""Headline grammar, parenthetical sources, launch points, earlier acts and whose side a force is on.

Every sentence is our own, written for these tests (issue 10 items 1, 2, 3, 5 and 7).
"""
from datetime import date

import pytest

PUBLISHED = date(2016, 3, 10)
pytestmark = pytest.mark.real_places


def main_event(run, text):
    return next(e for e in run(text, PUBLISHED) if e.main)


# --- headlines -------------------------------------------------------------------------------

@pytest.mark.parametrize("headline", [
    "Mediator to visit Khartoum and Juba in bid to rescue Darfur truce",
    "Foreign ministers to meet in Muscat over Yemen ceasefire",
    "Red Cross chief to travel to Maiduguri next week",
])
def test_a_headline_infinitive_is_a_plan(run, headline):
    text = headline + "\n\nThe visit was announced by the organisation's office on Monday, officials said."
    events = run(text, PUBLISHED)
    first = next(e for e in events if any(s.start == 0 for s in e.evidence))
    assert first.status == "planned"


def test_an_infinitive_inside_a_sentence_is_not_a_headline_plan(run):
    events = run("He was the first envoy to visit Aden since the war began.", PUBLISHED)
    assert all(e.status != "planned" for e in events if e.type == "visit")


@pytest.mark.parametrize("text", [
    "Envoys push to save Idlib truce\n\nEnvoys from three countries met in Geneva on Monday.",
    "Both sides said on Sunday they would respect the ceasefire in Hodeidah.",
    "Mediators worked through the night to salvage the truce in Tripoli.",
])
def test_keeping_a_truce_in_force_is_no_new_truce(run, text):
    events = run(text, PUBLISHED)
    assert not [e for e in events if e.type == "ceasefire_agreed" and e.status == "occurred"]


def test_the_words_after_a_headline_do_not_change_how_it_is_read(run):
    alone = run("Aid agencies to send convoy to Madaya in push to save town truce", PUBLISHED)
    with_body = run("Aid agencies to send convoy to Madaya in push to save town truce\n\n"
                    "BEIRUT (Own Wire) - Agencies said the convoy would leave on Thursday.", PUBLISHED)
    assert not [e for e in alone if e.type == "ceasefire_agreed"]
    assert not [e for e in with_body if e.type == "ceasefire_agreed"]


@pytest.mark.parametrize("headline, victims", [
    ("Four protesters shot dead in Khartoum", "protesters"),
    ("Two demonstrators killed in Baghdad", "demonstrators"),
])
def test_a_headline_passive_without_were_names_the_victims(run, headline, victims):
    main = main_event(run, headline + "\n\nWitnesses said the shooting happened near the main bridge.")
    assert main.acled.sub_event_type == "Excessive force against protesters"
    assert victims in " ".join(t.text for t in main.targets)
    assert not any(victims in a.text for a in main.actors)


# --- sources in the middle of a sentence ------------------------------------------------------

def test_a_participle_after_a_parenthetical_source_belongs_to_the_quoted_act(nlp):
    doc = nlp("Twenty fighters surrendered to the army in Jowhar on Friday, the governor said, "
              "handing over 14 rifles.")
    handing = next(t for t in doc if t.lower_ == "handing")
    assert handing.head.lower_ == "surrendered"
    doc = nlp("Jets bombed a bakery in Ariha, a monitor said, citing medics.")
    assert next(t for t in doc if t.lower_ == "citing").head.lower_ == "said"


def test_surrender_with_weapons_handed_over_is_a_surrender_the_source_vouches_for(run):
    main = main_event(run, "Twenty fighters surrendered to the army in Jowhar on Friday, the governor "
                           "said, handing over 14 rifles.")
    assert main.type == "surrender"
    assert main.acled.sub_event_type == "Agreement"
    assert any(c.claimant.text == "the governor" for c in main.claims)


def test_a_blank_line_opening_a_paragraph_is_not_part_of_a_phrase(run):
    events = run("Rocket hits camp near Marib\n\nThe army accused the rebels of firing the rocket.", PUBLISHED)
    for event in events:
        for claim in event.claims:
            assert claim.claimant.text == claim.claimant.text.strip()


# --- munitions and where they were fired from ------------------------------------------------

@pytest.mark.parametrize("text", [
    "A missile slammed into a market in Saada on Monday, killing five people.",
    "Two mortar rounds crashed into a schoolyard in Douma on Monday.",
    "A rocket landed on a house in Sirte on Monday, wounding a child.",
])
def test_munitions_that_slam_crash_or_land_are_shelling(run, text):
    main = main_event(run, text)
    assert main.type == "shelling"
    assert not any(a.text.lower().endswith(("missile", "rounds", "rocket")) for a in main.actors)


def test_slamming_a_decision_is_still_criticism(triggers):
    assert triggers("The opposition slammed the decision to delay the vote.") == ["criticism"]


def test_where_a_missile_was_fired_from_is_not_where_it_struck(run):
    events = run("A missile struck an army camp in Marib on Monday, killing four soldiers. "
                 "The army accused the rebels of firing the missile from positions in Sanaa province.",
                 PUBLISHED)
    violent = [e for e in events if e.type in ("shelling", "armed_clash", "attack")]
    assert len(violent) == 1
    assert violent[0].location.name == "Ma'rib"
    assert [c.stance for c in violent[0].claims if c.stance == "accuses"] == ["accuses"]


# --- acts before the news ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A district chief, who had survived two earlier attacks, was among the dead in Ghazni on Monday.",
    "The police chief was killed in Kandahar on Monday; a previous bombing wounded him in 2014.",
    "A similar attack killed 25 people at the same mosque last month.",
])
def test_earlier_acts_are_background(run, text):
    events = run(text, PUBLISHED)
    earlier = [e for e in events if e.type in ("attack", "bombing", "attack_on_civilians")
               and e.evidence[0].text.find("earlier") + e.evidence[0].text.find("previous")
               + e.evidence[0].text.find("similar") > -3]
    assert earlier and all(e.status == "background" for e in earlier)
    assert all(e.fatalities is None for e in earlier)


def test_the_same_attack_is_not_an_earlier_one(run):
    events = run("Gunmen attacked a market in Kano on Monday. The same attack wounded 12 people.", PUBLISHED)
    assert not [e for e in events if e.status == "background"]


# --- whose side a force is on; where a government speaks from ---------------------------------

def test_forces_loyal_to_a_rebel_commander_are_not_the_state(run):
    main = main_event(run, "Forces loyal to commander Khalifa Haftar seized the town of Sokna on Monday.")
    assert main.acled.sub_event_type == "Non-state actor overtakes territory"
    assert main.actors and main.actors[0].sector == "UAF"


def test_forces_loyal_to_a_president_are_the_state(run):
    main = main_event(run, "Forces loyal to President Bashar al-Assad seized the town of Morek on Monday.")
    assert main.acled.sub_event_type == "Government regains territory"


def test_a_governments_seat_is_not_where_its_forces_acted(run):
    events = run("Rebels seized the port of Ras Lanuf on Monday. The government in Tripoli said its "
                 "forces had withdrawn from the port to avoid bloodshed.", PUBLISHED)
    withdrawal = next(e for e in events if e.type == "de_escalation")
    assert withdrawal.location is None or withdrawal.location.name != "Tripoli"


def test_a_town_written_in_a_province_is_the_acts_place(run):
    main = main_event(run, "Government forces recaptured Maarat al-Numan in southern Idlib on Tuesday.")
    assert main.location.name.startswith("Ma")


# --- places referred back to -------------------------------------------------------------------

def test_the_province_refers_back_to_the_province_named_before(run):
    events = run("Talks on a truce in Deraa opened in Amman on Monday.\n\n"
                 "The province has seen heavy shelling since January, a monitor said.", PUBLISHED)
    shelling = next(e for e in events if e.type == "shelling")
    assert shelling.location is not None and shelling.location.country == "SYR"


def test_a_town_across_a_river_from_another_is_the_town_named_before(run):
    events = run("Police fired live rounds at protesters in Omdurman on Monday, killing two. Hundreds had "
                 "gathered in the streets of the city across the river from Khartoum.", PUBLISHED)
    assert all(e.location is None or e.location.name == "Omdurman" for e in events)


def test_the_nile_is_a_river_not_the_state_named_after_it(run):
    events = run("Fishermen found two bodies on the banks of the Nile near Atbara on Monday.", PUBLISHED)
    assert all(e.location is None or e.location.name != "River Nile" for e in events)


def test_a_march_told_after_the_shooting_at_it_keeps_the_shooting(run):
    events = run("Two protesters shot dead in Omdurman\n\nSecurity forces opened fire on a march in Omdurman "
                 "on Monday. Thousands had taken to the streets of the city to demand reforms.", PUBLISHED)
    protests = [e for e in events if e.acled and e.acled.event_type == "Protests"]
    assert [e.acled.sub_event_type for e in protests] == ["Excessive force against protesters"]
    assert protests[0].fatalities.best == 2


# --- an act about another act -------------------------------------------------------------------

@pytest.mark.parametrize("text, main_type", [
    ("Amman on Tuesday rejected an Egyptian appeal for sending troops to the border.", "rejection"),
    ("The rebels turned down a government request for talks in Geneva on Monday.", "rejection"),
])
def test_rejecting_an_appeal_is_the_news_and_its_content_only_asked_for(run, text, main_type):
    events = run(text, PUBLISHED)
    main = next(e for e in events if e.main)
    assert main.type == main_type
    assert all(e.status != "occurred" for e in events if e.type in ("troop_movement", "meeting"))


def test_force_that_kills_while_dispersing_a_crowd_is_excessive_force(run):
    events = run("Police opened fire to disperse protesters in Kano on Monday, killing two people.", PUBLISHED)
    main = next(e for e in events if e.main)
    assert main.acled.sub_event_type == "Excessive force against protesters"
    assert main.fatalities.best == 2


def test_firing_in_the_air_to_disperse_a_crowd_is_an_intervention(run):
    main = next(e for e in run("Police fired into the air to disperse a crowd in Kano on Monday.", PUBLISHED)
                if e.main)
    assert main.acled.sub_event_type == "Protest with intervention"


# --- running counts -------------------------------------------------------------------------------

def test_victims_counted_since_a_date_are_a_background_count(run):
    events = run("At least 14 shopkeepers have been killed in the city since March, a rights group said.",
                 PUBLISHED)
    assert all(e.fatalities is None for e in events)


def test_a_series_of_strikes_that_killed_since_a_date_is_reported_as_such(run):
    events = run("Drone strikes have killed at least six militant commanders since last August, "
                 "officials said.", PUBLISHED)
    main = next(e for e in events if e.main)
    assert main.status == "occurred" and main.fatalities.best == 6


# --- datelines, plurals the tagger took for names, headline verbs --------------------------------

def test_a_plural_after_a_dateline_is_still_the_munition(run):
    events = run("ADEN, Yemen, June 3 (Own Desk) - Mortars crashed into a market in Aden on Monday, "
                 "residents said.", PUBLISHED)
    assert [e.type for e in events if e.main] == ["shelling"]
    assert not [e for e in events if e.type in ("protest", "criticism")]


def test_a_headline_with_a_semicolon_is_one_headline_and_its_noun_verb_an_act(run, nlp):
    text = ("Rebels attack Mosul outpost; 12 dead\n\nRebels attacked an army outpost near Mosul on Sunday, "
            "setting off a gunbattle that lasted for hours, officials said.")
    assert list(nlp(text).sents)[0].text.strip() == "Rebels attack Mosul outpost; 12 dead"
    events = run(text, PUBLISHED)
    violent = [e for e in events if e.type in ("armed_clash", "attack")]
    assert len(violent) == 1 and violent[0].main
    assert "headline" in violent[0].salience.reasons and violent[0].fatalities.best == 12


def test_fighting_as_the_subject_of_a_running_count_is_background(run):
    events = run("Fighting around the city has killed more than 400 people since May, the WHO said.", PUBLISHED)
    assert all(e.status == "background" and e.fatalities is None for e in events if e.type == "armed_clash")


# --- denials and the sides' own accounts --------------------------------------------------------

def test_rejecting_the_charge_hours_later_is_a_denial(run):
    events = run("Gunmen shot dead a teacher in Kandahar on Monday. The governor blamed the Taliban. "
                 "The insurgents rejected the charge hours later.", PUBLISHED)
    main = next(e for e in events if e.main)
    assert [c.stance for c in main.claims if c.stance == "denies"] == ["denies"]
    assert not [e for e in events if e.type in ("rejection", "denial")]


def test_a_spokesman_for_a_group_speaks_for_it(run):
    events = run("Militiamen burned a village near Tawila on Monday, the UN said. A spokesman for the "
                 "Rapid Support Forces denied that its men had been in the area.", PUBLISHED)
    main = next(e for e in events if e.main)
    denial = next(c for c in main.claims if c.stance == "denies")
    assert denial.claimant.text == "A spokesman for the Rapid Support Forces"


def test_denying_that_members_switched_sides_denies_the_defection(run):
    events = run("Forty fighters defected to the government in Baidoa on Monday, handing over their rifles, "
                 "officials said. The group denied that any of its members had switched sides.", PUBLISHED)
    main = next(e for e in events if e.main)
    assert main.type == "defection"
    assert any(c.stance == "denies" for c in main.claims)
    assert not [e for e in events if e.type == "denial"]


def test_a_sides_own_count_of_its_kills_is_not_the_toll(run):
    events = run("Militants attacked a police post in Ghazni on Sunday, killing three officers, police said. "
                 "In a statement the militants said their fighters had killed 20 policemen.", PUBLISHED)
    tolls = [e.fatalities.best for e in events if e.fatalities]
    assert tolls == [3]
