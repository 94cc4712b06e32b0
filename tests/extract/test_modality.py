"""occurred, ongoing, planned, negated, hypothetical — and a denial is not a negation."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, status", [
    ("Troops shelled the town yesterday.", "occurred"),
    ("Government forces are shelling the old city.", "ongoing"),
    ("Rebels continue to shell the airport.", "ongoing"),
    ("The army will attack the town.", "planned"),
    ("The army would attack the town at dawn.", "planned"),
    ("The minister is to visit the capital.", "planned"),
    ("The army plans to attack the town.", "planned"),
    ("The command decided to withdraw its units from the border.", "planned"),
    ("The group threatened to attack the convoys.", "planned"),
    ("Jets did not strike the village.", "negated"),
    ("There was no shelling on Sunday.", "negated"),
    ("Police prevented an attack on the church.", "negated"),
    ("If the talks fail, the rebels could attack.", "hypothetical"),
    ("The militia may attack the town.", "hypothetical"),
])
def test_status(run, text, status):
    violent = [e for e in run(text) if e.type not in ("threat",)]
    assert violent and violent[0].status == status, [(e.type, e.status) for e in violent]


def test_threat_itself_occurred(run, only):
    assert only(run("The group threatened to attack the convoys."), "threat").status == "occurred"


def test_no_one_hurt_is_zero_injured(run, only):
    event = only(run("Jets struck an empty warehouse on Monday, and no one was hurt."))
    assert event.status == "occurred"
    assert event.injured is not None and (event.injured.low, event.injured.best, event.injured.high) == (0, 0, 0)


def test_denied_act_keeps_its_status_and_carries_the_denial(run, only):
    event = only(run("Moscow denied bombing the market in the old town."))
    assert event.type in ("bombing", "air_strike")
    assert event.status == "occurred"
    denial = [c for c in event.claims if c.stance == "denies"]
    assert len(denial) == 1 and denial[0].claimant.text == "Moscow"


def test_negation_is_not_a_denial(run, only):
    event = only(run("Jets did not strike the village on Sunday."))
    assert event.status == "negated"
    assert not [c for c in event.claims if c.stance == "denies"]
