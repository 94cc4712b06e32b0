"""Acts pinned on a party without a verb of accusing, and accusations told in the passive
(issue 10 items 4 and 5).

"The Free Hills Front is suspected", "the attack was blamed on X", "X is believed to be behind
the attack", "officials said it was the work of X": each names who is accused of the act the
story reports. The accused goes on that act as a claim (stance `accuses`, the accused as its
value), never as the act's actor and never as a separate event; a party that says so of itself
claims responsibility, and one that denies it disputes who did it.

Every sentence is our own, written for these tests. Guards (which passed before) are marked.
"""
import pytest

BLAST = "A bomb went off outside a grain store in Dorvale on Tuesday, killing four people. "


def main_event(run, text):
    return next(e for e in run(text) if e.main)


def accusations(event):
    return [(c.claimant.text, c.value) for c in event.claims if c.stance == "accuses"]


@pytest.mark.parametrize("sentence, accuser", [
    ("The Free Hills Front is suspected.", "unnamed source"),
    ("The Free Hills Front was blamed for the attack.", "unnamed source"),
    ("The attack was blamed on the Free Hills Front.", "unnamed source"),
    ("The blast was attributed to the Free Hills Front.", "unnamed source"),
    ("The Free Hills Front is believed to be behind the attack.", "unnamed source"),
    ("The Free Hills Front was most likely behind the blast.", "unnamed source"),
    ("The Free Hills Front was responsible for the bombing, the governor said.", "the governor"),
    ("Local officials said it was the work of the Free Hills Front.", "Local officials"),
    ("The most likely culprits are fighters of the Free Hills Front.", "unnamed source"),
    ("Police suspect that the Free Hills Front carried out the attack.", "Police"),
])
def test_a_party_pinned_with_an_act_is_accused_of_that_act(run, sentence, accuser):
    events = run(BLAST + sentence)
    assert len(events) == 1  # the accusation is a claim on the bombing, no event of its own
    event = events[0]
    assert event.type == "bombing"
    accused = accusations(event)
    assert len(accused) == 1
    assert accused[0][0] == accuser
    assert "Free Hills Front" in accused[0][1]
    assert "Free Hills Front" not in " ".join(a.text for a in event.actors)  # accused, not proven


def test_a_relative_clause_blames_the_act_it_follows(run):
    events = run("A bomb went off outside a grain store in Dorvale, which the governor blamed on the "
                 "Free Hills Front.")
    assert [e.type for e in events] == ["bombing"]
    assert accusations(events[0]) == [("the governor", "the Free Hills Front")]


def test_an_allegation_names_the_doer_of_the_act_it_alleges(run):
    event = main_event(run, BLAST + "Residents alleged that militiamen had set off the bomb.")
    assert ("Residents", "militiamen") in accusations(event)


def test_a_party_that_pins_the_act_on_itself_claims_it(run):
    event = main_event(run, BLAST + "The Free Hills Front said it was behind the attack.")
    claimed = [c for c in event.claims if c.stance == "claims_responsibility"]
    assert [c.claimant.text for c in claimed] == ["The Free Hills Front"]
    assert accusations(event) == []


def test_denying_being_behind_an_act_disputes_who_did_it(run):
    events = run(BLAST + "The Free Hills Front denied it was behind the attack.")
    assert [e.type for e in events] == ["bombing"]  # not a "denial" event of its own
    denials = [c for c in events[0].claims if c.stance == "denies"]
    assert [(c.claimant.text, c.about) for c in denials] == [("The Free Hills Front", "perpetrator")]


def test_guard_not_behind_the_attack_accuses_no_one(run):
    event = main_event(run, BLAST + "The Free Hills Front was not behind the attack.")
    assert accusations(event) == []


def test_guard_a_suspected_doer_named_by_an_adjective_is_no_claim(run):
    event = main_event(run, "Soldiers shot dead four suspected smugglers near the border post at Tavi.")
    assert event.claims == []


def test_guard_an_active_accusation_still_names_the_accused(run):
    event = main_event(run, BLAST + "The governor blamed the Free Hills Front for the attack.")
    assert accusations(event) == [("The governor", "the Free Hills Front")]


def test_one_who_confesses_to_an_act_does_not_make_a_second_act(run):
    events = run("A gunman opened fire in a library in Dorvale. Days later he was arrested in Port "
                 "Calder and confessed to the shooting.")
    assert sorted(e.type for e in events) == ["arrest", "attack"]
    shooting = next(e for e in events if e.type == "attack")
    assert shooting.location is None or shooting.location.text != "Port Calder"


def test_a_group_that_admits_carrying_out_an_attack_claims_it(run):
    event = main_event(run, BLAST + "The Free Hills Front admitted carrying out the attack.")
    assert [c.stance for c in event.claims] == ["claims_responsibility"]
    assert [a.text for a in event.actors] == ["The Free Hills Front"]


@pytest.mark.parametrize("text", [
    "A market guard was killed in Beledweyne in a suicide attack claimed by al-Shabaab.",
    "Al-Shabaab took responsibility for the suicide attack that killed a market guard in Beledweyne.",
])
def test_an_attack_claimed_or_owned_up_to_names_its_claimant(run, text):
    event = main_event(run, text)
    claimed = [c for c in event.claims if c.stance == "claims_responsibility"]
    assert [c.value for c in claimed] == ["al-Shabab"]


def test_whoever_denies_an_act_in_the_passive_speaks_and_did_not_do_it(run):
    events = run("Jets bombed a bakery in Maarat al-Numan on Monday, killing five. The bombing was denied "
                 "by the army.")
    assert [e.type for e in events] == ["air_strike"]
    assert "the army" not in [a.text for a in events[0].actors]
    assert [(c.claimant.text, c.stance) for c in events[0].claims] == [("the army", "denies")]
