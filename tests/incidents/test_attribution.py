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
    assert set(grades) == {"SYR"}  # unresolved wording is never graded as a party


def test_unresolved_initiators_are_listed_not_graded():
    a = _doc("Fighters who entered the town opened fire on Monday.", "A")
    words = [("who", None, None, None), ("fighters", None, None, "REB"), ("its aircraft", None, None, "MIL"),
             ("nine people", None, None, "CVL"), ("HAMA", None, None, None)]
    grades, incident = _grades([(a, make_event(a, type="armed_clash", actors=words))])
    assert grades == {}
    assert incident.unidentified_actors == ["who", "fighters", "its aircraft", "nine people", "HAMA"]


def test_a_country_code_alone_on_a_non_state_actor_is_not_the_state():
    a = _doc("Rebels shelled a checkpoint in Idlib on Monday.", "A")
    grades, incident = _grades([(a, make_event(a, type="shelling", actors=[("rebels", None, "SYR", "REB")]))])
    assert grades == {} and incident.unidentified_actors == ["rebels"]


def test_invalid_country_code_does_not_make_a_party():
    a = _doc("The army said it repelled an attack in Idlib on Monday.", "A")
    grades, _ = _grades([(a, make_event(a, type="armed_clash", actors=[("The army", None, "SY", "MIL")]))])
    assert grades == {}


def test_one_key_per_state_however_it_is_named():
    a = _doc("Government helicopters bombed a market in Idlib on Monday.", "A")
    b = _doc("Syria bombed the Idlib market on Monday, a medic said.", "B")
    c = _doc("The Idlib market was hit on Monday; activists blamed Damascus.", "C")
    grades, _ = _grades([
        (a, make_event(a, actors=[("Government helicopters", "Syria", "SYR", "MIL")])),
        (b, make_event(b, actors=[("Syria", "Syria", None, None)])),
        (c, make_event(c, claims=[ACTIVISTS + ("accuses", "perpetrator", "Syria")])),
    ])
    assert set(grades) == {"SYR"}
    assert grades["SYR"].label == "Syria (SYR)" and grades["SYR"].independent_sources == 3


def test_a_claim_of_responsibility_confirms_only_the_claimant():
    """The rebels claiming an attack on a Syrian post confirms the rebels, never the Syrian state."""
    a = _doc("Rebels said they shelled an army post near Idlib.", "A")
    grades, _ = _grades([(a, make_event(a, type="shelling", actors=[FSA], claims=[
        FSA + ("claims_responsibility", "perpetrator", "SYR")]))])
    assert grades["Free Syrian Army"].grade == "Confirmed"
    assert "SYR" not in grades


def test_an_unresolved_claimant_cannot_confirm():
    a = _doc("Shelling hit an army post near Idlib; a group claimed it.", "A")
    grades, _ = _grades([(a, make_event(a, type="shelling", claims=[
        ("a group", None, None, None, "claims_responsibility", "perpetrator", "Free Syrian Army")]))])
    assert grades["Free Syrian Army"].grade == "Weak"


def test_a_party_naming_itself_as_perpetrator_confirms():
    a = _doc("The defence ministry said its jets struck targets near Idlib.", "A")
    grades, _ = _grades([(a, make_event(a, claims=[MINISTRY + ("asserts", "perpetrator", "SYR")]))])
    assert grades["SYR"].grade == "Confirmed"


def test_confirming_that_an_act_happened_is_not_accepting_responsibility():
    a = _doc("Government jets hit a bakery in Idlib; the ministry confirmed an explosion there.", "A")
    grades, _ = _grades([(a, make_event(a, actors=[GOV], claims=[MINISTRY + ("confirms", "occurrence", None)]))])
    assert grades["SYR"].grade == "Weak"


def test_accusing_another_party_does_not_confirm_it():
    a = _doc("The rebels accused government jets of the Idlib raid.", "A")
    grades, _ = _grades([(a, make_event(a, claims=[FSA + ("accuses", "perpetrator", "SYR")]))])
    assert grades["SYR"].grade == "Weak" and "Free Syrian Army" not in grades


def test_a_denial_alone_makes_no_party():
    a = _doc("A market in Idlib was hit on Monday. Moscow denied any role.", "A")
    grades, _ = _grades([(a, make_event(a, claims=[("Moscow", "Russia", "RUS", "GOV", "denies", "perpetrator", "RUS")]))])
    assert grades == {}


def test_rebels_resolved_only_to_a_country_name_are_not_that_state():
    a = _doc("Rebel mortar shells hit a street in Aleppo on Monday.", "A")
    grades, incident = _grades([(a, make_event(a, type="shelling", actors=[("Rebel mortar shells", "Syria", "SYR", "REB")]))])
    assert grades == {} and incident.unidentified_actors == ["Rebel mortar shells"]
