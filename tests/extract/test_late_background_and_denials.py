"""Late fixes (issue 3): funerals are no meetings, a truce that only dates another act is no
event, a checkpoint names who blocked, and "our aircraft did not fly" is a denial.

All reports are invented for these tests; the places are real, the events are not.
"""
from __future__ import annotations

import pytest

from trucewatch.extract.what import find_triggers

CEASEFIRE_ACTS = {"ceasefire_agreed", "ceasefire_declared"}


def _types(nlp, sentence: str) -> list[str]:
    return [t.act.name for t in find_triggers(next(nlp(sentence).sents))]


def test_mourners_gathering_to_bury_the_dead_is_no_meeting(nlp):
    types = _types(nlp, "Dozens of mourners gathered in Kafr Nabl on Friday to bury four farmers "
                        "killed when a rocket hit their tractor.")
    assert "meeting" not in types


def test_a_funeral_gathering_with_protest_words_is_a_protest_not_a_meeting(nlp):
    types = _types(nlp, "Mourners gathered in Saraqib on Friday to protest against the shelling.")
    assert "meeting" not in types
    assert any(t in ("protest", "criticism") for t in types)


def test_ministers_gathering_to_talk_is_still_a_meeting(nlp):
    assert "meeting" in _types(nlp, "Foreign ministers gathered in Vienna on Monday to discuss the truce.")


def test_a_truce_in_a_time_clause_is_background(run):
    events = run("Rebel rockets hit a school in Salamiyah on Monday, two days before a truce "
                 "was due to start, wounding four pupils.")
    assert "shelling" in {e.type for e in events}
    assert not CEASEFIRE_ACTS & {e.type for e in events}


def test_since_the_truce_began_is_background(nlp):
    assert not CEASEFIRE_ACTS & set(_types(nlp, "No shells have fallen on Mhardeh since the truce began."))


def test_after_the_truce_was_declared_is_background(nlp):
    types = _types(nlp, "Families returned to Mhardeh after the truce was declared.")
    assert not CEASEFIRE_ACTS & set(types)


def test_the_area_covered_by_the_truce_is_background(nlp):
    assert not CEASEFIRE_ACTS & set(_types(nlp, "Salamiyah lies inside the area covered by the truce."))


def test_a_truce_agreed_on_the_day_is_still_news(nlp):
    assert "ceasefire_agreed" in _types(nlp, "The army and rebel groups agreed a truce for Hama on Monday.")


@pytest.mark.real_places  # the checkpoint's owner is the country of the story's place
def test_a_convoy_turned_back_at_a_government_checkpoint(run):
    events = run("An aid convoy carrying flour for 5,000 families was turned back at a government "
                 "checkpoint outside Hama on Tuesday, aid workers said. "
                 "Syrian officials denied blocking the convoy.")
    blocked = [e for e in events if e.type == "aid_blocked"]
    assert len(blocked) == 1
    assert [(a.country, a.sector) for a in blocked[0].actors] == [("SYR", "GOV")]
    assert any(c.stance == "denies" and c.claimant.country == "SYR" for c in blocked[0].claims)


def test_a_checkpoint_owner_is_dropped_when_the_country_is_unknown(run):
    events = run("A food convoy was turned back at a government checkpoint on Tuesday, drivers said.")
    blocked = [e for e in events if e.type == "aid_blocked"]
    assert len(blocked) == 1
    assert blocked[0].actors == []


def test_a_bomb_at_an_army_checkpoint_is_not_done_by_the_army(run):
    events = run("A car bomb exploded at an army checkpoint outside Hama on Tuesday, killing three soldiers.")
    assert events
    assert not any(a.sector == "MIL" and a.role == "initiator" for e in events for a in e.actors)


def test_the_accused_side_saying_its_aircraft_did_not_fly_is_a_denial(run):
    events = run("Jets bombed a bakery in Latamneh on Monday, killing five people. "
                 "Local rebels accused Russian warplanes of carrying out the raid. "
                 "The Russian defence ministry said its aircraft had not flown over Hama province that day.")
    assert [e.type for e in events if e.type in ("air_strike", "military_flight")] == ["air_strike"]
    assert not [e for e in events if e.status == "negated"]
    strike = next(e for e in events if e.type == "air_strike")
    assert any(c.stance == "denies" and c.claimant.country == "RUS" for c in strike.claims)


def test_a_negated_flight_by_an_unaccused_side_stays_negated(run):
    events = run("Jets bombed a bakery in Latamneh on Monday, killing five people. "
                 "Local rebels accused Syrian warplanes of carrying out the raid. "
                 "The Russian defence ministry said its aircraft had not flown over Hama province that day.")
    strike = next(e for e in events if e.type == "air_strike")
    assert not any(c.stance == "denies" and c.claimant.country == "RUS" for c in strike.claims)


def test_a_group_not_covered_by_the_truce_is_no_truce_event(nlp):
    assert not CEASEFIRE_ACTS & set(_types(nlp, "The Nusra Front is not covered by the truce."))
