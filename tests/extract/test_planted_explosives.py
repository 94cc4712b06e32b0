"""Explosives that are laid or hidden, and those who meet them (issue 10 items 3 and 4).

A landmine or a roadside bomb is a bombing whoever laid it: it is never dropped from the air, so a
state's forces near it do not make it an air strike. A vehicle or a person that strikes or steps on
one suffered the blast; they did not set it. And a verb with a subject of its own ("a bomb
exploded") does not borrow the subject of the clause around it ("three policemen died when ...").

Every sentence is our own, written for these tests. Guards (which passed before) are marked.
"""
import pytest


def main_event(run, text):
    return next(e for e in run(text) if e.main)


def texts(parties):
    return [p.text for p in parties]


@pytest.mark.parametrize("text, doer", [
    ("An army lorry struck a landmine outside Tessit, killing two soldiers.", "An army lorry"),
    ("A police car hit a roadside bomb on the Kandahar road, wounding three officers.", "A police car"),
])
def test_a_vehicle_that_strikes_a_planted_explosive_suffered_a_bombing(run, text, doer):
    event = main_event(run, text)
    assert event.type == "bombing"
    assert event.acled.sub_event_type == "Remote explosive/landmine/IED"
    assert doer not in texts(event.actors)
    assert doer in texts(event.targets)


def test_one_who_steps_on_a_mine_is_its_victim(run):
    event = main_event(run, "A goatherd stepped on a mine near the dry riverbed.")
    assert event.type == "bombing"
    assert texts(event.targets) == ["A goatherd"]
    assert event.actors == []


def test_a_planted_explosive_set_off_by_state_forces_stays_a_bombing(run):
    event = main_event(run, "Government troops detonated a roadside bomb near the rebel camp.")
    assert "Government troops" in texts(event.actors)
    assert event.type == "bombing"


def test_guard_state_forces_that_bomb_still_carry_out_an_air_strike(run):
    event = main_event(run, "Government jets bombed the grain market in Saraqib, killing five.")
    assert event.type == "air_strike"
    assert texts(event.actors) == ["Government jets"]


@pytest.mark.parametrize("text", [
    "Two customs officers died when a bomb hidden in a van exploded in Cucuta.",
    "Four guards died after a parcel bomb blew up in the mail room.",
])
def test_those_who_died_when_a_bomb_went_off_did_not_set_it_off(run, text):
    event = main_event(run, text)
    assert event.type == "bombing"
    assert event.actors == []


@pytest.mark.parametrize("text, doer", [
    ("Jets pounded the ridge, killing seven fighters.", "Jets"),
    ("The militia denied shelling the camp.", "The militia"),
])
def test_guard_a_verb_without_a_subject_still_takes_its_clause_s(run, text, doer):
    assert doer in texts(main_event(run, text).actors)
