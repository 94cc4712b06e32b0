"""Act types a QA review found wrong, and the general mechanisms that fix them.

Every sentence here is our own invention.
"""
from __future__ import annotations

import pytest


def types(events):
    return [event.type for event in events]


def test_a_sentence_initial_noun_the_tagger_misreads_still_names_the_act(triggers):
    assert triggers("Shelling hit Idlib on Monday.") == ["shelling"]


def test_mortar_rounds_on_a_market_are_shelling_with_a_protected_target(run):
    (event,) = run("Mortar rounds struck a crowded market in Douma on Tuesday.")
    assert event.type == "shelling"
    assert any(target.protected for target in event.targets)


def test_the_topic_of_a_meeting_is_not_an_act(triggers):
    assert triggers("The foreign ministers met in Geneva on Friday to discuss the truce.") == ["meeting"]
    assert triggers("The envoys held talks on the ceasefire.") == ["meeting"]


@pytest.mark.parametrize("sentence", [
    "Aleppo is not part of the truce agreed for Hama.",
    "The truce agreed last week has largely held.",
    "Under the truce, both sides keep their positions.",
])
def test_a_ceasefire_named_as_background_is_not_an_event(triggers, sentence):
    assert not any(name.startswith("ceasefire") for name in triggers(sentence))


def test_a_new_ceasefire_is_still_an_event(triggers):
    assert "ceasefire_agreed" in triggers("The warring parties agreed a truce on Sunday.")
    assert "ceasefire_agreed" in triggers("The two sides signed a ceasefire in Astana.")


def test_background_act_does_not_hide_the_news(run):
    events = run("The truce agreed last week has largely held, but government forces shelled Daraa on Sunday.")
    assert types(events) == ["shelling"]


@pytest.mark.parametrize("sentence", [
    "Some 300 fighters arrived in Idlib on Saturday.",
    "Army reinforcements moved into the valley overnight.",
])
def test_armed_men_arriving_is_a_troop_movement(triggers, sentence):
    assert triggers(sentence) == ["troop_movement"]


def test_a_delegation_arriving_is_still_a_visit(triggers):
    assert triggers("The foreign minister arrived in Beirut on Sunday.") == ["visit"]


@pytest.mark.parametrize("verb", ["stopped", "blocked", "turned back"])
def test_stopping_an_aid_convoy_is_blocked_aid(triggers, verb):
    assert triggers(f"Government forces {verb} a UN aid convoy near Homs.") == ["aid_blocked"]


def test_stopping_talks_is_still_cutting_relations(triggers):
    assert "relations_cut" in triggers("The government halted talks with the opposition.")


def test_launched_munitions_are_an_attack_refined_by_the_munition(triggers):
    assert triggers("Rebels launched missiles at Latakia on Monday.") == ["shelling"]
    assert triggers("Helicopters dropped barrel bombs on the district.") == ["air_strike"]


def test_launching_something_peaceful_is_no_attack(triggers):
    assert "attack" not in triggers("The agency launched a new round of talks.")


def test_killing_combatants_is_an_armed_clash_not_an_attack_on_civilians(triggers):
    # ACLED: violence against an armed side is an armed clash; "Attack" is against civilians
    assert triggers("Gunmen killed three soldiers at a checkpoint.") == ["armed_clash"]
    assert triggers("Gunmen killed three farmers at a checkpoint.") == ["attack_on_civilians"]


def test_a_toll_on_combatants_still_gives_way_to_the_strike(triggers):
    assert triggers("Jets struck the base, killing twelve soldiers.") == ["air_strike"]


def test_a_promise_gives_way_to_the_promised_act(run):
    (event,) = run("The interior ministry pledged to release forty detainees.")
    assert (event.type, event.status) == ("concession", "planned")


def test_a_vow_of_violence_stays_a_threat(triggers):
    assert "threat" in triggers("The group vowed to attack the convoys.")


def test_agreeing_that_something_should_happen_is_an_agreement(triggers):
    assert "intent_to_cooperate" in triggers("The ministers agreed that their countries should cooperate.")


def test_help_is_aid_only_when_aid_is_named(triggers):
    assert "aid_delivered" not in triggers("The officer helped to plan the raid.")
    assert "aid_delivered" in triggers("Volunteers helped the displaced families with food.")


def test_a_participle_describing_a_detainee_is_not_a_new_arrest(triggers):
    assert "arrest" not in triggers("The court freed a mayor jailed last year.")
    assert "arrest" not in triggers("The court freed the mayor, who had been arrested a year ago.")
    assert "arrest" in triggers("Police arrested the mayor on Monday.")


def test_an_agreement_named_as_a_frame_is_not_a_new_agreement(triggers):
    assert "agreement_signed" not in triggers("Expelling them was one of the conditions of the agreement.")
    assert "agreement_signed" in triggers("The two governments signed an agreement on Monday.")
