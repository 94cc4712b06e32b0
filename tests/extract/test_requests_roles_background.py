"""Requests, reversed roles, new vocabulary and background acts (issue 3, PETRARCH misses).

Every sentence here is invented for the test.
"""
from __future__ import annotations


def _by_type(events):
    return {event.type: event for event in events}


# --- "X wants Y to <act>" is X's appeal to Y; the act asked for is nobody's plan yet ---------

def test_wanting_someone_else_to_act_is_an_appeal_to_them(run):
    events = _by_type(run("The UN envoy wants both armies to pull back from the river crossing."))
    appeal = events["appeal"]
    assert appeal.cameo == "020" and appeal.plover.event == "REQUEST"
    assert [a.text for a in appeal.actors] == ["The UN envoy"]
    assert [t.text for t in appeal.targets] == ["both armies"]
    assert events["de_escalation"].status == "hypothetical"


def test_an_act_urged_on_another_side_is_hypothetical(run):
    events = _by_type(run("Turkey urged Russia to halt air strikes on the rebel-held province."))
    assert events["appeal"].status == "occurred"
    assert events["air_strike"].status == "hypothetical"


# --- "A received X from B": B gave, A got --------------------------------------------------

def test_received_weapons_makes_the_giver_the_initiator(run):
    event = _by_type(run("The border militia received rifles and ammunition from Iran."))["military_aid"]
    assert [a.country for a in event.actors] == ["IRN"]
    assert [t.text for t in event.targets] == ["The border militia"]


def test_received_assurances_is_the_givers_pledge(run):
    event = _by_type(run("Displaced families received assurances from the Lebanese government."))[
        "intent_to_cooperate"]
    assert [a.country for a in event.actors] == ["LBN"]
    assert [t.text for t in event.targets] == ["Displaced families"]


def test_received_ministers_is_a_visit_by_them(run):
    event = _by_type(run("The tribal council received two ministers from the Iraqi government."))["visit"]
    assert event.cameo == "042" and [a.country for a in event.actors] == ["IRQ"]


def test_accepting_demands_stays_the_accepters_act(run):
    event = _by_type(run("The governor accepted demands from the striking drivers."))["demands_met"]
    assert [a.text for a in event.actors] == ["The governor"]


# --- vocabulary ----------------------------------------------------------------------------

def test_presenting_evidence_against_someone_is_an_accusation(run):
    active = _by_type(run("Ukraine presented evidence against the separatist commanders."))
    assert active["accusation"].cameo[:2] == "11"
    passive = _by_type(run("Evidence against the militia was presented by the monitors."))["accusation"]
    assert [a.text for a in passive.actors] == ["the monitors"]


def test_advising_against_travel_cuts_relations(run):
    event = _by_type(run("Canada has advised against travel to the border districts."))["relations_cut"]
    assert event.cameo == "160"


def test_refusing_permission_is_a_rejection(run):
    event = _by_type(run("The minister said he would not give permission to the convoy to cross."))[
        "concession"]
    assert event.status == "negated" and event.cameo[:2] == "12"


def test_a_stopover_is_a_visit(run):
    assert "visit" in _by_type(run("The envoy's stopover in Amman lasted two hours."))


def test_crowds_demolishing_property_riot(run):
    assert "riot" in _by_type(run("The police station was demolished by angry demonstrators."))
    assert "looting" in _by_type(run("The police station was demolished by the militia."))


def test_comments_keep_their_topic_out_of_the_news(run):
    events = _by_type(run("The mayor expressed sorrow for the shooting at the checkpoint."))
    assert events["empathy"].cameo == "018" and "attack_on_civilians" not in events
    events = _by_type(run("The ministry expressed appreciation for Qatar's aid."))
    assert events["appreciation"].cameo == "013" and "aid_delivered" not in events


def test_a_pause_in_the_shelling_is_no_shelling(run):
    events = _by_type(run("Residents reported a lull in the shelling of the old town."))
    assert events["shelling"].status == "negated"


def test_alleging_that_an_act_happened_is_an_accusation_on_it(run):
    event = _by_type(run("A rights group alleged that the army shelled the market in Douma."))["shelling"]
    assert [(c.stance, c.claimant.text) for c in event.claims] == [("accuses", "A rights group")]


# --- background: acts dated only against the news ----------------------------------------

def test_an_act_weeks_before_the_news_is_background(run):
    events = _by_type(run("Government troops withdrew from the buffer zone on Monday, two weeks after gunmen "
                          "abducted four engineers."))
    assert "abduction" not in events and "de_escalation" in events


def test_an_act_after_which_the_news_came_with_its_own_date_is_background(run):
    events = _by_type(run("The embassy suspended visits to the border after the bombing last week."))
    assert "bombing" not in events and "air_strike" not in events


def test_an_undated_act_in_a_time_clause_is_kept(run):
    events = _by_type(run("The army withdrew after rebels shelled the base."))
    assert "shelling" in events


# --- participants: countries after hostile prepositions, drawn-in sides, recipients --------

def test_a_country_fired_at_is_the_target_but_a_town_is_not(run):
    event = _by_type(run("Rebel gunners fired rockets at Turkey on Sunday."))["shelling"]
    assert "TUR" in [t.country for t in event.targets]
    event = _by_type(run("Rebel gunners fired rockets at Mosul on Sunday."))["shelling"]
    assert "Mosul" not in [t.text for t in event.targets]


def test_a_side_drawn_into_a_firefight_is_its_target(run):
    event = _by_type(run("Sudanese troops engaged Ethiopian border guards in a firefight near the dam."))[
        "armed_clash"]
    assert [a.country for a in event.actors] == ["SDN"]
    assert [t.country for t in event.targets] == ["ETH"]


def test_the_recipient_of_provided_support_is_the_target(run):
    event = _by_type(run("Egypt provided support to the Sudanese army."))["support"]
    assert [a.country for a in event.actors] == ["EGY"]
    assert [t.country for t in event.targets] == ["SDN"]


# --- wishes and described accusations --------------------------------------------------------

def test_what_one_hopes_others_will_do_is_hypothetical(run):
    events = run("The mayor said she hoped the commanders would be indicted for the shelling.")
    assert [e.status for e in events if e.type == "accusation"] == ["hypothetical"]


def test_people_described_as_accused_are_no_new_accusation(run):
    events = run("Two commanders accused of ordering the shelling remain in office.")
    assert "accusation" not in [e.type for e in events]
    events = run("The court freed a journalist charged with spying.")
    assert [e.type for e in events] == ["concession"]


# --- intentions: wanting or seeking to act oneself -----------------------------------------

def test_wanting_to_attack_is_a_threat_not_an_attack(run):
    events = _by_type(run("The militia commander wants to shell the harbour again."))
    assert "shelling" not in events and "appeal" not in events
    threat = events["threat"]
    assert threat.status == "occurred" and threat.cameo == "138" and threat.plover.event == "THREATEN"
    assert [t.text for t in threat.targets] == ["the harbour"]


def test_seeking_to_deepen_a_partnership_is_an_intent_to_cooperate(run):
    events = _by_type(run("Jordan and Iraq are seeking to deepen a partnership on border security."))
    assert "cooperation" not in events and events["intention"].cameo == "031"
    assert {a.country for a in events["intention"].actors} == {"JOR", "IRQ"}


def test_hoping_to_meet_is_an_intent_to_meet(run):
    events = _by_type(run("The rebel delegation hopes to meet the envoy next week."))
    assert events["intention"].cameo == "036" and "meeting" not in events


def test_an_aim_with_no_intent_code_stays_the_planned_act(run):
    events = _by_type(run("The inspectors want to investigate the depot."))
    assert "intention" not in events and events["investigation"].status == "planned"


def test_wanting_someone_else_to_act_is_still_an_appeal(run):
    assert "intention" not in _by_type(run("The envoy wants the militias to leave the port."))


def test_the_word_air_in_an_air_strike_does_not_hide_who_launched_it(run):
    event = _by_type(run("Jordan launched an air strike against a smuggling camp, the army said."))["air_strike"]
    assert [a.country for a in event.actors] == ["JOR"]


def test_wanting_to_help_a_country_is_an_intent_to_cooperate_with_it(run):
    event = _by_type(run("Qatar wants to help Lebanon."))["intention"]
    assert event.cameo == "030" and [t.country for t in event.targets] == ["LBN"]
