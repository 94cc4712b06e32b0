"""Accusations and denials told as events become claims on the act they speak of, not incidents."""
from __future__ import annotations

from trucewatch.incidents import fuse
from trucewatch.incidents.claim_acts import claims_of, fold_claim_acts
from trucewatch.incidents.model import Mention
from trucewatch.incidents.samples import FSA, GOV, make_document, make_event
from trucewatch.records import ActorRef, Span

ARMY = ("The army", "Syria", "SYR", "MIL")


def _at(event, document, phrase):
    """The event with its evidence moved onto `phrase`, so its place in the text is known."""
    start = document.text.index(phrase)
    return event.model_copy(update={"evidence": [Span(text=phrase, start=start, end=start + len(phrase))]})


def _strike_with_accusation_and_denial():
    doc = make_document("Jets struck the market in Idlib on Monday. The rebels accused government jets "
                        "of the raid. The army denied carrying out any strike.", "Example Wire", "2016-03-08")
    strike = _at(make_event(doc, 0, day="2016-03-07", actors=[GOV]), doc, "Jets struck the market")
    accusation = make_event(doc, 1, type="accusation", actors=[FSA])
    accusation = _at(accusation.model_copy(update={"targets": [
        ActorRef(text="government jets", name="Syria", country="SYR", sector="MIL", role="target")]}),
        doc, "The rebels accused")
    denial = _at(make_event(doc, 2, type="denial", actors=[ARMY]), doc, "The army denied")
    return doc, [(doc, strike), (doc, accusation), (doc, denial)]


def test_accusation_and_denial_make_no_incident_of_their_own():
    _, pairs = _strike_with_accusation_and_denial()
    incidents = list(fuse(pairs))
    assert [i.type for i in incidents] == ["air_strike"]
    stances = {(c.claimant.text, c.stance, c.value) for m in incidents[0].mentions for c in m.event.claims}
    assert ("rebels", "accuses", "SYR") in stances and ("The army", "denies", "SYR") in stances


def test_folded_denial_contests_the_accused_party():
    _, pairs = _strike_with_accusation_and_denial()
    incident = next(iter(fuse(pairs)))
    grades = {g.party: g for g in incident.parties}
    assert set(grades) == {"SYR"} and grades["SYR"].grade == "Contested"


def test_claim_text_points_at_the_speech_act_words():
    doc, pairs = _strike_with_accusation_and_denial()
    claims = claims_of(pairs[2][1])
    assert len(claims) == 1 and doc.text[claims[0].start:claims[0].end] == "The army denied"


def test_accusation_without_a_resolved_target_only_asserts_the_act():
    doc = make_document("Clashes broke out near Idlib. Each side blamed the other.", "A", "2016-03-08")
    accusation = make_event(doc, 1, type="accusation", actors=[("each", None, None, None)])
    claims = claims_of(accusation)
    assert [(c.stance, c.about, c.value) for c in claims] == [("asserts", "occurrence", None)]


def test_a_denial_with_no_act_in_its_report_stays_an_event():
    doc = make_document("The ministry denied reports of new strikes near Idlib.", "A", "2016-03-08")
    mentions = [Mention(doc, make_event(doc, type="denial", actors=[ARMY]))]
    assert fold_claim_acts(mentions) == mentions


def test_claims_never_attach_across_reports():
    a = make_document("Jets struck the market in Idlib on Monday.", "A", "2016-03-08")
    b = make_document("The army denied carrying out any strike in Idlib.", "B", "2016-03-08")
    mentions = [Mention(a, make_event(a, actors=[GOV])), Mention(b, make_event(b, type="denial", actors=[ARMY]))]
    folded = fold_claim_acts(mentions)
    assert [m.event.type for m in folded] == ["air_strike", "denial"]
    assert folded[0].event.claims == []
