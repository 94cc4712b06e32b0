"""How the PETRARCH2 scorer reads an event of ours as the code of its sentence (documented in
trucewatch/evaluate/petrarch.py): claims heading a sentence, planned acts, refusals."""
from __future__ import annotations

from datetime import date

from trucewatch.evaluate.petrarch import petrarch_event
from trucewatch.records import Claim, Claimant, Event, Plover, When, ActorRef

TEXT = "Officials in Ruritania said militias attacked the depot."
WHEN = When(start=date(2016, 3, 10), end=date(2016, 3, 10), precision="day")


def attack(*claims, status="occurred", actors=()):
    return Event(id="d:1", type="attack", status=status, plover=Plover(event="ASSAULT"), cameo="190",
                 when=WHEN, claims=list(claims), actors=list(actors))


def claim(claimant_text, stance="asserts", country="RUR", text=TEXT):
    return Claim(claimant=Claimant(text=claimant_text, country=country), stance=stance, about="occurrence",
                 text=text, start=0, end=len(text))


def test_an_attack_reported_by_the_actor_heading_the_sentence_is_its_accusation():
    assert petrarch_event(attack(claim("Officials in Ruritania"))).cameo == "112"


def test_the_accuser_is_the_source_and_the_accused_the_target():
    doer = ActorRef(text="Freedonian militias", country="FRE", role="initiator")
    scored = petrarch_event(attack(claim("Officials in Ruritania"), actors=[doer]))
    assert [a.country for a in scored.actors] == ["RUR"]
    assert [a.country for a in scored.targets] == ["FRE"]


def test_an_attack_its_own_doer_reports_is_a_claim_of_responsibility():
    doer = ActorRef(text="Ruritanian jets", country="RUR", role="initiator")
    assert petrarch_event(attack(claim("Officials in Ruritania"), actors=[doer])).cameo == "015"


def test_a_trailing_attribution_only_sources_the_act():
    text = "Militias attacked the depot, officials in Ruritania said."
    assert petrarch_event(attack(claim("officials in Ruritania", text=text))).cameo == "190"


def test_an_unnamed_claimant_changes_nothing():
    assert petrarch_event(attack(claim("Officials in Ruritania", country=None))).cameo == "190"


def test_a_planned_act_is_scored_by_its_own_code():
    event = Event(id="d:1", type="expulsion", status="planned", cameo="136", when=WHEN)
    assert petrarch_event(event).cameo == "174"


def test_negated_acts_are_not_scored_but_refusals_are():
    assert petrarch_event(attack(status="negated")) is None
    refusal = Event(id="d:1", type="support", status="negated", cameo="120", when=WHEN)
    assert petrarch_event(refusal).cameo == "120"


def test_an_accusation_heading_the_sentence_counts_without_a_country():
    text = "A monitoring report alleged that militias attacked the depot."
    scored = petrarch_event(attack(claim("A monitoring report", stance="accuses", country=None, text=text)))
    assert scored.cameo == "112"


def test_a_plan_its_doer_announces_at_the_head_is_scored_as_the_intent():
    text = "Ruritania announced it would free the detained monitors."
    doer = ActorRef(text="Ruritania", country="RUR", role="initiator")
    planned = Event(id="d:1", type="concession", status="planned", cameo="035", when=WHEN,
                    actors=[doer], claims=[claim("Ruritania", text=text)])
    assert petrarch_event(planned).cameo == "035"
    trailing = "Ruritania would free the detained monitors, officials in Freedonia said."
    reported = planned.model_copy(update={"claims": [claim("officials in Freedonia", country="FRE", text=trailing)]})
    assert petrarch_event(reported).cameo == "080"


def test_a_hypothetical_act_such_as_one_asked_of_another_is_not_scored():
    assert petrarch_event(attack(status="hypothetical")) is None
