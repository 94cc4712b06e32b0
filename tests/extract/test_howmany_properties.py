"""Property tests: the number reader never crashes and always gives low <= best <= high."""
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.extract.howmany import find_casualties, read_count

WORDS = ["at", "least", "more", "than", "up", "to", "nearly", "some", "between", "and", "or",
         "a", "dozen", "dozens", "of", "hundreds", "twenty-three", "two", "hundred", "12", "1,200",
         "0", "999999999999", "people", "civilians", "were", "killed", "wounded", "killing",
         "left", "injured", "no", "one", "the", "death", "toll", "rose", "10-year-old", "-", ",",
         "including", "women", "casualties", "dead", "plus", "so", "1.5", "million", "nobody"]

phrases = st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join)
texts = st.one_of(st.text(max_size=150), phrases)


def ordered(low, best, high) -> bool:
    known = [v for v in (low, best, high) if v is not None]
    return all(v >= 0 for v in known) and known == sorted(known)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_read_count_never_crashes_and_is_ordered(text):
    count = read_count(text)
    assert count is None or (len(count) == 3 and ordered(*count))


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=0, max_value=10_000))
def test_find_casualties_never_crashes_and_is_ordered(text, offset):
    found = find_casualties(text, offset=offset)
    for mention in found:
        c = mention.casualties
        assert ordered(c.low, c.best, c.high)
        assert mention.kind in ("killed", "injured", "casualties")
        assert text[mention.start - offset:mention.end - offset] == c.text == mention.text
