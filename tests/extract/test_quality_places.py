"""The story's main place for acts whose sentence names none; datelines name no act's place
(issue 3, item 4). Uses the real gazetteer stage.

All reports are invented for these tests.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.real_places


def test_the_dateline_place_is_the_main_place_not_the_country(run, only):
    event = only(run("HAMA, Syria (Example Wire) - Government helicopters struck a bakery on "
                     "Monday, killing five people."), "air_strike")
    assert event.location is not None
    assert event.location.name == "Hama" and event.location.precision == "city"
    assert [a.text for a in event.actors] == ["Government helicopters"]


def test_an_act_without_a_place_takes_the_story_default(run):
    events = run("Jets struck a bakery in Kafr Zita on Monday, killing five people. "
                 "Rebels said artillery shelled a school on Tuesday.")
    shelling = next(e for e in events if e.type == "shelling")
    assert shelling.location is not None and shelling.location.name == "Kafr Zita"
    assert "main place" in (shelling.location.note or "")


def test_roles_take_the_story_country_in_alpha3(run):
    events = run("HAMA, Syria - The army shelled the village of Kafr Zita on Monday.")
    army = [a for e in events for a in e.actors if a.text == "The army"]
    assert army and army[0].country == "SYR"


def test_a_city_is_no_actor_but_a_capital_is_its_government(run):
    actors = [a.text for e in run("Hama welcomed the truce on Monday.") for a in e.actors]
    assert "Hama" not in actors
    capitals = [a.country for e in run("Damascus rejected the truce on Monday.") for a in e.actors]
    assert "SYR" in capitals


def test_a_dated_dateline_still_gives_the_place(run):
    events = run("HOMS, Syria, March 3 (Example Wire) - Jets struck a bakery, killing two people.")
    strike = next(e for e in events if e.type in ("air_strike", "attack"))
    assert strike.location is not None and strike.location.name == "Homs"
