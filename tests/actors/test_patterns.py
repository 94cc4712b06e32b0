"""Entity-ruler patterns let a spaCy pipeline mark multiword actor names with their ids."""
from __future__ import annotations

import pytest
import spacy

from trucewatch.actors import entity_patterns


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")  # no model needed to check the patterns themselves
    pipeline.add_pipe("entity_ruler").add_patterns(entity_patterns())
    return pipeline


def test_patterns_have_label_pattern_and_id():
    patterns = entity_patterns()
    assert patterns and all({"label", "pattern", "id"} <= set(p) for p in patterns)
    assert not any(p["id"] == "term-aircraft" for p in patterns)  # generic words left out
    assert any(p["id"] == "term-aircraft" for p in entity_patterns(include_terms=True))
    assert {p["label"] for p in entity_patterns(label="ACTOR")} == {"ACTOR"}


def test_multiword_names_become_one_entity_with_the_actor_id(nlp):
    doc = nlp("Fighters of Jabhat Fateh al-Sham shelled a road, the Syrian Observatory for "
              "Human Rights said, while the U.N. and the Kremlin called for calm.")
    found = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents}
    assert ("Jabhat Fateh al-Sham", "ORG", "nusra-front") in found
    assert ("Syrian Observatory for Human Rights", "ORG", "sohr") in found
    assert ("U.N.", "ORG", "un") in found
    assert ("Kremlin", "ORG", "RUS") in found


def test_people_plurals_accents_and_acronym_case(nlp):
    doc = nlp("Erdogan met Houthis while who knows what WHO said.")
    found = {(ent.text, ent.ent_id_) for ent in doc.ents}
    assert ("Erdogan", "recep-tayyip-erdogan") in found
    assert ("Houthis", "houthis") in found
    assert ("WHO", "who") in found
    assert all(ent.text != "who" for ent in doc.ents)


def test_capitals_are_left_to_the_gazetteer(nlp):
    doc = nlp("Officials in Damascus spoke.")
    assert all(ent.text != "Damascus" for ent in doc.ents)
