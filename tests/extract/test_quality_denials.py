"""A denied or alleged act is a claim on the story's act, not a second act (issue 3, items 6-7).

All reports are invented for these tests.
"""
from __future__ import annotations

from trucewatch.extract import links
from trucewatch.records import ActorRef

ARMY = {"The army": ("Syria", "SYR", "MIL"), "The Syrian army": ("Syria", "SYR", "MIL"),
        "Moscow": ("Russia", "RUS", "GOV")}


def _dictionary(monkeypatch):
    def fake_resolve(text, on=None, implied_country=None):
        name, country, sector = ARMY.get(text, (None, None, None))
        return ActorRef(text=text, name=name, country=country, sector=sector)

    monkeypatch.setattr(links, "resolve_actor", fake_resolve)


def test_a_later_denial_attaches_to_the_reported_strike(run, only, monkeypatch):
    _dictionary(monkeypatch)
    events = run("Jets struck a bakery in the town on Monday, killing six people. "
                 "Residents buried the dead on Tuesday. "
                 "The Syrian army denied carrying out any air strikes in the area.")
    strike = only([e for e in events if e.type == "air_strike"])
    assert strike.status == "occurred"
    assert strike.fatalities.best == 6
    denial = next(c for c in strike.claims if c.stance == "denies")
    assert denial.claimant.country == "SYR"
    assert not [e for e in events if e.type == "denial"], [e.type for e in events]


def test_the_denied_act_becomes_no_actorless_second_event(run, monkeypatch):
    _dictionary(monkeypatch)
    events = run("Warplanes bombed the market on Sunday. "
                 "The Syrian army denied carrying out any air strikes.")
    violent = [e for e in events if e.type in ("air_strike", "bombing", "attack")]
    assert len(violent) == 1, [(e.type, e.status) for e in events]


def test_a_denial_with_nothing_earlier_keeps_the_act_as_reported(run, only, monkeypatch):
    _dictionary(monkeypatch)
    event = only(run("The army denied shelling the school in the village."))
    assert event.type == "shelling" and event.status == "occurred"
    assert [(c.claimant.country, c.stance) for c in event.claims] == [("SYR", "denies")]


def test_an_accusation_and_a_rejection_land_on_one_event(run, only, monkeypatch):
    _dictionary(monkeypatch)
    events = run("An air strike hit the village market on Monday, killing nine people. "
                 "Rebels accused Russian warplanes of carrying out the raid. "
                 "Moscow denied the accusation.")
    strike = only(events, "air_strike")
    stances = {c.stance for c in strike.claims}
    assert {"accuses", "denies"} <= stances
    assert not [e for e in events if e.type in ("accusation", "denial")]


def test_a_denial_of_an_act_of_another_family_makes_its_own_event(run, monkeypatch):
    """Only an act of the same family is "the act" a denial speaks about."""
    _dictionary(monkeypatch)
    events = run("Leaders of the two parties met in the capital on Monday. "
                 "The army denied shelling the school.")
    shelling = [e for e in events if e.type == "shelling"]
    assert len(shelling) == 1 and shelling[0].claims[0].stance == "denies"
