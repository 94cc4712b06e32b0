"""Act types from verbs and from nouns, with instruments refining generic attacks."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("sentence, expected", [
    ("Government jets struck a bakery in the town.", "air_strike"),
    ("Drones hit a convoy on the highway.", "air_strike"),
    ("Rebels fired mortars at the old city.", "shelling"),
    ("Artillery pounded the eastern districts.", "shelling"),
    ("Militants detonated a car bomb near a checkpoint.", "bombing"),
    ("A suicide bomber blew himself up at a wedding.", "suicide_bombing"),
    ("Army units and insurgents clashed near the dam.", "armed_clash"),
    ("The army launched an offensive in the north.", "armed_clash"),
    ("Gunmen abducted two engineers.", "abduction"),
    ("Insurgents seized the border crossing.", "territory_captured"),
    ("Government troops recaptured the hill.", "territory_retaken"),
    ("Residents said chlorine gas was used in the attack.", "chemical_attack"),
    ("The two sides agreed to a ceasefire.", "ceasefire_agreed"),
    ("The rebels announced a unilateral truce.", "ceasefire_declared"),
    ("The truce collapsed after three days.", "ceasefire_collapsed"),
    ("Each side accused the other of violating the truce.", "ceasefire_violation_alleged"),
    ("The militia withdrew from the hills.", "de_escalation"),
    ("The ministers talked by telephone.", "call"),
    ("The envoy held a telephone call with the president.", "call"),
    ("The president will visit the capital.", "visit"),
    ("A convoy delivered flour to the besieged town.", "aid_delivered"),
    ("Police arrested twelve protesters.", "protest_intervention"),  # ACLED: arrests at a protest
    ("Police arrested twelve smugglers.", "arrest"),
    ("Thousands protested in the main square.", "protest"),
    ("The council drafted a resolution urging a truce.", "appeal"),
    ("The union imposed new sanctions on the ministry.", "sanction"),
    ("The commission will investigate the killings.", "investigation"),
    ("Surveillance planes flew over the valley without firing.", "military_flight"),
    ("The army deployed reinforcements to the front.", "troop_movement"),
])
def test_act_type(triggers, sentence, expected):
    assert expected in triggers(sentence)


def test_noun_acts(triggers):
    assert triggers("The bombing of rebel-held districts went on.") == ["bombing"]
    assert "call" in triggers("After a telephone call, the leaders issued a statement.")
    assert "armed_clash" in triggers("An offensive is expected.")


def test_one_act_reported_twice_in_a_clause_is_one_trigger(triggers):
    assert triggers("Jets struck the town, killing twelve civilians.") == ["air_strike"]
    assert triggers("Militants detonated a roadside bomb.") == ["bombing"]


def test_the_topic_of_an_appeal_is_not_an_act(triggers):
    found = triggers("The council urged a truce.")
    assert found == ["appeal"]


def test_a_vow_of_violence_is_a_threat(triggers):
    assert "threat" in triggers("The group vowed to attack the convoys.")
    assert "threat" not in triggers("The group vowed to deliver the aid.")


def test_plain_text_without_acts(triggers):
    assert triggers("The weather was mild and the markets were busy.") == []


def test_a_phrasal_verb_whose_sense_does_not_apply_is_not_the_bare_verbs_other_sense(triggers):
    """"slam into" is an impact (with munitions: shelling); a truck that slams into a gate is not
    criticism, which is what "slam" alone means ("slammed the decision")."""
    assert "criticism" not in triggers("A truck packed with explosives slammed into the gate of the barracks.")
    assert "criticism" in triggers("The minister slammed the decision as reckless.")
    assert "shelling" in triggers("Two rockets slammed into a school near the border.")


def test_a_unit_that_is_attacked_is_the_target_not_a_troop_movement(triggers):
    """"ambushed a patrol": the patrol names who was hit; patrols that are the news still count."""
    assert "troop_movement" not in triggers("Gunmen ambushed an army patrol on the ring road.")
    assert "troop_movement" not in triggers("A roadside bomb struck a police patrol near the market.")
    assert "troop_movement" in triggers("Army patrols resumed in the old quarter on Monday.")


def test_a_verb_the_tagger_took_for_a_noun_in_a_sentence_without_a_verb_is_its_verb(triggers):
    """Summaries and headlines in the present: "shoot" (or "explodes") tagged as a noun is still the
    act; a line with no verb and only nouns of acts that are not verbs stays as it is."""
    assert "attack_on_civilians" in triggers("Gunman shoot dead two farmers near the well.")
    assert triggers("Kills and injuries in the province.") == []


@pytest.mark.parametrize("text, act", [
    ("Gunmen took four shepherds hostage near the border.", "abduction"),
    ("The gang held the driver hostage for a week.", "abduction"),
    ("A trader was held for ransom by the gang.", "abduction"),
    ("Rioters set the depot on fire overnight.", "riot"),
])
def test_a_verb_phrase_with_its_object_inside_is_still_the_phrase(triggers, text, act):
    """"took [four shepherds] hostage", "set [the depot] on fire": the object written inside the
    phrase does not break it."""
    assert act in triggers(text)


def test_a_phrase_is_not_found_across_unrelated_words(triggers):
    assert "abduction" not in triggers("He took the children to school and the hostage talks resumed.")
    assert triggers("They set the table on the terrace.") == []


@pytest.mark.parametrize("text, act", [
    ("Three guards died in a shooting incident at the port.", "attack_on_civilians"),
    ("Militants slit the throat of a farmer at dawn.", "attack_on_civilians"),
    ("Unknown men threw Molotov cocktails at a church.", "looting"),
])
def test_acts_named_by_a_carrier_noun_a_phrase_or_an_incendiary(triggers, text, act):
    assert act in triggers(text)


@pytest.mark.parametrize("text, act", [
    ("A suicide car bomber rammed a checkpoint at dawn.", "suicide_bombing"),
    ("A suicide truck-bomber drove into the gate of the base.", "suicide_bombing"),
    ("An encounter between troops and rebels left two soldiers dead.", "armed_clash"),
])
def test_a_vehicle_inside_a_suicide_bombers_name_and_an_encounter_between_sides(triggers, text, act):
    assert act in triggers(text)


def test_an_encounter_that_is_not_between_sides_is_no_clash(triggers):
    assert "armed_clash" not in triggers("The minister described his encounter with reporters as friendly.")


@pytest.mark.parametrize("text, act", [
    ("The cell set off two time bombs at a power station.", "bombing"),
])
def test_setting_off_a_bomb_is_a_bombing(triggers, text, act):
    assert act in triggers(text)


def test_setting_off_without_a_munition_is_no_bombing(triggers):
    assert "bombing" not in triggers("The envoy set off for the border on Monday.")
