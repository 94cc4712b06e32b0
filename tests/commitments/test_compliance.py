"""A pledge checked as a one-party truce, on hand-built reports: verdicts, incidents, rates, reports read."""
from __future__ import annotations

from datetime import date

from trucewatch.commitments import evaluate
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import FSA, GOV, RUS

from .conftest import ARMY_SAYS, REBELS_SAY, pledge, report, strike

ARMY_PLEDGE = pledge("The army said on Monday it would scale back air strikes on Idlib from Tuesday.",
                     "Wire A", "2016-03-07", actors=[GOV], claims=[ARMY_SAYS], named=("air_strike",))


def _one(extractions, as_of=None, **kwargs):
    views = evaluate(fuse(extractions), as_of=as_of, **kwargs)
    assert len(views) == 1, [v.commitment.kind for v in views]
    return views[0]


def test_strikes_by_the_party_after_its_pledge_break_it_and_are_listed():
    view = _one([ARMY_PLEDGE,
                 strike("Jets struck a bakery in Idlib on Wednesday, residents said.", "Wire A", "2016-03-10",
                        when="2016-03-09", actors=[GOV]),
                 strike("Government aircraft bombed an Idlib bakery on Wednesday, killing two.", "Wire B",
                        "2016-03-10", when="2016-03-09", actors=[GOV])])
    c, a = view.commitment, view.assessment
    assert (c.starts.at.date(), c.starts.text, c.starts.how) == (date(2016, 3, 8), "Tuesday",
                                                                 "a start named in the statement")
    assert view.verdict == "broken"
    assert [f["verdict"] for f in a.breaches] == ["probable violation"]  # two independent outlets: Fair
    assert a.after.incidents == [a.breaches[0]["incident"]]
    assert a.breaches[0]["trace"]  # the truce checker's own steps come along


def test_a_single_report_of_a_strike_makes_it_only_possibly_broken():
    view = _one([ARMY_PLEDGE, strike("Jets struck a bakery in Idlib on Wednesday, residents said.", "Wire A",
                                     "2016-03-10", when="2016-03-09", actors=[GOV])])
    assert view.verdict == "possibly broken"
    assert "1 possible violation" in view.assessment.reason


def test_rates_before_and_after_come_with_the_reports_read_in_each_window():
    before = [strike(f"Jets hit a market in Idlib, report {n}.", f"Wire {n}", "2016-03-06",
                     when=f"2016-03-0{n}", actors=[GOV]) for n in (3, 6)]
    quiet = [report("Shops opened in Idlib on Thursday, a trader said.", "Wire C", "2016-03-11",
                    dict(type="protest", day="2016-03-10", place="Idlib")),
             report("Russian jets flew over Idlib on Friday, residents said.", "Wire D", "2016-03-12",
                    dict(type="military_flight", day="2016-03-11", place="Idlib", actors=[RUS])),
             report("Rebels shelled a post in Aleppo on Friday.", "Wire E", "2016-03-12",
                    dict(type="shelling", day="2016-03-11", place="Aleppo", actors=[GOV]))]
    view = _one([ARMY_PLEDGE, *before, *quiet], as_of=date(2016, 3, 12))
    a = view.assessment
    assert view.verdict == "kept"
    assert (a.after.days, a.after.breaches, a.after.reports) == (5, 0, 2)  # Aleppo is not its area
    assert (a.before.days, a.before.breaches) == (5, 2)
    assert a.before.per_day == 0.4 and a.after.per_day == 0.0
    assert a.before.reports == 3  # the two strikes and the pledge itself
    assert sum(d.reports for d in a.after.daily) == 2 and sum(d.breaches for d in a.before.daily) == 2
    assert any("Fewer reports is not fewer acts" in c for c in a.caveats)


def test_acts_by_others_or_elsewhere_do_not_break_it():
    view = _one([ARMY_PLEDGE,
                 strike("Russian jets struck Idlib on Wednesday.", "Wire B", "2016-03-10", when="2016-03-09",
                        actors=[RUS]),
                 strike("Army jets struck Aleppo on Wednesday.", "Wire C", "2016-03-10", when="2016-03-09",
                        actors=[GOV], place="Aleppo"),
                 strike("Army artillery shelled Idlib's outskirts on Wednesday.", "Wire D", "2016-03-10",
                        when="2016-03-09", actors=[GOV], type="shelling")])  # it pledged air strikes only
    assert view.verdict == "kept"
    assert view.assessment.breaches == []


def test_not_yet_assessable_too_soon_without_reports_without_party_or_place():
    too_soon = _one([ARMY_PLEDGE], as_of=date(2016, 3, 8))
    assert too_soon.verdict == "not yet assessable" and "only 1 day" in too_soon.assessment.reason
    silent = _one([ARMY_PLEDGE], as_of=date(2016, 3, 20))
    assert silent.verdict == "not yet assessable" and "no report about its area" in silent.assessment.reason
    not_begun = _one([ARMY_PLEDGE], as_of=date(2016, 3, 7))
    assert "after the latest report" in not_begun.assessment.reason
    unnamed = _one([pledge("Gunmen said they would stop shelling Idlib.", "Wire A", "2016-03-07",
                           actors=[("gunmen", None, None, "UAF")])])
    assert unnamed.commitment.party.key is None and unnamed.verdict == "not yet assessable"
    assert "not an identified actor" in unnamed.assessment.reason
    nowhere = _one([pledge("Islamic State said it would stop its attacks.", "Wire A", "2016-03-07",
                           actors=[("Islamic State", "Islamic State", None, "REB")], place=None)])
    assert nowhere.commitment.place is None and "too vague" in nowhere.assessment.reason


def test_a_pledge_with_no_place_holds_in_the_partys_country():
    view = _one([pledge("The Free Syrian Army said it accepted the truce from Tuesday.", "Wire A", "2016-03-07",
                        type="ceasefire_agreed", status="occurred", actors=[FSA], claims=[REBELS_SAY], place=None),
                 strike("Rebels shelled a post in Aleppo on Wednesday.", "Wire B", "2016-03-10", when="2016-03-09",
                        actors=[FSA], type="shelling")])
    assert view.commitment.kind == "ceasefire_acceptance"
    assert view.commitment.place.precision == "country" and view.commitment.place.country == "SYR"
    assert view.verdict == "possibly broken"  # Aleppo lies in Syria


def test_a_pledge_for_72_hours_does_not_cover_the_days_after():
    short = pledge("The army said on Monday it would halt air strikes on Idlib for 48 hours from Tuesday.",
                   "Wire A", "2016-03-07", actors=[GOV], claims=[ARMY_SAYS], named=("air_strike",))
    later = strike("Jets struck Idlib on Friday, residents said.", "Wire B", "2016-03-12", when="2016-03-11",
                   actors=[GOV])
    view = _one([short, later])
    assert view.commitment.ends.at.date() == date(2016, 3, 9) and view.commitment.ends.text == "for 48 hours"
    assert view.assessment.breaches == []
    assert view.assessment.after.days == 2


def test_a_pledge_to_let_aid_in_is_kept_when_reported_done_and_broken_by_a_blocked_convoy():
    access = pledge("The government said it would allow aid convoys into Idlib from Tuesday.", "Wire A",
                    "2016-03-07", type="access_allowed", actors=[GOV], claims=[ARMY_SAYS])
    done = report("Aid convoys entered Idlib on Wednesday after the government let them pass.", "Wire B",
                  "2016-03-10", dict(type="access_allowed", day="2016-03-09", actors=[GOV]))
    blocked = report("Soldiers turned back an aid convoy outside Idlib on Thursday.", "Wire C", "2016-03-11",
                     dict(type="aid_blocked", day="2016-03-10", actors=[GOV]))
    kept = _one([access, done])
    assert kept.commitment.kind == "access_granted" and kept.commitment.promise == "performs"
    assert kept.verdict == "kept" and len(kept.assessment.fulfilled_by) == 1
    broken = _one([access, blocked])
    assert broken.verdict == "possibly broken"
    assert broken.assessment.breaches[0]["provisions"] == ["obligation: aid_access"]


def test_a_pledge_told_by_two_outlets_is_one_commitment_with_both_reports():
    second = pledge("The army said on Monday it would scale back air strikes on Idlib from Tuesday, state "
                    "television reported.", "Wire B", "2016-03-07", actors=[GOV], claims=[ARMY_SAYS],
                    named=("air_strike",))
    view = _one([ARMY_PLEDGE, second])
    assert len(view.commitment.reports) == 2
    assert {r.outlet for r in view.commitment.reports} == {"Wire A", "Wire B"}
    quote = view.commitment.reports[0]
    assert quote.quote and quote.end > quote.start


def test_the_area_rule_for_many_incidents_is_the_checkers_place_step():
    from trucewatch.commitments.area import commitment_area, one_party_terms
    from trucewatch.commitments.compliance import CommitmentChecker
    from trucewatch.truce.checker import TruceChecker

    places = [("Idlib", "city"), ("Idlib", "exact"), ("Maarrat Misrin", "city"), ("Maarrat Misrin", "admin2"),
              ("Hama", "city"), ("Hama", "admin2"), ("Aleppo", "neighbourhood")]
    reports = [report(f"Report {n} of an act.", f"Wire {n}", "2016-03-09",
                      dict(type="protest", place=name, place_precision=precision))
               for n, (name, precision) in enumerate(places)]
    incidents = fuse([ARMY_PLEDGE, *reports])
    commitment = evaluate(incidents)[0].commitment
    area = commitment_area(commitment)
    checker = CommitmentChecker(incidents, commitments=[commitment])
    inside = {inc.id for inc in checker._area(commitment, area, checker._bounds(commitment, area))[2]}
    truce = TruceChecker(one_party_terms(commitment, commitment.starts.at, commitment.starts.at), area)
    expected = {inc.id for inc in incidents if truce.place_of(inc)[0] is None}
    assert inside == expected
    assert 2 <= len(inside) < len(places)  # some in, some out: the comparison means something
