"""Extraction's word lists are read from data files; a preposition list must keep "on" as a word
(unquoted, YAML would read it as true and the target of "fired on the convoy" would be lost)."""
import pytest

from trucewatch.extract.datafiles import actor_nouns, load, words


@pytest.mark.parametrize("key", ["target_preps", "noun_target_preps", "object_target_preps", "place_preps"])
def test_preposition_lists_keep_on_as_a_word(key):
    assert "on" in words("participants.yaml", key)


@pytest.mark.parametrize("key", ["requesting_verbs", "wishing_verbs", "wanting_verbs", "topic_preps",
                                 "sequence_words", "time_units"])
def test_clause_word_lists_are_single_lower_case_words(key):
    listed = load("clause_words.yaml")[key]
    assert listed and all(isinstance(w, str) and w == w.lower() and " " not in w for w in listed)


def test_verb_lists_read_against_one_lemma_hold_single_words():
    # _reports_own_act compares one token's lemma: a two-word entry ("call off") would never match.
    for key in ("not_doing_verbs", "receiving_verbs", "engaging_verbs"):
        assert all(" " not in verb for verb in words("participants.yaml", key)), key


def test_actor_nouns_join_the_person_group_and_force_lists():
    nouns = actor_nouns()
    assert {"rioter", "diplomat"} <= nouns
    assert words("participants.yaml", "person") < nouns
