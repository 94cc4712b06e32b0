"""Who is an actor: no datelines, pronouns, counts or places (issue 3, item 2).

All reports are invented for these tests.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.extract import links
from trucewatch.extract.who import datelines
from trucewatch.records import ActorRef


def _texts(refs):
    return [r.text for r in refs]


@pytest.mark.parametrize("text, dateline", [
    ("HAMA, Syria (Example Wire) - Jets struck a bakery.", "HAMA, Syria (Example Wire) - "),
    ("IDLIB - Jets struck a bakery.", "IDLIB - "),
    ("Example Gazette. DEIR EZZOR, Syria - Jets struck a bakery.", "DEIR EZZOR, Syria - "),
    ("ALEPPO, Syria, March 3 (Example Wire) \u2014 Jets struck a bakery.",
     "ALEPPO, Syria, March 3 (Example Wire) \u2014 "),
])
def test_datelines_are_found(nlp, text, dateline):
    doc = nlp(text)
    assert [doc.text[a:b] for a, b in datelines(doc)] == [dateline]


def test_no_dateline_in_an_ordinary_sentence(nlp):
    assert datelines(nlp("Jets struck a bakery - a busy one - in the town.")) == []


def test_a_phrase_the_tagger_ran_into_the_dateline_is_cut(run):
    actors = [a.text for e in run("IDLIB - Jets struck a bakery on Monday.") for a in e.actors]
    assert actors == ["Jets"]


def test_a_dateline_is_never_an_actor(run, only):
    event = only(run("HOMS, Syria (Example Wire) - Government helicopters dropped barrel bombs "
                     "on the district on Monday, killing nine people."))
    assert _texts(event.actors) == ["Government helicopters"]
    assert "barrel bombs" not in _texts(event.targets)


@pytest.mark.parametrize("text", [
    "Rebels shelled a market, which killed nine people.",
    "Both sides clashed near the town, each blaming the other.",
    "Gunmen abducted two aid workers. No group has claimed the kidnapping.",
])
def test_pronouns_and_determiners_are_not_actors(run, text):
    junk = {"which", "that", "each", "other", "who", "its", "No group"}
    for event in run(text):
        assert not junk & set(_texts(event.actors)), (event.type, _texts(event.actors))
        assert not junk & set(_texts(event.targets)), (event.type, _texts(event.targets))


def test_a_relative_pronoun_stands_for_its_noun(run):
    events = run("Soldiers who had deserted attacked a checkpoint near the river.")
    attack = next(e for e in events if e.actors)
    assert "who" not in _texts(attack.actors)


def test_counted_victims_and_places_are_not_initiators(run):
    events = run("Mourners in Qamhana buried nine people killed when an air strike hit the market.")
    for event in events:
        assert "nine people" not in _texts(event.actors)
        assert "Qamhana" not in _texts(event.actors)
    strike = next(e for e in events if e.type == "air_strike")
    assert "nine people" in _texts(strike.targets)


def test_an_unknown_thing_is_no_actor_but_a_known_capital_is(run, monkeypatch):
    def fake_resolve(text, on=None, implied_country=None):
        if text == "Damascus":
            return ActorRef(text=text, name="Syria", country="SYR", sector="GOV")
        return ActorRef(text=text)

    monkeypatch.setattr(links, "resolve_actor", fake_resolve)
    for event in run("Ten trucks blocked the road to the town on Monday."):
        assert "Ten trucks" not in _texts(event.actors)
    events = run("Damascus attacked the rebel town on Monday.")
    assert any(a.country == "SYR" for e in events for a in e.actors)


def test_its_helicopters_belong_to_the_possessor(run, only, monkeypatch):
    def fake_resolve(text, on=None, implied_country=None):
        if text == "The defence ministry of Ruritania":
            return ActorRef(text=text, name="Ruritania", country="RUR", sector="GOV")
        return ActorRef(text=text, sector="MIL" if "helicopter" in text else None)

    monkeypatch.setattr(links, "resolve_actor", fake_resolve)
    event = only(run("The defence ministry of Ruritania said its helicopters had struck a column "
                     "of armed men."), "air_strike")
    helicopters = next(a for a in event.actors if a.text == "its helicopters")
    assert helicopters.country == "RUR"


def test_coordinated_subjects_keep_their_of_phrase(run, only):
    event = only(run("Government forces and fighters of the Example Front clashed near the town."))
    assert _texts(event.actors) == ["Government forces", "fighters of the Example Front"]


@pytest.mark.parametrize("text, junk", [
    ("The fighting killed four soldiers near the bridge.", "The fighting"),
    ("Homs is not covered by the truce agreed for the province last week.", "Homs"),
    ("It was not clear who fired the shells at the clinic.", "who"),
])
def test_acts_places_and_question_words_are_not_actors(run, text, junk):
    for event in run(text):
        assert junk not in _texts(event.actors), (event.type, _texts(event.actors))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AB az,.-()\n\u2014")), max_size=80))
def test_dateline_reader_never_crashes_and_spans_end_with_a_dash(nlp, text):
    doc = nlp.make_doc(text)
    for start, end in datelines(doc):
        assert 0 <= start < end <= len(text)
        assert text[start:end].rstrip()[-1] in "-\u2013\u2014"
