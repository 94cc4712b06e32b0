"""Which statements are pledges (data/kinds.yaml), who reports them, how firm they are."""
from __future__ import annotations

from trucewatch.commitments import evaluate
from trucewatch.commitments.firmness import firmness_of, grade_rank, grades, reporter_kind
from trucewatch.commitments.kinds import kind_of, kinds
from trucewatch.commitments.record import Party
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV
from trucewatch.records import Claimant

from .conftest import ARMY_SAYS, REBELS_SAY, pledge

SYRIA = Party(key="SYR", label="Syria (SYR)", name="Syria", country="SYR", sector="MIL")


def test_kinds_are_told_apart_by_act_status_words_and_targets():
    assert kind_of("de_escalation", "planned", "The army will pull back its tanks.", []).name == "withdrawal"
    assert kind_of("de_escalation", "planned", "The army will scale back strikes.", []).name == "de_escalation"
    assert kind_of("de_escalation", "occurred", "The army scaled back strikes.", []) is None  # done, not pledged
    assert kind_of("ceasefire_agreed", "occurred", "They accepted the truce.", []).name == "ceasefire_acceptance"
    assert kind_of("ceasefire_declared", "occurred", "They declared a humanitarian pause.", []).name == \
        "humanitarian_pause"
    assert kind_of("concession", "planned", "They will free them.", ["40 prisoners"]).name == "release_of_detainees"
    assert kind_of("concession", "planned", "They will lift the ban.", ["the ban"]) is None
    assert kind_of("air_strike", "planned", "Jets will strike.", []) is None
    assert {k.name for k in kinds()} >= {"de_escalation", "ceasefire_acceptance", "humanitarian_pause",
                                          "withdrawal", "access_granted", "release_of_detainees"}


def test_who_reports_it_the_party_another_side_a_third_party_or_nobody_named():
    assert reporter_kind(Claimant(text="the army", name="Syria", country="SYR", sector="MIL"), SYRIA) == "the party"
    assert reporter_kind(Claimant(text="the FSA", name="Free Syrian Army", country="SYR", sector="REB"), SYRIA) == \
        "another side"
    assert reporter_kind(Claimant(text="Moscow", name="Russia", country="RUS", sector="GOV"), SYRIA) == "another side"
    assert reporter_kind(Claimant(text="the UN", name="United Nations", sector="IGO"), SYRIA) == "third party"
    assert reporter_kind(Claimant(text="a spokesman"), SYRIA) == "unnamed"
    assert reporter_kind(None, SYRIA) == "the outlet"


def test_grades_are_ranked_announced_reported_alleged_disputed_retracted():
    assert [grade_rank(g) for g in grades()] == [4, 3, 2, 1, 0]
    assert firmness_of("Confirmed", ["the party"], 1).grade == "announced"
    assert firmness_of("Weak", ["third party"], 1).grade == "reported"
    assert firmness_of("Weak", ["another side"], 1).grade == "alleged"
    assert firmness_of("Fair", ["another side", "unnamed"], 2).grade == "reported"
    assert firmness_of("Contested", ["the party"], 1).grade == "disputed"
    assert firmness_of(None, [], 0).grade == "reported"


def _firmness(*claims):
    views = evaluate(fuse([pledge("The army would scale back air strikes on Idlib.", "Wire A", "2016-03-07",
                                  actors=[GOV], claims=claims, named=("air_strike",))]))
    return views[0].commitment.firmness


def test_a_pledge_only_its_opponent_reports_ranks_below_one_it_announced_itself():
    announced, alleged = _firmness(ARMY_SAYS), _firmness(REBELS_SAY)
    assert (announced.grade, alleged.grade) == ("announced", "alleged")
    assert alleged.rank < announced.rank
    assert "only another side reports it" in alleged.reasons[-1]


def test_a_pledge_the_party_denies_is_disputed():
    denial = ("Syrian army", "Syria", "SYR", "MIL", "denies", "occurrence", None)
    assert _firmness(REBELS_SAY, denial).grade == "disputed"


def test_brokers_make_no_pledge_of_their_own():
    un = ("the United Nations", "United Nations", None, "IGO")
    views = evaluate(fuse([pledge("The UN and the army agreed a truce for Idlib.", "Wire A", "2016-03-07",
                                  type="ceasefire_agreed", status="occurred", actors=[un, GOV])]))
    assert [v.commitment.party.key for v in views] == ["SYR"]
