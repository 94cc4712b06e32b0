"""Issue 17's acceptance cases end to end: invented reports (our own words) through extraction,
fusion, commitment building and the one-party truce check."""
from __future__ import annotations

from datetime import date

import pytest

import trucewatch
from trucewatch.commitments import evaluate
from trucewatch.incidents import fuse


def _extract(*reports: tuple[str, str, str]):
    return [trucewatch.extract(text, published=date.fromisoformat(day), source=outlet)
            for day, outlet, text in reports]


def _views(*reports, as_of=None):
    incidents = fuse(_extract(*reports))
    return evaluate(incidents, as_of=as_of), incidents


def _only(views, party: str, kind: str | None = None):
    found = [v for v in views if v.commitment.party.key == party and (kind is None or v.commitment.kind == kind)]
    assert len(found) == 1, [(v.commitment.party.key, v.commitment.kind) for v in views]
    return found[0]


@pytest.fixture(scope="module")
def army_pledge_then_strikes():
    return _views(
        ("2016-04-05", "Levant Wire", "The Syrian army said on Tuesday it would scale back air strikes in Talbiseh."),
        ("2016-04-07", "Levant Wire", "Syrian army warplanes struck a school in Talbiseh on Wednesday, killing three "
                                      "children, residents said."),
        ("2016-04-07", "Orontes Gazette", "Government jets bombed a school in Talbiseh on Wednesday, a local doctor "
                                          "told reporters, saying three children died."),
        ("2016-04-11", "Hama Daily", "Army helicopters dropped barrel bombs on the outskirts of Talbiseh on Saturday, "
                                     "activists said."),
    )


def test_army_scaling_back_strikes_then_striking_the_town_is_broken_with_those_incidents(army_pledge_then_strikes):
    views, incidents = army_pledge_then_strikes
    view = _only(views, "SYR", "de_escalation")
    assert view.commitment.place.name == "Talbiseh"
    assert view.commitment.acts == ["aerial"]  # "air strikes", named in its own sentence
    assert view.verdict == "broken"
    strikes = {inc.id for inc in incidents if inc.type in ("air_strike", "barrel_bomb") and inc.status == "occurred"}
    breached = {f["incident"] for f in view.assessment.breaches}
    assert breached == strikes and len(strikes) == 2
    verdicts = sorted(f["verdict"] for f in view.assessment.breaches)
    # the school strike told by two independent outlets; the barrel bombs by activists alone
    assert verdicts == ["possible violation", "probable violation"]
    assert set(view.assessment.after.incidents) == breached
    assert view.assessment.after.breaches == 2 and view.assessment.before.breaches == 0


def test_group_accepting_a_ceasefire_with_no_later_incidents_is_kept_with_reports_counted():
    views, _ = _views(
        ("2016-04-03", "Hama Daily", "Free Syrian Army fighters clashed with government troops near Rastan on "
                                     "Sunday, a monitor said."),
        ("2016-04-05", "Levant Wire", "The Free Syrian Army said on Tuesday it accepted the ceasefire in Rastan "
                                      "from midnight."),
        ("2016-04-07", "Hama Daily", "Government artillery shelled farmland near Rastan on Thursday, residents said."),
        ("2016-04-09", "Levant Wire", "The Syrian Arab Red Crescent delivered flour and blankets to Rastan on Friday, "
                                      "the organisation said."),
    )
    view = _only(views, "Free Syrian Army", "ceasefire_acceptance")
    a = view.assessment
    assert view.verdict == "kept"
    assert a.after.breaches == 0 and a.after.reports == 2  # the shelling and the aid reports
    assert a.before.breaches == 1  # the clash two days before it accepted
    assert "2 report(s) about the area" in a.reason
    assert a.as_of == date(2016, 4, 9)


def test_a_conditional_pledge_is_marked_conditional():
    views, _ = _views(
        ("2016-04-05", "Levant Wire", "The Free Syrian Army said on Monday it would scale back its shelling of "
                                      "Talbiseh if the army stopped its air raids on the town."),
    )
    view = _only(views, "Free Syrian Army")
    assert view.commitment.conditional
    assert view.commitment.condition == "if the army stopped its air raids on the town"
    assert view.commitment.acts == ["shelling"]  # the raids are the condition, not the promise
    assert any("conditional" in caveat for caveat in view.assessment.caveats)


def test_a_pledge_only_its_opponent_reports_is_graded_below_one_the_party_announced():
    views, _ = _views(
        ("2016-04-05", "Levant Wire", "The Free Syrian Army said the army had decided to scale back air strikes on "
                                      "Talbiseh."),
        ("2016-04-05", "Orontes Gazette", "The Syrian army said on Tuesday it would scale back air strikes in Rastan."),
    )
    alleged = next(v for v in views if v.commitment.place.name == "Talbiseh").commitment
    announced = next(v for v in views if v.commitment.place.name != "Talbiseh").commitment
    assert alleged.party.key == announced.party.key == "SYR"
    assert alleged.firmness.grade == "alleged" and announced.firmness.grade == "announced"
    assert alleged.firmness.rank < announced.firmness.rank
    assert [r.reporter for r in alleged.reports] == ["another side"]
