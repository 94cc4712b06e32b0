"""Transliteration variants of one name meet on the same key, without a list of special cases."""
import re

import pytest
from hypothesis import given, strategies as st

from trucewatch.places.names import fold, name_key, skeleton


@pytest.mark.parametrize("a, b", [
    ("Deir ez-Zor", "Deir Ezzor"),
    ("Al-Raqqa", "Raqqa"),
    ("ash-Shaddadi", "Shaddadi"),
])
def test_articles_and_hyphens_vanish_from_the_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Khan Shaykhun", "Khan Sheikhoun"),
    ("Qamishli", "Kamishli"),
    ("Chebaa", "Shebaa"),
    ("Hama", "Hamah"),
    ("Douma", "Duma"),
])
def test_spelling_variants_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


def test_different_places_keep_different_skeletons():
    assert skeleton("Aleppo") != skeleton("Idlib")
    assert skeleton("Homs") != skeleton("Hama")


def test_arabic_script_drops_the_article_and_marks():
    assert name_key("دير الزور") == name_key("دير زور")
    assert name_key("إدلب") == name_key("ادلب")


def test_fold_strips_accents_and_ayn_marks():
    assert fold("Ţarābulus") == "tarabulus"
    assert fold("Ma‘arrat") == "maarrat"


@given(st.text(max_size=40))
def test_keys_never_fail_and_are_idempotent_on_their_output(text):
    key = name_key(text)
    assert " " not in key
    assert name_key(key) == key or key == ""
    assert isinstance(skeleton(text), str)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'", min_size=1, max_size=30))
def test_case_and_apostrophes_do_not_change_the_key(text):
    # one exception by design: "US" in capitals is the country, "us" an Arabic article ("A-US")
    if not re.search(r"(?<![a-z])us(?![a-z])", text):
        assert name_key(text.upper()) == name_key(text)
    assert name_key(text.replace("'", "")) == name_key(text)
