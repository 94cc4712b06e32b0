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


@pytest.mark.parametrize(("name", "key", "word"), [
    ("place_words.yaml", "locative_preps", "on"), ("place_words.yaml", "locative_preps", "off"),
    ("act_words.yaml", "same_act_preps", "on"), ("clause_words.yaml", "negating_dets", "no"),
])
def test_yaml_keywords_stay_words(name, key, word):
    # Unquoted, YAML reads on/off/no as booleans and "fired on", "off the coast", "no attack" are lost.
    assert word in words(name, key)


@pytest.mark.parametrize("name", ["act_words.yaml", "place_words.yaml", "clause_words.yaml", "participants.yaml"])
def test_word_lists_hold_lower_case_strings(name):
    for key, listed in load(name).items():
        if key == "counted_victims":  # sector codes, upper case by design
            continue
        assert listed and all(isinstance(w, str) and w == w.lower() for w in listed), key


def test_module_word_sets_come_from_the_data_files():
    from trucewatch.extract import modality, name_spans, what, who
    assert what.LIGHT_VERBS == words("act_words.yaml", "light_verbs") and "conduct" in what.LIGHT_VERBS
    assert who.CARRIER_VERBS == what.LIGHT_VERBS | words("participants.yaml", "weapon_verbs")
    assert {"drop", "carry"} <= who.CARRIER_VERBS
    assert "'ll" in modality.FUTURE_AUX and "'s" in what.AUXILIARY_WORDS  # quoted contractions
    assert name_spans.GLUED_ARTICLES[:2] == ("al", "el")  # a tuple in file order
