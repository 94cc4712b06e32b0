"""Participants from the parse: voice, by-phrases, nominalisations, coordination; dated roles."""
from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import links
from trucewatch.extract.what import find_triggers
from trucewatch.extract.who import participants
from trucewatch.records import ActorRef


@pytest.fixture(scope="module")
def roles(nlp):
    def _roles(sentence: str, act: str | None = None):
        trigger = next(t for t in find_triggers(nlp(sentence)[:]) if act is None or t.act.name == act)
        initiators, targets = participants(trigger)
        return [p.text for p in initiators], [p.text for p in targets]

    return _roles


def test_active_voice(roles):
    assert roles("Rebel fighters attacked an army post.") == (["Rebel fighters"], ["an army post"])


def test_passive_with_by_phrase(roles):
    assert roles("The market was hit by government jets.") == (["government jets"], ["The market"])


def test_passive_without_agent(roles):
    assert roles("Two aid workers were abducted.") == ([], ["Two aid workers"])


def test_nominalisation_with_of_and_by(roles):
    assert roles("The shelling of the camp by army units continued.") == (["army units"], ["the camp"])


def test_coordinated_adjectives_are_two_actors(roles):
    initiators, targets = roles("Syrian and Russian bombing of rebel-held districts went on.")
    assert initiators == ["Syrian", "Russian"]
    assert targets == ["rebel-held districts"]


def test_coordinated_subjects(roles):
    initiators, _ = roles("Turkish troops and Kurdish fighters clashed near the river.")
    assert initiators == ["Turkish troops", "Kurdish fighters"]


def test_possessive_initiator(roles):
    assert roles("The militia's attack on the clinic was condemned.", "attack") == (["The militia"], ["the clinic"])


def test_light_verb_carries_the_initiator(roles):
    assert roles("Jets carried out a raid on the village.", "air_strike")[0] == ["Jets"]


def test_control_verb_gives_the_denier_as_initiator(roles):
    assert roles("The ministry denied shelling the school.", "shelling") == (["The ministry"], ["the school"])


def test_actors_are_resolved_on_the_event_date(run, only, monkeypatch):
    """An office holder counts as his government only during his term: the resolver is asked
    about the event's date, not the publication date."""
    asked = []

    def fake_resolve(text, on=None, implied_country=None):
        asked.append((text, on))
        country = "AAA" if on and on < date(2016, 3, 1) else "BBB"
        return ActorRef(text=text, name="Example", country=country, sector="GOV")

    monkeypatch.setattr(links, "resolve_actor", fake_resolve)
    event = only(run("The foreign minister visited the capital on 12 February 2016."), "visit")
    assert ("The foreign minister", date(2016, 2, 12)) in asked
    assert event.actors[0].country == "AAA"
    later = only(run("The foreign minister visited the capital on 8 March 2016."), "visit")
    assert later.actors[0].country == "BBB"


def test_protected_targets_are_flagged(run, only):
    event = only(run("Jets struck a school and an army depot on Monday."), "air_strike")
    flags = {t.text: t.protected for t in event.targets}
    assert flags["a school"] is True


@pytest.mark.parametrize("target", ["an aid convoy", "a field hospital", "a crowded market",
                                    "two journalists", "civilians"])
def test_protected_kinds(run, only, target):
    event = only(run(f"Gunmen attacked {target} on Sunday."))
    assert event.targets and all(t.protected for t in event.targets)


def test_a_state_bombing_is_an_air_strike(run, only, monkeypatch):
    monkeypatch.setattr(links, "resolve_actor",
                        lambda text, on=None, implied_country=None: ActorRef(text=text, country="XXX", sector="MIL"))
    assert only(run("Government forces bombed the market.")).type == "air_strike"
    monkeypatch.setattr(links, "resolve_actor", lambda text, on=None, implied_country=None: ActorRef(text=text, sector="REB"))
    assert only(run("Insurgents bombed the market.")).type == "bombing"
