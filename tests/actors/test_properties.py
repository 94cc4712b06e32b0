"""Property tests: the phrase reader never crashes and stays consistent."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.actors.text import tokenize
from trucewatch.records import ActorRef

WORDS = st.sampled_from(["the", "Syrian", "Russian", "warplanes", "U.N.", "pro-", "backed", "of",
                         "Hezbollah", "IS", "is", "hospital", "Lavrov", "'s", "-", "government",
                         "Assad", "forces", "convoy", "Kurdish", "coalition", "É", "  "])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_tokens_point_into_the_text(text):
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(text)
        assert token.key == token.key.casefold()


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=8).map(" ".join), st.sampled_from([None, "2016-03-01", "2030-01-01"]),
       st.sampled_from([None, "SYR", "YEM"]))
def test_resolve_never_crashes_and_keeps_the_text(dictionary, phrase, on, implied):
    ref = dictionary.resolve(phrase, on, implied_country=implied)
    assert ref is None or (isinstance(ref, ActorRef) and ref.text == phrase)
    if ref is not None and ref.country is not None:
        assert ref.country in dictionary.entries


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_resolve_accepts_any_text(dictionary, text):
    ref = dictionary.resolve(text)
    assert ref is None or ref.text == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4),
       st.sampled_from([", ", " and ", " or ", " & "]))
def test_coordinated_phrases_never_crash(dictionary, parts, joiner):
    text = joiner.join(parts)
    refs = dictionary.resolve_all(text, "2016-03-01", implied_country="SYR")
    assert len(refs) <= len(parts) + text.count(",") + text.count(" and ") + text.count(" or ") + 1
    assert all(ref.text and ref.text in text for ref in refs)
