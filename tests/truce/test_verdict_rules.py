"""The act apart from the actor: denials, independent sources, and capabilities as the only way to
name a perpetrator nobody reported. Reports are our own; the truce is the shipped example (Idlib,
1-14 March 2016; parties SYR, RUS, Free Syrian Army; capabilities: only SYR or RUS fly)."""
from __future__ import annotations

import pytest
import yaml

from trucewatch.errors import ConfigError
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import FSA, GOV, IS, make_document, make_event
from trucewatch.truce import check
from trucewatch.truce.terms import parse_truce

ARMY = ("an army spokesman", "Syria", "SYR", "MIL")
MONITORS = ("the ceasefire monitors", None, None, "IGO")
TURKEY = ("Turkish drones", "Turkey", "TUR", "MIL")


def only_finding(truce, pairs):
    incidents = list(fuse(pairs))
    assert len(incidents) == 1
    return incidents[0], check(truce, incidents)[0]


def two_outlets(first: str, second: str, day: str = "2016-03-06", **event):
    a = make_document(first, "Valley Radio", day)
    b = make_document(second, "Northern Courier", day)
    return [(a, make_event(a, **event)), (b, make_event(b, **event))]


class TestTheAccusedsDenial:
    def test_lowers_the_partys_grade_but_not_the_act_when_two_sources_report_it(self, example_truce):
        pairs = two_outlets("Army jets hit the covered market in Idlib on Sunday, a doctor said.",
                            "A raid by government planes wrecked Idlib's market; the army denied any raid.",
                            actors=[GOV], claims=[ARMY + ("denies", "occurrence", None)])
        incident, finding = only_finding(example_truce, pairs)
        assert incident.independent_sources == 2
        assert not incident.act_disputed  # the accused's word on its own role is not doubt about the act
        assert incident.parties[0].grade == "Contested"
        assert finding.verdict == "probable violation"
        assert finding.rule == "two independent sources" and finding.attribution == "contested"
        assert any(step.startswith("rule: two independent sources") for step in finding.trace)

    def test_with_a_single_source_the_act_itself_stays_in_doubt(self, example_truce):
        a = make_document("A raid by government planes wrecked Idlib's market; the army denied any raid.",
                          "Northern Courier", "2016-03-06")
        incident, finding = only_finding(example_truce, [(a, make_event(
            a, actors=[GOV], claims=[ARMY + ("denies", "occurrence", None)]))])
        assert incident.act_disputed
        assert finding.verdict == "possible violation" and finding.rule == "grade"

    def test_a_denial_by_someone_not_accused_still_puts_the_act_in_doubt(self, example_truce):
        pairs = two_outlets("Army jets hit the covered market in Idlib on Sunday, a doctor said.",
                            "Government planes bombed Idlib's market, residents said; monitors "
                            "denied that any raid took place.",
                            actors=[GOV], claims=[MONITORS + ("denies", "occurrence", None)])
        incident, _ = only_finding(example_truce, pairs)
        assert incident.act_disputed
        assert any("ceasefire monitors" in reason for reason in incident.act_dispute_reasons)


class TestTwoIndependentSources:
    def test_a_report_carrying_only_the_accuseds_account_is_no_second_witness(self, example_truce):
        a = make_document("Army jets hit a grain store in Idlib on Sunday, a farmer said.", "Valley Radio",
                          "2016-03-06")
        b = make_document("Officials said the Idlib grain store burned in an accidental fire.",
                          "Northern Courier", "2016-03-06")
        incident, finding = only_finding(example_truce, [
            (a, make_event(a, actors=[GOV])),
            (b, make_event(b, claims=[ARMY + ("disputes", "type", "accidental fire")]))])
        assert incident.independent_sources == 2 and incident.act_disputed
        assert finding.verdict == "possible violation" and finding.rule == "grade"

    def test_rival_accusations_between_parties_keep_it_probable(self, example_truce):
        pairs = two_outlets("Rockets hit a school in Idlib; the army blamed the rebels.",
                            "A rocket struck an Idlib school; rebels said the army fired it.",
                            type="shelling", actors=[GOV, FSA])
        _, finding = only_finding(example_truce, pairs)
        assert finding.verdict == "probable violation"
        assert {p.standing for p in finding.parties} == {"party"}

    def test_no_floor_when_a_named_perpetrator_is_not_a_party(self, example_truce):
        a = make_document("Army drones struck a car near Idlib, activists said.", "Valley Radio", "2016-03-06")
        b = make_document("Turkish drones hit a car outside Idlib, a local official said.",
                          "Northern Courier", "2016-03-06")
        _, finding = only_finding(example_truce, [(a, make_event(a, actors=[GOV])),
                                                  (b, make_event(b, actors=[TURKEY]))])
        assert {p.grade for p in finding.parties} == {"Contested"}  # each names a different side
        assert finding.verdict == "possible violation"
        assert finding.rule == "grade"
        assert {p.party: p.standing for p in finding.parties}["TUR"] == "not a party"

    def test_an_act_by_an_excluded_group_is_still_not_a_violation(self, example_truce):
        pairs = two_outlets("Islamic State fighters shelled Idlib, two witnesses said.",
                            "Shells fired by Islamic State hit Idlib.", type="shelling", actors=[IS])
        _, finding = only_finding(example_truce, pairs)
        assert finding.verdict == "not a violation" and finding.rule == "not a party"


class TestCapabilities:
    def test_an_unattributed_strike_names_the_only_parties_that_fly(self, example_truce):
        pairs = two_outlets("An air raid destroyed a bakery in Idlib at dawn, residents said.",
                            "Warplanes bombed a bakery in Idlib early on Sunday.")
        _, finding = only_finding(example_truce, pairs)
        assert finding.verdict == "probable violation"
        assert finding.rule == "capability" and finding.attribution == "likely by capability"
        assert [(p.party, p.grade, p.standing) for p in finding.parties] == [
            ("SYR", "Likely (capability)", "party"), ("RUS", "Likely (capability)", "party")]
        assert any("capabilities[0]" in step and "only the Syrian and Russian air forces" in step
                   for step in finding.trace)
        assert finding.as_dict()["rule"] == "capability"

    def test_with_one_source_it_is_a_possible_violation(self, example_truce):
        a = make_document("An air raid destroyed a bakery in Idlib at dawn.", "Valley Radio", "2016-03-06")
        _, finding = only_finding(example_truce, [(a, make_event(a))])
        assert finding.verdict == "possible violation" and finding.rule == "capability"

    def test_without_an_entry_nobody_is_named_by_guess(self, example_truce):
        terms = example_truce.model_copy(update={"capabilities": []})
        pairs = two_outlets("An air raid destroyed a bakery in Idlib at dawn.",
                            "Warplanes bombed a bakery in Idlib early on Sunday.")
        _, finding = only_finding(terms, pairs)
        assert finding.verdict == "unattributable" and finding.parties == []

    def test_means_shared_with_a_non_party_leave_it_unattributable(self, example_path):
        data = yaml.safe_load(example_path.read_text())
        data["capabilities"] = [{"acts": ["aerial"], "only": ["SYR", "TUR"],
                                 "basis": "Two air forces operate over the province in this test."}]
        terms = parse_truce(data, "shared.yaml")
        pairs = two_outlets("An air raid destroyed a bakery in Idlib at dawn.",
                            "Warplanes bombed a bakery in Idlib early on Sunday.")
        _, finding = only_finding(terms, pairs)
        assert finding.verdict == "unattributable" and finding.rule == "capability"

    def test_a_named_perpetrator_is_judged_on_its_grade_not_on_capability(self, example_truce):
        a = make_document("Russian jets bombed Idlib's bakery, a doctor said.", "Valley Radio", "2016-03-06")
        _, finding = only_finding(example_truce, [(a, make_event(a, actors=[("Russian jets", "Russia", "RUS", "MIL")]))])
        assert finding.rule == "grade" and finding.verdict == "possible violation"

    @pytest.mark.parametrize("entry, message", [
        ({"acts": ["carpet_bombing"], "only": ["SYR"], "basis": "only the state has aircraft here"},
         "capabilities.0.acts"),
        ({"acts": ["aerial"], "only": ["Syrian Airforce Squadron X"], "basis": "only the state has aircraft here"},
         "capabilities.0.only"),
        ({"acts": ["aerial"], "only": ["SYR"]}, "capabilities.0.basis"),
        ({"acts": ["aerial"], "only": ["SYR"], "basis": "so"}, "capabilities.0.basis"),
    ])
    def test_entries_are_validated_and_errors_name_the_field(self, example_path, entry, message):
        data = yaml.safe_load(example_path.read_text())
        data["capabilities"] = [entry]
        with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
            parse_truce(data, "bad.yaml")
