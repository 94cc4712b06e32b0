"""Attribution grades per party (Airwars' scale) and act disputes kept apart from them."""
from __future__ import annotations

from trucewatch.incidents import fuse
from trucewatch.incidents.samples import FSA, GOV, RUS, make_document, make_event

ACTIVISTS = ("activists", None, None, "CVL")
MINISTRY = ("the defence ministry", "Syria", "SYR", "GOV")


def _grades(pairs):
    incidents = list(fuse(pairs))
    assert len(incidents) == 1
    return {g.party: g for g in incidents[0].parties}, incidents[0]


def _doc(text, outlet, day="2016-03-07"):
    return make_document(text, outlet, day)


def test_single_source_is_weak():
    a = _doc("Government jets hit a bakery in Idlib on Monday.", "A")
    grades, _ = _grades([(a, make_event(a, actors=[GOV]))])
    assert grades["SYR"].grade == "Weak" and grades["SYR"].independent_sources == 1


def test_two_independent_sources_are_fair():
    a = _doc("Government jets hit a bakery in Idlib on Monday.", "A")
    b = _doc("A bakery in Idlib was destroyed by a government air raid, a medic said.", "B")
    grades, _ = _grades([(a, make_event(a, actors=[GOV])), (b, make_event(b, actors=[GOV]))])
    assert grades["SYR"].grade == "Fair"


def test_denial_turns_grade_to_contested():
    a = _doc("Government jets hit a bakery in Idlib on Monday.", "A")
    b = _doc("A bakery in Idlib was destroyed by a government air raid, a medic said. The defence "
             "ministry denied its aircraft flew over the city.", "B")
    grades, incident = _grades([
        (a, make_event(a, actors=[GOV])),
        (b, make_event(b, actors=[GOV], claims=[MINISTRY + ("denies", "perpetrator", "SYR")])),
    ])
    assert grades["SYR"].grade == "Contested"
    assert any("denied" in r for r in grades["SYR"].reasons)
    assert not incident.act_disputed  # who did it is disputed, not whether it happened


def test_claim_of_responsibility_confirms():
    a = _doc("Rebels said they shelled an army post near Idlib.", "A")
    b = _doc("Shelling hit an army post near Idlib; the rebel command claimed it.", "B")
    grades, _ = _grades([
        (a, make_event(a, type="shelling", actors=[FSA])),
        (b, make_event(b, type="shelling", claims=[FSA + ("claims_responsibility", "perpetrator", None)])),
    ])
    assert grades["Free Syrian Army"].grade == "Confirmed"


def test_competing_attributions_are_contested():
    a = _doc("Syrian jets bombed the Idlib market at noon.", "A")
    b = _doc("A witness blamed Russian aircraft for the midday raid on the market in Idlib.", "B")
    grades, _ = _grades([(a, make_event(a, actors=[GOV])), (b, make_event(b, actors=[RUS]))])
    assert grades["SYR"].grade == "Contested" and grades["RUS"].grade == "Contested"


def test_retracted_attribution_is_discounted():
    a = _doc("Syrian jets bombed the Idlib market at noon. The agency later withdrew the claim.", "A")
    grades, _ = _grades([(a, make_event(a, claims=[
        ACTIVISTS + ("accuses", "perpetrator", "SYR"),
        ACTIVISTS + ("retracts", "perpetrator", "SYR")])) ])
    assert grades["SYR"].grade == "Discounted"


def test_disputed_act_is_kept_apart_from_attribution():
    a = _doc("Government jets hit a warehouse in Idlib.", "A")
    b = _doc("Officials said the warehouse in Idlib burned in an accidental fire.", "B")
    grades, incident = _grades([
        (a, make_event(a, actors=[GOV])),
        (b, make_event(b, claims=[MINISTRY + ("disputes", "type", "accidental fire")])),
    ])
    assert incident.act_disputed
    assert any("accidental fire" in r for r in incident.act_dispute_reasons)
    assert grades["SYR"].grade == "Weak"


def test_claim_naming_the_actor_by_name_meets_its_iso3_key():
    a = _doc("Government jets hit a bakery in Idlib on Monday.", "A")
    b = _doc("Officials in Damascus rejected reports that Syria's air force hit the Idlib bakery.", "B")
    grades, _ = _grades([(a, make_event(a, actors=[GOV])),
                         (b, make_event(b, claims=[MINISTRY + ("denies", "perpetrator", "Syria")]))])
    assert set(grades) == {"SYR"} and grades["SYR"].grade == "Contested"


def test_denial_of_the_act_by_a_bystander_creates_no_party():
    a = _doc("Government jets hit a bakery in Idlib on Monday. A local official denied any raid took place.", "A")
    grades, incident = _grades([(a, make_event(a, actors=[GOV], claims=[
        ("a local official", None, None, "GOV", "denies", "occurrence", None)]))])
    assert set(grades) == {"SYR"} and grades["SYR"].grade == "Weak"
    assert incident.act_disputed


def test_perpetrator_denying_the_act_contests_it():
    a = _doc("Government jets hit a bakery in Idlib on Monday; the defence ministry said no raid took place.", "A")
    grades, incident = _grades([(a, make_event(a, actors=[GOV], claims=[MINISTRY + ("denies", "occurrence", None)]))])
    assert grades["SYR"].grade == "Contested" and incident.act_disputed


def test_unidentified_wording_does_not_compete_with_a_named_party():
    a = _doc("Government warplanes hit the Idlib bakery at noon, residents said.", "A")
    b = _doc("Syrian jets destroyed a bakery in Idlib at midday according to a medic.", "B")
    vague = ("government warplanes", None, None, "MIL")
    grades, _ = _grades([(a, make_event(a, actors=[vague])), (b, make_event(b, actors=[GOV]))])
    assert grades["SYR"].grade == "Weak"
    assert grades["government warplanes"].grade == "Weak"
