"""The act-type vocabulary: complete for monitoring, and every code valid."""
from __future__ import annotations

import pytest
import yaml

from trucewatch.errors import ConfigError
from trucewatch.ontology import ACLED_SUB_EVENT_TYPES, PLOVER_EVENTS, default_ontology, load_ontology

MONITORING_TYPES = [
    "air_strike", "shelling", "armed_clash", "bombing", "suicide_bombing", "grenade_attack",
    "chemical_attack", "attack_on_civilians", "abduction", "territory_captured", "territory_retaken",
    "siege", "aid_blocked", "military_flight", "troop_movement", "de_escalation",
    "ceasefire_declared", "ceasefire_agreed", "ceasefire_collapsed", "ceasefire_violation_alleged",
    "aid_delivered", "evacuation", "arrest", "protest", "meeting", "call", "visit", "negotiation",
    "appeal", "demand", "accusation", "denial", "threat", "sanction", "investigation",
]


def test_every_monitoring_type_is_defined():
    acts = default_ontology().acts
    assert [name for name in MONITORING_TYPES if name not in acts] == []


def test_codes_are_valid():
    for act in default_ontology().acts.values():
        assert act.plover is None or act.plover.event in PLOVER_EVENTS
        assert act.cameo.isdigit()
        if act.acled:
            assert ACLED_SUB_EVENT_TYPES[act.acled.sub_event_type] == act.acled.event_type
        assert act.verbs or act.nouns or act.verbs_when, act.name


def test_acled_has_exactly_25_sub_event_types():
    assert len(ACLED_SUB_EVENT_TYPES) == 25


def test_crosswalk_of_an_air_strike():
    act = default_ontology()["air_strike"]
    assert (act.family, act.plover.event, act.plover.mode, act.cameo) == ("violence", "ASSAULT", "aerial", "195")
    assert act.acled.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize("body, reason", [
    ({"acts": {"x": {"family": "violence", "cameo": "19", "plover": {"event": "FIGHT"}, "verbs": ["hit"]}}},
     "PLOVER"),
    ({"acts": {"x": {"family": "violence", "cameo": "19", "verbs": ["hit"],
                     "acled": {"event_type": "Battles", "sub_event_type": "Air strike"}}}}, "ACLED"),
    ({"acts": {"x": {"family": "violence", "cameo": "nineteen", "verbs": ["hit"]}}}, "CAMEO"),
    ({"acts": {"x": {"family": "violence", "cameo": "19", "verbs": ["hit"], "requires": "nothing"}}}, "group"),
    ({"acts": {"x": {"family": "violence", "cameo": "19", "verbs_when": {"nothing": ["launch"]}}}}, "verbs_when"),
    ({"acts": {"x": {"family": "violence", "cameo": "19", "verbs": ["hit"],
                     "victim_variants": {"troops": "y"}}}}, "victim_variants"),
    ({"acts": {"x": {"family": "rhetoric", "cameo": "11", "verbs": ["blame"]}},
      "claim_acts": {"accuses": "accusation"}}, "claim_acts"),
    ({"nothing": 1}, "acts"),
])
def test_loader_names_the_problem(tmp_path, body, reason):
    path = tmp_path / "acts.yaml"
    path.write_text(yaml.safe_dump(body))
    with pytest.raises(ConfigError) as error:
        load_ontology(path)
    assert str(path) in str(error.value) and reason in str(error.value)


def test_guarded_verbs_need_their_word_group():
    act = default_ontology()["troop_movement"]
    guarded = act.guarded("troops")
    assert (guarded.name, guarded.requires, guarded.priority) == ("troop_movement", "troops", act.priority + 1)
    assert ("troops", ) == tuple(group for group, words in act.verbs_when if "arrive" in words)


def test_every_claim_stance_with_an_act_names_a_reporting_act():
    ontology = default_ontology()
    assert ontology.claim_act("accuses").cameo == "112"
    assert ontology.claim_act("claims_responsibility").cameo == "015"
    assert ontology.claim_act("asserts") is None
