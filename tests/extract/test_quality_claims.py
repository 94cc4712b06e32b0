"""Claims of responsibility, negated claims and both sides of a fight (issue 3, items 2 and 7).

All reports are invented for these tests.
"""
from __future__ import annotations

from trucewatch.extract import links
from trucewatch.records import ActorRef

GROUPS = {"Islamic State": ("Islamic State", "SYR", "REB"),
          "Hayat Tahrir al-Sham": ("Hayat Tahrir al-Sham", "SYR", "REB"),
          "government forces": ("Syria", "SYR", "MIL")}


def _dictionary(monkeypatch):
    def fake_resolve(text, on=None, implied_country=None):
        name, country, sector = GROUPS.get(text, (None, None, None))
        return ActorRef(text=text, name=name, country=country, sector=sector)

    monkeypatch.setattr(links, "resolve_actor", fake_resolve)


def test_the_value_of_a_claim_of_responsibility_is_the_claimant(run, only, monkeypatch):
    _dictionary(monkeypatch)
    event = only(run("A car bomb exploded near the bus station on Friday. "
                     "Islamic State claimed responsibility."))
    claim = next(c for c in event.claims if c.stance == "claims_responsibility")
    assert claim.value == "Islamic State"  # the group, not its country
    assert ("Islamic State", "initiator") in [(a.name, a.role) for a in event.actors]


def test_the_claimant_joins_actors_already_named(run, only, monkeypatch):
    _dictionary(monkeypatch)
    event = only(run("Gunmen attacked the checkpoint on Friday. "
                     "Islamic State claimed responsibility for the attack."))
    names = [a.text for a in event.actors]
    assert "Gunmen" in names and "Islamic State" in names


def test_claiming_an_attack_is_claiming_responsibility(run, monkeypatch):
    _dictionary(monkeypatch)
    events = run("Islamic State claimed the bombing of the checkpoint on Friday.")
    stances = [c.stance for e in events for c in e.claims]
    assert stances == ["claims_responsibility"]


def test_a_negated_claim_is_no_claim(run):
    events = run("Gunmen abducted two aid workers on Sunday. No group has claimed the kidnapping.")
    assert all(not e.claims for e in events), [(e.type, e.claims) for e in events]
    assert all("No group" not in [a.text for a in e.actors] for e in events)


def test_nobody_claimed_responsibility_is_no_claim(run):
    events = run("A roadside bomb hit a bus on Sunday. Nobody claimed responsibility.")
    assert not [c for e in events for c in e.claims if c.stance == "claims_responsibility"]


def test_fighting_between_two_sides_gives_both_as_actors(run, only, monkeypatch):
    _dictionary(monkeypatch)
    event = only(run("Fighting between Hayat Tahrir al-Sham and government forces continued on Sunday."))
    assert [a.country for a in event.actors] == ["SYR", "SYR"]
    assert {a.sector for a in event.actors} == {"REB", "MIL"}


def test_clashes_between_two_sides(run, monkeypatch):
    _dictionary(monkeypatch)
    events = run("Clashes between Hayat Tahrir al-Sham and government forces killed six people.")
    actors = {a.text for e in events for a in e.actors}
    assert {"Hayat Tahrir al-Sham", "government forces"} <= actors


def test_an_accusation_that_names_nobody_has_no_value(run):
    for event in run("Both armies clashed near the river on Monday, each blaming the other."):
        for claim in event.claims:
            assert claim.value != "other"


def test_each_accused_party_gets_its_own_claim(run, only, monkeypatch):
    countries = {"Syrian warplanes": "SYR", "Russian warplanes": "RUS"}
    monkeypatch.setattr(links, "resolve_actor", lambda text, on=None, implied_country=None:
                        ActorRef(text=text, country=countries.get(text), sector="MIL"))
    event = only(run("An air strike hit the market on Monday. "
                     "Rebels accused Syrian and Russian warplanes of carrying out the raid."), "air_strike")
    accused = [c.value for c in event.claims if c.stance == "accuses"]
    assert accused == ["SYR", "RUS"]
