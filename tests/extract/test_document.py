"""Document level: one story, one event; time, casualties and place attached to the right act."""
from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import links
from trucewatch.records import ActorRef, Location

HOSPITAL_STORY = (
    "A deadly raid on a field hospital in the north last week destroyed its only operating theatre. "
    "Local doctors said the raid killed at least nine people, including two nurses. "
    "Investigators said it was a barrel bomb."
)


def test_one_story_one_event(run, only):
    event = only(run(HOSPITAL_STORY))
    assert event.type == "air_strike"
    assert event.acled.sub_event_type == "Air/drone strike"
    assert (event.when.start, event.when.end, event.when.precision) == (date(2016, 2, 29), date(2016, 3, 6), "week")
    assert event.fatalities.low == 9 and event.fatalities.best == 9
    type_claims = [c for c in event.claims if c.about == "type"]
    assert [(c.claimant.text, c.value) for c in type_claims] == [("Investigators", "air_strike")]
    assert [span.start for span in event.evidence] == [0, HOSPITAL_STORY.index("Local"), HOSPITAL_STORY.index("Investigators")]
    for span in event.evidence:
        assert HOSPITAL_STORY[span.start:span.end] == span.text
    assert any(t.protected for t in event.targets)


def test_event_ids_count_from_one(run):
    events = run("Jets struck a bakery on Monday. On Wednesday, rebels shelled the airport.")
    assert [e.id.split(":")[1] for e in events] == ["1", "2"]
    assert [e.type for e in events] == ["air_strike", "shelling"]


# Publication: Thursday 10 March 2016.
@pytest.mark.parametrize("text, start, end, precision", [
    ("The ministers talked by phone on Monday.", date(2016, 3, 7), date(2016, 3, 7), "day"),
    ("The minister will fly to Paris on Friday.", date(2016, 3, 11), date(2016, 3, 11), "day"),
    ("Rebels shelled the airport on Thursday.", date(2016, 3, 10), date(2016, 3, 10), "day"),
    ("The minister will visit the capital on Thursday.", date(2016, 3, 10), date(2016, 3, 10), "day"),
    ("Rebels shelled the airport on Friday.", date(2016, 3, 4), date(2016, 3, 4), "day"),
    ("Jets struck the town yesterday.", date(2016, 3, 9), date(2016, 3, 9), "day"),
    ("Jets struck the town last month.", date(2016, 2, 1), date(2016, 2, 29), "month"),
    ("Fighting has raged for the past ten days.", date(2016, 2, 29), date(2016, 3, 10), "days"),
])
def test_relative_dates_through_the_pipeline(run, text, start, end, precision):
    event = run(text)[0]
    assert (event.when.start, event.when.end, event.when.precision) == (start, end, precision)


def test_no_time_expression_ends_at_publication(run, only):
    event = only(run("Jets struck the town."))
    assert event.when.end == date(2016, 3, 10) and event.when.precision == "unknown"


def test_date_is_carried_from_an_earlier_sentence(run):
    events = run("Fighting broke out near the dam on 3 March 2016. Rebels later seized the power station.")
    assert events[-1].type == "territory_captured"
    assert events[-1].when.start == date(2016, 3, 3)


def test_casualties_go_to_the_right_event(run):
    events = run("Jets struck a market on Monday, killing six civilians including two women. "
                 "On Tuesday the two ministers met in the capital.")
    strike, meeting = events
    assert strike.fatalities.best == 6
    assert meeting.fatalities is None


def test_killed_and_injured_kept_apart(run, only):
    event = only(run("Rebels shelled the old city, killing some 20 people and wounding dozens."))
    assert event.fatalities.best == 20
    assert event.injured is not None and event.injured.low >= 24


def test_counts_of_trucks_are_not_deaths(run):
    events = run("A convoy of 40 trucks delivered flour to the town.")
    assert events and events[0].fatalities is None


def test_location_is_chosen_per_event(run, monkeypatch):
    here = Location(text="Riverton", name="Riverton", precision="city")
    there = Location(text="Hilltown", name="Hilltown", precision="city")

    def fake_locate(doc, sentence, token, places):
        return here if "Riverton" in sentence.text else there if "Hilltown" in sentence.text else None

    monkeypatch.setattr(links, "locate", fake_locate)
    monkeypatch.setattr(links, "story_places", lambda doc: ["a place"])
    monkeypatch.setattr(links, "story_location", lambda places, country=None: there)
    events = run("Jets struck Riverton on Monday. Rebels shelled Hilltown on Tuesday. "
                 "Police arrested a smuggler on Wednesday.")
    assert [e.location.name for e in events] == ["Riverton", "Hilltown", "Hilltown"]


@pytest.mark.real_places
def test_real_places_are_geocoded(run):
    events = run("Government jets struck a bakery in Idlib on Monday.")
    assert events[0].location is not None and events[0].location.country == "SYR"
    assert events[0].location.lat is not None


def test_toll_of_a_continuing_noun_act(run, only, monkeypatch):
    countries = {"Syrian": "SYR", "Russian": "RUS"}
    monkeypatch.setattr(links, "resolve_actor", lambda text, on=None, implied_country=None:
                        ActorRef(text=text, country=countries.get(text)))
    event = only(run("Syrian and Russian bombing of rebel-held districts continued on Monday, "
                     "killing at least 12 people."))
    assert event.type == "air_strike"  # a state's bombing is from the air
    assert event.status == "ongoing"
    assert [a.country for a in event.actors] == ["SYR", "RUS"]
    assert event.fatalities.low == 12
