"""The main event, salience and background mentions (issue 10 item 1).

Every report is our own, written for these tests.
"""
from datetime import date

PUBLISHED = date(2016, 3, 10)

TRUCE_PUSH = """Envoy heads to Ankara as shelling hits Azaz

The United Nations envoy said on Wednesday he would fly to Ankara and Tehran next week to seek backing for a nationwide truce.

The war has killed more than 400,000 people since 2011 and driven millions from their homes.

On Tuesday artillery shelled a market in Azaz, killing four people, a monitoring group said. Ankara denied the report.

A local truce in the town of Madaya, agreed last year, was due to take effect again on Friday."""


def test_every_report_marks_one_main_event_and_scores_the_rest(run):
    events = run("Gunmen attacked a police post outside Gao on Sunday, killing three officers. "
                 "The mayor condemned the attack.", PUBLISHED)
    assert sum(e.main for e in events) == 1
    assert all(e.salience is not None and 0 <= e.salience.score <= 1 for e in events)
    main = next(e for e in events if e.main)
    assert main.type == "armed_clash"
    assert {"toll", "first sentence"} <= set(main.salience.reasons)


def test_a_war_toll_is_background_and_never_a_toll(run):
    events = run("The war has killed more than 400,000 people since 2011.", PUBLISHED)
    assert all(e.status == "background" and not e.main for e in events)
    assert all(e.fatalities is None for e in events)


def test_a_superlative_summary_of_the_conflict_is_background(run):
    events = run("Government forces pressed on with their assault on the town, which has seen some of "
                 "the fiercest bombing of the conflict.", PUBLISHED)
    summaries = [e for e in events if e.type in ("air_strike", "bombing")]
    assert summaries and all(e.status == "background" for e in summaries)
    main = next(e for e in events if e.main)
    assert main.type == "armed_clash"  # pressing on with an offensive is the offensive, not an appeal


def test_in_a_long_report_background_stays_out_and_the_denial_sits_on_the_act(run):
    events = run(TRUCE_PUSH, PUBLISHED)
    counted = [e for e in events if e.reported()]
    assert not [e for e in counted if e.status == "background"]
    shelling = next(e for e in events if e.type == "shelling")
    assert shelling.fatalities.best == 4
    assert [c.stance for c in shelling.claims if c.claimant.country == "TUR"] == ["denies"]
    assert not [e for e in events if e.type == "denial"]
    assert all((e.fatalities.best if e.fatalities else 0) < 1000 for e in events)
    truces = [e for e in events if e.type.startswith("ceasefire")]
    assert all(not e.reported() for e in truces)  # asked for, or a background frame


def test_reported_keeps_main_and_salient_events_unless_all_are_asked_for(run):
    events = run(TRUCE_PUSH, PUBLISHED)
    assert all(e.reported() for e in events if e.main)
    quiet = [e for e in events if e.status != "background" and not e.main and not e.salience.salient]
    assert all(not e.reported() and e.reported(all_events=True) for e in quiet)
    assert all(not e.reported(all_events=True) for e in events if e.status == "background")
