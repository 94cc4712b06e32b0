"""Findings for hand-built multi-report scenarios against the example Idlib truce (1-14 March 2016)."""
from __future__ import annotations

from trucewatch.incidents import fuse
from trucewatch.incidents.samples import FSA, GOV, IS, RUS, make_document, make_event
from trucewatch.truce import check

MINISTRY = ("the defence ministry", "Syria", "SYR", "GOV")


def _only(truce, pairs):
    incidents = fuse(pairs)
    assert len(incidents) == 1
    findings = check(truce, incidents)
    return findings[0]


def test_strike_by_party_told_twice_is_probable_violation(example_truce):
    a = make_document("Government jets bombed Maarrat Misrin market on Monday, medics said.", "A", "2016-03-07")
    b = make_document("Residents counted the dead after a government air raid on the Maarrat Misrin "
                      "market the day before.", "B", "2016-03-08")
    f = _only(example_truce, [(a, make_event(a, place="Maarrat Misrin", actors=[GOV])),
                              (b, make_event(b, place="Maarrat Misrin", day="2016-03-07", actors=[GOV]))])
    assert f.verdict == "probable violation"
    assert "prohibited: air_strike" in f.provisions
    assert f.parties[0].grade == "Fair" and f.parties[0].standing == "party"
    assert any(step.startswith("place:") and "inside the area" in step for step in f.trace)
    assert any(step.startswith("time:") and "inside the window" in step for step in f.trace)


def test_claimed_strike_is_violation(example_truce):
    a = make_document("The rebel command said its fighters shelled an army post in Idlib.", "A", "2016-03-05")
    f = _only(example_truce, [(a, make_event(a, type="shelling",
                                             claims=[FSA + ("claims_responsibility", "perpetrator", None)]))])
    assert f.verdict == "violation"


def test_denial_contests_the_party_but_two_sources_keep_the_act_probable(example_truce):
    a = make_document("Government jets bombed Idlib on Saturday, activists said.", "A", "2016-03-05")
    b = make_document("Witnesses in Idlib described a government air raid; the defence ministry denied "
                      "any of its aircraft were involved.", "B", "2016-03-05")
    f = _only(example_truce, [(a, make_event(a, actors=[GOV])),
                              (b, make_event(b, actors=[GOV], claims=[MINISTRY + ("denies", "perpetrator", "SYR")]))])
    assert f.parties[0].grade == "Contested"
    assert f.verdict == "probable violation"
    assert f.rule == "two independent sources" and f.attribution == "contested"


def test_denial_with_a_single_source_is_only_possible(example_truce):
    a = make_document("Witnesses in Idlib described a government air raid; the defence ministry denied "
                      "any of its aircraft were involved.", "B", "2016-03-05")
    f = _only(example_truce, [(a, make_event(a, actors=[GOV], claims=[MINISTRY + ("denies", "perpetrator", "SYR")]))])
    assert f.parties[0].grade == "Contested"
    assert f.verdict == "possible violation" and f.rule == "grade"


def test_fight_by_excluded_group_is_not_a_violation(example_truce):
    a = make_document("Islamic State fighters clashed with a tribal militia on the edge of Idlib.", "A", "2016-03-06")
    f = _only(example_truce, [(a, make_event(a, type="armed_clash", actors=[IS]))])
    assert f.verdict == "not a violation"
    assert f.parties[0].standing == "excluded"
    assert any("excluded group" in step for step in f.trace)


def test_incident_outside_the_area_is_out_of_scope(example_truce):
    a = make_document("Jets bombed Aleppo's eastern districts on Sunday.", "A", "2016-03-06")
    f = _only(example_truce, [(a, make_event(a, place="Aleppo", actors=[GOV]))])
    assert f.verdict == "out of scope"
    assert f.distance_km is not None and 30 < f.distance_km < 60
    assert any("km outside the area" in step for step in f.trace)


def test_incident_before_the_truce_is_out_of_scope(example_truce):
    a = make_document("Jets bombed Idlib on 20 February.", "A", "2016-02-21")
    f = _only(example_truce, [(a, make_event(a, day="2016-02-20", actors=[GOV]))])
    assert f.verdict == "out of scope" and any("before the truce began" in s for s in f.trace)


def test_month_precision_straddling_start_is_at_most_possible(example_truce):
    a = make_document("Government shelling hit Idlib several times in February and March, a monitor said "
                      "in a monthly summary.", "A", "2016-04-01")
    b = make_document("A second monitor also blamed government artillery for shelling Idlib during "
                      "February and early March.", "B", "2016-04-02")
    f = _only(example_truce, [
        (a, make_event(a, type="shelling", day="2016-02-15", end="2016-03-10", precision="month", actors=[GOV])),
        (b, make_event(b, type="shelling", day="2016-02-15", end="2016-03-10", precision="month", actors=[GOV])),
    ])
    assert f.parties[0].grade == "Fair"
    assert f.verdict == "possible violation"
    assert any("only partly" in step for step in f.trace)


def test_country_precision_is_at_most_possible(example_truce):
    a = make_document("The rebels said government forces claimed the strike in northern Syria.", "A", "2016-03-05")
    e = make_event(a, place=None, claims=[MINISTRY + ("claims_responsibility", "perpetrator", "SYR")])
    from trucewatch.records import Location
    e.location = Location(text="Syria", name="Syria", country="SYR", precision="country", lat=35.0, lon=38.0)
    f = _only(example_truce, [(a, e)])
    assert f.verdict == "possible violation"
    assert any("located only to the country" in step for step in f.trace)


def test_denied_aid_blocking_is_a_finding(example_truce):
    a = make_document("The UN said government checkpoints turned back an aid convoy bound for Idlib.", "A", "2016-03-09")
    f = _only(example_truce, [(a, make_event(a, type="aid_blocked", actors=[GOV],
                                             claims=[MINISTRY + ("denies", "perpetrator", "SYR")]))])
    assert "obligation: aid_access" in f.provisions
    assert f.verdict == "possible violation"


def test_overflight_is_a_finding_and_exemption_is_considered(example_truce):
    a = make_document("Government jets flew low over Idlib all afternoon.", "A", "2016-03-10")
    b = make_document("Russian reconnaissance planes circled above Idlib at noon.", "B", "2016-03-11")
    findings = check(example_truce, fuse([(a, make_event(a, type="military_flight", actors=[GOV])),
                                          (b, make_event(b, type="military_flight", actors=[RUS]))]))
    verdicts = sorted(f.verdict for f in findings)
    assert verdicts == ["not a violation", "possible violation"]
    exempted = next(f for f in findings if f.verdict == "not a violation")
    assert exempted.parties[0].exempted_by and any("exempted" in s for s in exempted.trace)


def test_unattributed_shelling_is_unattributable(example_truce):
    # shelling is not among the example truce's capabilities: nobody may be named for it
    a = make_document("Shells of unknown origin fell on Idlib at dawn.", "A", "2016-03-03")
    f = _only(example_truce, [(a, make_event(a, type="shelling"))])
    assert f.verdict == "unattributable" and f.rule == "unattributable" and f.parties == []


def test_not_prohibited_act_is_not_a_violation(example_truce):
    a = make_document("Hundreds protested in central Idlib on Friday.", "A", "2016-03-04")
    f = _only(example_truce, [(a, make_event(a, type="protest"))])
    assert f.verdict == "not a violation" and f.provisions == []


def test_finding_json_shape(example_truce):
    a = make_document("Government jets bombed Idlib on Saturday.", "A", "2016-03-05")
    data = _only(example_truce, [(a, make_event(a, actors=[GOV]))]).as_dict()
    assert set(data) >= {"incident", "verdict", "provisions", "parties", "trace"}
    assert data["parties"][0]["grade"] == "Weak" and data["verdict"] == "possible violation"


def test_march_report_against_truce_starting_mid_march_is_possible(example_path):
    import yaml

    from trucewatch.truce import parse_truce
    terms = parse_truce({**yaml.safe_load(example_path.read_text()), "start": "2016-03-10T00:00",
                         "end": "2016-04-10T00:00"}, "mid-march.yaml")
    a = make_document("Government helicopters bombed Idlib in March, a monthly bulletin said.", "A", "2016-04-02")
    b = make_document("Another monitor's March summary lists government air raids on Idlib.", "B", "2016-04-03")
    f = _only(terms, [
        (a, make_event(a, day="2016-03-01", end="2016-03-31", precision="month", actors=[GOV])),
        (b, make_event(b, day="2016-03-01", end="2016-03-31", precision="month", actors=[GOV])),
    ])
    assert f.parties[0].grade == "Fair"  # would be a probable violation if precisely dated
    assert f.verdict == "possible violation"
    assert any("month precision" in step and "only partly" in step for step in f.trace)


def test_check_accepts_a_truce_path(example_path):
    a = make_document("Government jets bombed Idlib on Saturday.", "A", "2016-03-05")
    findings = check(example_path, fuse([(a, make_event(a, actors=[GOV]))]))
    assert findings[0].truce == "Idlib city humanitarian pause (example)"
    assert findings[0].as_dict()["type"] == "air_strike"


def test_party_fighting_an_excluded_group_is_not_a_violation(example_truce):
    a = make_document("Rebels and Islamic State fighters fought for the Idlib grain silos overnight.", "A", "2016-03-06")
    f = _only(example_truce, [(a, make_event(a, type="armed_clash", actors=[FSA, IS]))])
    assert f.verdict == "not a violation"
    assert any("directed at Islamic State" in step for step in f.trace)


def test_strike_on_excluded_group_target_is_not_a_violation(example_truce):
    from trucewatch.records import ActorRef
    a = make_document("Russian jets bombed an Islamic State depot outside Idlib.", "A", "2016-03-06")
    e = make_event(a, actors=[RUS])
    e.targets = [ActorRef(text="an Islamic State depot", name="Islamic State", sector="REB", role="target")]
    f = _only(example_truce, [(a, e)])
    assert f.verdict == "not a violation" and f.parties[0].exempted_by.startswith("directed at")


def test_prohibited_family_names_cover_their_act_types(example_path):
    import yaml

    from trucewatch.truce import parse_truce
    base = yaml.safe_load(example_path.read_text())
    a = make_document("Government artillery shelled Idlib on Saturday.", "A", "2016-03-05")
    pairs = [(a, make_event(a, type="shelling", actors=[GOV]))]
    for family, expected in (("violence", ["prohibited: violence"]), ("shelling", ["prohibited: shelling"]),
                             ("aerial", [])):
        terms = parse_truce({**base, "prohibited": [family], "obligations": []}, f"{family}.yaml")
        assert check(terms, fuse(pairs))[0].provisions == expected


def test_unresolved_perpetrators_make_it_unattributable_not_a_party(example_truce):
    a = make_document("Gunmen and fighters who came from the north attacked a checkpoint in Idlib.", "A", "2016-03-07")
    words = [("Gunmen", None, None, None), ("who", None, None, None), ("its aircraft", None, None, "MIL")]
    f = _only(example_truce, [(a, make_event(a, type="armed_clash", actors=words))])
    assert f.verdict == "unattributable" and f.parties == []
    assert any("'Gunmen'" in step and "cannot be graded" in step for step in f.trace)


def test_a_rebel_claim_of_responsibility_is_a_violation_by_the_rebels_only(example_truce):
    a = make_document("The Free Syrian Army claimed responsibility for shelling an army post in Idlib.", "A", "2016-03-07")
    claim = FSA + ("claims_responsibility", "perpetrator", "SYR")
    f = _only(example_truce, [(a, make_event(a, type="shelling", actors=[FSA], claims=[claim]))])
    assert f.verdict == "violation"
    assert [(p.party, p.grade) for p in f.parties] == [("Free Syrian Army", "Confirmed")]


def test_an_excluded_group_is_not_a_violation_even_where_the_place_is_unknown(example_truce):
    a = make_document("Islamic State fighters clashed with a militia somewhere in the hills.", "A", "2016-03-07")
    event = make_event(a, type="armed_clash", actors=[IS], place=None)
    f = _only(example_truce, [(a, event)])
    assert f.verdict == "not a violation"
    assert f.trace[-1] == "verdict: not a violation, whatever its time or place"


def test_a_party_where_the_place_is_unknown_stays_undetermined_and_says_why(example_truce):
    a = make_document("Government jets struck a village on Monday.", "A", "2016-03-07")
    f = _only(example_truce, [(a, make_event(a, actors=[GOV], place=None))])
    assert f.verdict == "undetermined"
    assert f.trace[-1].startswith("verdict: undetermined") and "area" in f.trace[-1]
    assert [p.party for p in f.parties] == ["SYR"]


def test_a_violent_act_on_civilians_is_an_attack_on_protected_even_unflagged(example_truce):
    from trucewatch.records import ActorRef

    a = make_document("Gunfire wounded twenty people at a bus stop in Idlib on Monday.", "A", "2016-03-07")
    event = make_event(a, type="attack", actors=[GOV]).model_copy(update={"targets": [
        ActorRef(text="twenty people", sector="CVL", protected=False)]})
    f = _only(example_truce, [(a, event)])
    assert "prohibited: attack_on_protected" in f.provisions and f.verdict == "possible violation"


def test_an_attack_on_soldiers_is_not_an_attack_on_protected(example_truce):
    from trucewatch.records import ActorRef

    a = make_document("Gunfire wounded two soldiers at a post in Idlib on Monday.", "A", "2016-03-07")
    event = make_event(a, type="attack", actors=[FSA]).model_copy(update={"targets": [
        ActorRef(text="two soldiers", sector="MIL", protected=False)]})
    f = _only(example_truce, [(a, event)])
    assert f.provisions == [] and f.verdict == "not a violation"
    assert "does not prohibit this act (attack)" in f.trace[-1]
