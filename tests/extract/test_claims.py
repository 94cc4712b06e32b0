"""Claims: claimant, stance, topic and value; attached to their event across sentences."""
from __future__ import annotations

from trucewatch.extract import links
from trucewatch.records import ActorRef

DEPOT_STORY = (
    "An explosion destroyed a fuel depot near the port on Tuesday. "
    "Washington blamed government helicopters. "
    "Damascus rejected the accusation and said the depot blew up by accident."
)


def test_cross_sentence_claims_attach_to_one_event(run, only, monkeypatch):
    countries = {"Washington": ("USA", "GOV"), "Damascus": ("SYR", "GOV"),
                 "government helicopters": ("SYR", "MIL")}

    def fake_resolve(text, on=None, implied_country=None):
        country, sector = countries.get(text, (None, None))
        return ActorRef(text=text, country=country, sector=sector)

    monkeypatch.setattr(links, "resolve_actor", fake_resolve)
    event = only(run(DEPOT_STORY))
    stances = [(c.claimant.text, c.stance, c.about, c.value) for c in event.claims]
    assert ("Washington", "accuses", "perpetrator", "SYR") in stances
    denial = next(c for c in event.claims if c.stance == "denies")
    assert denial.claimant.text == "Damascus" and denial.claimant.country == "SYR"
    assert "blew up by accident" in (denial.value or "")
    assert event.status == "occurred"


def test_claim_offsets_point_at_the_sentence(run, only):
    text = DEPOT_STORY
    event = only(run(text))
    for claim in event.claims:
        assert text[claim.start:claim.end] == claim.text


def test_claim_of_responsibility(run, only, monkeypatch):
    monkeypatch.setattr(links, "resolve_actor",
                        lambda text, on=None, implied_country=None: ActorRef(text=text, name="Example Front", sector="REB")
                        if "Front" in text else ActorRef(text=text))
    event = only(run("A car bomb exploded near the bus station on Friday. "
                     "The Example Front claimed responsibility for the bombing."))
    claim = next(c for c in event.claims if c.stance == "claims_responsibility")
    assert claim.about == "perpetrator" and claim.value == "Example Front"


def test_reported_speech_gives_an_asserting_source(run, only):
    event = only(run("Jets struck a bakery in the town, activists said."))
    assert [(c.claimant.text, c.stance, c.about) for c in event.claims] == [("activists", "asserts", "occurrence")]


def test_according_to(run, only):
    event = only(run("According to the health ministry, twelve people died in the shelling."))
    assert event.claims[0].claimant.text == "the health ministry"


def test_accusation_in_one_sentence(run, only):
    event = only(run("The rebels accused the army of violating the truce on Sunday."))
    assert event.type == "ceasefire_violation_alleged"
    claim = event.claims[0]
    assert (claim.claimant.text, claim.stance, claim.about) == ("The rebels", "accuses", "perpetrator")


def test_actors_named_by_role_take_the_story_country(run, only, monkeypatch):
    """"government helicopters" in a story set in one country are that country's."""
    seen = []

    def fake_resolve(text, on=None, implied_country=None):
        seen.append((text, implied_country))
        return ActorRef(text=text, country=implied_country if "government" in text else None, sector="MIL")

    monkeypatch.setattr(links, "resolve_actor", fake_resolve)
    monkeypatch.setattr(links, "story_places", lambda doc: ["somewhere"])
    monkeypatch.setattr(links, "story_country", lambda places, doc=None: "SYR")
    monkeypatch.setattr(links, "story_location", lambda places, country=None: None)
    event = only(run(DEPOT_STORY))
    accusation = next(c for c in event.claims if c.stance == "accuses")
    assert accusation.value == "SYR"
    assert ("government helicopters", "SYR") in seen
