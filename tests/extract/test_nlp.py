"""The spaCy pipeline: loaded once, model chosen by configuration, clear error when missing."""
from __future__ import annotations

import pytest

from trucewatch.errors import ConfigError
from trucewatch.nlp import DEFAULT_MODEL, get_nlp, model_name


def test_loaded_once(nlp):
    assert get_nlp() is nlp


def test_model_name_from_environment(monkeypatch):
    monkeypatch.delenv("TRUCEWATCH_SPACY_MODEL", raising=False)
    assert model_name() == DEFAULT_MODEL
    monkeypatch.setenv("TRUCEWATCH_SPACY_MODEL", "en_core_web_trf")
    assert model_name() == "en_core_web_trf"


def test_missing_model_is_a_sentence():
    with pytest.raises(ConfigError) as error:
        get_nlp("no_such_model_xyz")
    assert "no_such_model_xyz" in str(error.value) and "not installed" in str(error.value)


def test_parse_has_what_extraction_reads(nlp):
    doc = nlp("Government jets struck the market in Idlib on Monday.")
    assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA") and doc.ents
