"""Event types and participants that PLOVER coders expect: vocabulary gaps (grants, hacking,
reneging, resigning, vows), ultimatums, whom a demand or threat is aimed at, the country an act
is done in, and the doer of a noun act through the verb that carries it. Invented sentences."""
from datetime import date

import pytest

from trucewatch.extract import extract

DAY = date(2024, 3, 6)


def events(text: str):
    return extract(text, published=DAY).events


def plover_types(text: str) -> list[str]:
    return [e.plover.event for e in events(text) if e.plover]


def first(text: str, plover_type: str):
    return next(e for e in events(text) if e.plover and e.plover.event == plover_type)


@pytest.mark.parametrize("text, expected", [
    ("Norway will give Chad a grant of five million dollars for water projects.", "AGREE"),
    ("Hackers hacked the computers of the ceasefire monitoring mission, officials said.", "COERCE"),
    ("The government has reneged on its commitment to hold elections in May.", "REJECT"),
    ("A local newspaper flouted the ban on reporting from the front line.", "REJECT"),
    ("The regional governor resigned on Tuesday after weeks of protests.", "RETREAT"),
    ("The separatists have sworn to fight until the last checkpoint falls.", "THREATEN"),
    ("Farmers blocked transport into the capital for six hours.", "PROTEST"),
    ("The mediators concluded that both sides must pull back their artillery.", "REQUEST"),
    ("Turkey is providing maps and intelligence to Jordan.", "AID"),
])
def test_vocabulary_gaps_give_the_coded_event(text, expected):
    assert expected in plover_types(text)


def test_a_violated_truce_stays_a_violation_not_a_rejection():
    assert plover_types("Both armies violated the truce overnight.")[:1] == ["ASSAULT"]


def test_a_press_release_is_no_release_of_prisoners():
    assert "CONCEDE" not in plover_types(
        "The army has been holding the village elders, according to a press release by the rebels.")


def test_an_act_announced_unless_a_condition_is_met_is_a_threat():
    conditional = "Chad said it will withdraw its troops from the buffer zone unless the rebels accept the truce."
    plain = "Chad said it will withdraw its troops from the buffer zone next month."
    assert first(conditional, "THREATEN").status == "planned"
    assert "THREATEN" not in plover_types(plain)
    assert "AGREE" in plover_types(plain)  # an announced pull-back is an intent


def test_whom_a_demand_obliges_is_its_target():
    demand = first("Kenya demanded that Uganda withdraw its troops from the border.", "REQUEST")
    assert "UGA" in [t.country for t in demand.targets]
    said = first("The envoy said Ethiopia must reopen the border crossing.", "REQUEST")
    assert "ETH" in [t.country for t in said.targets]


@pytest.mark.parametrize("text, country", [
    ("Armenia threatened to cut relations with Azerbaijan.", "AZE"),
    ("The parliament threatened to break relations with Russia over the radar base.", "RUS"),
])
def test_a_threat_is_aimed_at_the_target_of_what_it_threatens(text, country):
    threat = first(text, "THREATEN")
    assert country in [t.country for t in threat.targets]


def test_the_country_a_non_violent_act_is_done_in_is_its_target():
    curfew = first("The army imposed a curfew in Sudan after the riots.", "COERCE")
    assert "SDN" in [t.country for t in curfew.targets]


def test_the_place_of_a_clash_is_not_its_target():
    clash = first("Rebels clashed with soldiers in Syria on Monday.", "ASSAULT")
    assert "SYR" not in [t.country for t in clash.targets]


def test_the_doer_of_a_noun_act_is_the_subject_of_the_verb_that_carries_it():
    curfew = first("Turkish authorities imposed a curfew on the border town.", "COERCE")
    assert [(a.country, a.sector) for a in curfew.actors] == [("TUR", "GOV")]


def test_surviving_an_attack_is_not_doing_it():
    attack = first("Turkish villagers survived an attack on their market.", "ASSAULT")
    assert "TUR" not in [a.country for a in attack.actors]


def test_an_order_that_does_a_coercive_act_is_that_act_and_occurred():
    closure = first("The military council ordered the radio station to suspend its broadcasts.", "COERCE")
    assert closure.status == "occurred"
    assert "REQUEST" not in plover_types("The military council ordered the radio station to suspend its broadcasts.")
    patrols = first("The governor has ordered patrols by police along the ceasefire line.", "MOBILIZE")
    assert patrols.status == "occurred"


def test_an_order_to_do_anything_else_stays_a_demand():
    assert "REQUEST" in plover_types("The court ordered the former minister to appear for questioning.")


def test_the_one_ready_to_act_is_its_doer():
    pullback = first("Armenia is willing to withdraw the battalion posted near the disputed villages, officials say.", "AGREE")
    assert "ARM" in [a.country for a in pullback.actors]


def test_nationals_named_by_their_nationality_are_targets():
    expulsion = first("Georgia expelled two Russian diplomats for spying.", "SANCTION")
    assert "RUS" in [t.country for t in expulsion.targets]


@pytest.mark.parametrize("text, event_type, mode", [
    ("Detained activists began a hunger strike on Monday to demand a fair trial.", "PROTEST", "hunger"),
    ("Dock workers called a general strike against the new curfew.", "PROTEST", "boycott"),
    ("The opposition will boycott the talks in the capital.", "THREATEN", "relations"),
    ("Gunmen tried to assassinate the ceasefire commission's chairman.", "ASSAULT", "assassinate"),
    ("Guards tortured two detained monitors, the report said.", "ASSAULT", "torture"),
    ("Soldiers beat up three journalists at the checkpoint.", "ASSAULT", "beat"),
    ("The rebels vowed to attack the capital.", "THREATEN", "violence"),
    ("The army threatened to shell the villages.", "THREATEN", "violence"),
])
def test_modes_follow_the_plover_2021_table(text, event_type, mode):
    assert mode in [e.plover.mode for e in events(text) if e.plover and e.plover.event == event_type]


def test_curfews_and_emergency_rule_have_their_own_modes():
    curfew = first("The governor imposed a curfew on the northern districts.", "COERCE")
    assert curfew.plover.mode == "curfew" and curfew.cameo == "1723"
    emergency = first("The interim government declared a state of emergency in the border province.", "COERCE")
    assert emergency.plover.mode == "martial-law"
    assert [a.sector for a in emergency.actors] == ["GOV"]  # the declaring side does it


def test_preventing_a_protest_is_not_staging_it():
    demo = first("Police prevented a demonstration by displaced families outside the ministry.", "PROTEST")
    assert "COP" not in [a.sector for a in demo.actors]
    assert [a.text for a in demo.actors] == ["displaced families"]  # the ones who meant to protest


def test_failing_to_agree_is_a_rejection():
    assert "REJECT" in plover_types("The two delegations failed to reach agreement on the buffer zone.")
    assert "REJECT" not in plover_types("The two delegations reached agreement on the buffer zone.")


def test_the_verb_is_the_act_when_its_object_is_an_act_of_another_event():
    support = first("Ghana will support the draft resolution on the truce monitors.", "AGREE")
    assert support.type == "support"  # a planned endorsement, not the resolution's appeal
    assert "REQUEST" not in plover_types("Ghana will support the draft resolution on the truce monitors.")


def test_the_doer_of_a_chain_of_complements_is_the_first_subject():
    shelling = next(e for e in events("The Azerbaijani army prepared to resume shelling the border villages.")
                    if e.type == "shelling")
    assert [(a.country, a.sector) for a in shelling.actors] == [("AZE", "MIL")]


def test_the_place_a_force_withdraws_from_is_not_its_doer():
    withdrawal = first("Georgian troops completed their withdrawal from the Abkhaz town.", "RETREAT")
    assert [a.country for a in withdrawal.actors] == ["GEO"]


def test_a_mediation_effort_is_aimed_at_the_sides_it_is_between():
    mediation = first("Qatar launched a mediation effort between Ethiopia and Eritrea.", "CONSULT")
    assert {"ETH", "ERI"} <= {t.country for t in mediation.targets}


def test_what_is_shared_with_someone_makes_them_the_partner():
    sharing = first("Jordanian officers shared intelligence with Egypt about the smuggling routes.", "COOPERATE")
    assert "EGY" in [t.country for t in sharing.targets]


def test_a_group_word_is_a_target_of_sanctions():
    sanctions = first("Canada imposed sanctions on the Houthi faction that controls the port.", "SANCTION")
    assert [(a.country, a.sector) for a in sanctions.actors] == [("CAN", None)]  # the one imposing
    assert [t.country for t in sanctions.targets] == ["YEM"]


def test_letting_aid_in_is_humanitarian_access():
    access = first("The army allowed aid convoys into the besieged town on Sunday.", "RETREAT")
    assert access.plover.mode == "access" and access.cameo == "0863"
    assert "RETREAT" not in plover_types("The army allowed journalists to film the parade.")


def test_whom_a_lifted_measure_was_on_is_the_target():
    lifted = first("Israel lifted the blockade on Palestinian fishing boats.", "RETREAT")
    assert "PSE" in [t.country for t in lifted.targets]


def test_fighters_in_a_country_belong_to_it_unless_named_otherwise():
    blockade = first("Rebels in Chad blocked the main road to the airport.", "PROTEST")
    assert [(a.country, a.sector) for a in blockade.actors] == [("TCD", "REB")]
    raid = first("Russian troops in Syria attacked the base.", "ASSAULT")
    assert [a.country for a in raid.actors] == ["RUS"]


def test_peacekeepers_arriving_are_protection_not_a_buildup():
    arrival = first("Bangladeshi peacekeeping troops arrived in Sierra Leone on Tuesday.", "AID")
    assert arrival.plover.mode == "peacekeeping" and arrival.cameo == "074"
    assert "AID" not in plover_types("Syrian troops arrived in the town on Tuesday.")
