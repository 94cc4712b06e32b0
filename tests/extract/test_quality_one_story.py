"""One story, one event: tolls belong to the act they report (issue 3, items 5, 6 and 8).

All reports are invented for these tests.
"""
from __future__ import annotations

import warnings
from datetime import date

from trucewatch.extract import extract
from trucewatch.records import Document

VIOLENT = {"air_strike", "shelling", "attack", "attack_on_civilians", "bombing", "armed_clash"}


def _violent(events):
    return [e for e in events if e.type in VIOLENT]


def test_a_killing_clause_is_the_toll_of_its_strike(run, only):
    event = only(run("Government helicopters dropped barrel bombs on a market in the village on "
                     "Monday, killing at least seven civilians."))
    assert event.type == "air_strike"
    assert (event.fatalities.low, event.fatalities.best) == (7, 7)
    assert "at least seven civilians" in [t.text for t in event.targets]


def test_killed_and_wounded_of_one_sentence_are_one_event(run, only):
    event = only(run("Government forces shelled the village on Monday, killing 4 and wounding 20."))
    assert event.fatalities.best == 4 and event.injured.best == 20


def test_a_relative_clause_toll_is_the_strike_s(run, only):
    event = only(run("Rebels shelled a market on Friday, which killed nine people."))
    assert event.type == "shelling" and event.fatalities.best == 9


def test_a_bare_toll_goes_to_the_preceding_violent_act(run):
    events = run("Artillery hit the village on Monday. Talks were held in the capital. "
                 "Nine people were killed.")
    violent = _violent(events)
    assert len(violent) == 1, [(e.type, e.status) for e in events]
    assert violent[0].fatalities.best == 9


def test_the_strike_wounded_fuses_with_the_strike(run):
    events = run("Jets struck the market in the town on Monday. "
                 "A monitoring group said the strike wounded 20 people, the worst breach of "
                 "the truce since it began on Saturday.")
    violent = _violent(events)
    assert len(violent) == 1, [(e.type, e.when) for e in events]
    assert violent[0].injured.best == 20
    assert violent[0].when.start.isoformat() == "2016-03-07"


def test_no_one_was_hurt_is_zero_injured(run):
    events = run("Shells hit the school on Tuesday. No one was hurt.")
    violent = _violent(events)
    assert len(violent) == 1
    injured = violent[0].injured
    assert (injured.low, injured.best, injured.high) == (0, 0, 0)


def test_a_negated_toll_does_not_split_the_story(run):
    events = run("Mortars hit the old town on Sunday. Nobody was killed, residents said.")
    assert len(_violent(events)) == 1
    assert _violent(events)[0].status == "occurred"


def test_the_title_and_the_body_tell_one_clash(nlp):
    """Ingest puts a report's title first; the body's clash is the one the title announced."""
    title = "Clashes reported near the river crossing"
    text = (f"{title}.\n\nArmy units and rebel fighters clashed near the river crossing on Monday "
            "night, both sides said. A rebel commander said three of his fighters were killed.")
    document = Document.from_text(text, title=title, published=date(2016, 3, 10))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        events = extract(document).events
    clashes = [e for e in events if e.type == "armed_clash"]
    assert len(clashes) == 1, [(e.type, e.when) for e in events]
    assert clashes[0].when.start == date(2016, 3, 7) and clashes[0].fatalities.best == 3
    assert len(clashes[0].evidence) >= 2


def test_a_type_statement_about_a_dropped_bomb_refines_the_raid(run, only):
    event = only(run("A raid on a clinic in the valley last week drew condemnation. Nurses said the raid "
                     "killed five patients. Inspectors said it was a barrel bomb dropped by a "
                     "government helicopter."))
    assert event.type == "air_strike" and event.fatalities.best == 5
    assert ("Inspectors", "type", "air_strike") in [(c.claimant.text, c.about, c.value) for c in event.claims]


def test_a_capital_that_acts_does_not_set_the_story_country(nlp):
    from trucewatch.extract import links
    from trucewatch.extract.where import story_places

    doc = nlp("Washington blamed the militia for the blast in Mosul on Friday.")
    country = links.story_country(story_places(doc), doc)
    assert country == "IRQ"
